import { DEFAULT_MESSAGES, type Fail } from '@/contract'
import { NETWORK_FAILURE_MESSAGE, isResult, type Transport } from './transport-types'
import { SIGN_IN_PAGE, readLocalToken, restartOnSignIn, writeLocalToken } from './local-token'

const unauthenticated: Fail = { ok: false, code: 'UNAUTHENTICATED', message: DEFAULT_MESSAGES.UNAUTHENTICATED }

/** Sends the person to the dev sign-in page once, unless they are already there (or on the way: the restart sets the address first). */
function toSignIn(): void {
  if (typeof window === 'undefined' || window.location.hash.includes(SIGN_IN_PAGE)) return
  restartOnSignIn()
}

/** Local cloud: POST /api/functions/<name> with the bearer token from the dev sign-in. */
export const send: Transport = async (name, event) => {
  const token = readLocalToken()
  if (!token) {
    toSignIn()
    return unauthenticated
  }
  try {
    const res = await fetch(`/api/functions/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(event)
    })
    const body: unknown = await res.json().catch(() => null)
    if (res.status === 401 || (isResult(body) && !body.ok && body.code === 'UNAUTHENTICATED')) {
      writeLocalToken(null)
      toSignIn()
      return isResult(body) && !body.ok ? body : unauthenticated
    }
    if (isResult(body)) return body
    console.warn('[call] unexpected reply', name, event.action, res.status)
  } catch (err) {
    console.warn('[call] fetch failed', name, event.action, err)
  }
  return { ok: false, code: 'INTERNAL', message: NETWORK_FAILURE_MESSAGE }
}
