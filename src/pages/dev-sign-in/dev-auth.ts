/** Local cloud dev endpoints (H5 only; this folder is never compiled for weapp). */
export interface DemoUser {
  openid: string
  name: string
  /** e.g. "居民 · 东山村" */
  title: string
}

export type DevResult<T> = { ok: true; data: T } | { ok: false; message: string }

const NETWORK = '连不上本地服务，请确认已运行 npm start'

export async function fetchDemoUsers(): Promise<DevResult<DemoUser[]>> {
  try {
    const res = await fetch('/api/dev/demo-users')
    if (!res.ok) return { ok: false, message: `读取演示账号失败（${res.status}）` }
    const body = (await res.json()) as { users?: DemoUser[] }
    return { ok: true, data: Array.isArray(body.users) ? body.users : [] }
  } catch {
    return { ok: false, message: NETWORK }
  }
}

export async function signIn(openid: string): Promise<DevResult<string>> {
  try {
    const res = await fetch('/api/dev/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ openid })
    })
    const body = (await res.json().catch(() => null)) as { token?: string; message?: string } | null
    if (!res.ok || !body?.token) return { ok: false, message: body?.message ?? `登录失败（${res.status}）` }
    return { ok: true, data: body.token }
  } catch {
    return { ok: false, message: NETWORK }
  }
}

/** Groups by the role part of the title ("居民 · 东山村" → 居民), keeping the server's order. */
export function groupByRole(users: DemoUser[]): Array<{ role: string; users: DemoUser[] }> {
  const groups = new Map<string, DemoUser[]>()
  for (const user of users) {
    const role = user.title.split('·')[0]?.trim() || '其他'
    const list = groups.get(role) ?? []
    list.push(user)
    groups.set(role, list)
  }
  return Array.from(groups, ([role, list]) => ({ role, users: list }))
}
