import type { ActionName, InputOf, OutputOf, Result } from '@/contract'
import { validateInput } from './validate'
import { consentRequired } from './consent-events'
// Taro resolves ./transport to transport.weapp.ts or transport.h5.ts per platform;
// tsc and jest see transport.ts, which has the same signature.
import { send } from './transport'

/**
 * The one way the front end talks to the cloud: validates with the contract schema,
 * then sends `{ action, data }` to the function named by the part before the dot.
 * Never throws; every failure is a Result with a Chinese message.
 */
export async function call<A extends ActionName>(action: A, input: InputOf<A>): Promise<Result<OutputOf<A>>> {
  const invalid = validateInput(action, input)
  if (invalid) return invalid
  const name = action.slice(0, action.indexOf('.'))
  const res = (await send(name, { action, data: input })) as Result<OutputOf<A>>
  if (!res.ok && res.code === 'CONSENT_REQUIRED') consentRequired()
  return res
}
