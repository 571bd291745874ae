import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { createLocalServer, MAX_BODY_BYTES } from '../../local-server/server'
import { freshTown, openidOf } from '../helpers/town'

let server: Server
let base: string

beforeAll(async () => {
  await freshTown()
  server = createLocalServer({ staticDir: null, dataDir: null })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise((r) => server.close(r)))

async function signIn(openid: string): Promise<string> {
  const r = await fetch(`${base}/api/dev/sign-in`, { method: 'POST', body: JSON.stringify({ openid }) })
  expect(r.status).toBe(200)
  return ((await r.json()) as { token: string }).token
}

const call = (fn: string, body: string, token?: string) => fetch(`${base}/api/functions/${fn}`, { method: 'POST', body, headers: token ? { authorization: `Bearer ${token}` } : {} })

describe('local server', () => {
  test('a signed-in demo user calls a function as themself', async () => {
    const token = await signIn(openidOf('resident-1'))
    const r = await call('users', JSON.stringify({ action: 'users.me', data: {} }), token)
    expect(r.status).toBe(200)
    expect(await r.json()).toMatchObject({ ok: true, data: { name: '王秀兰' } })
  })

  test('only listed demo users can sign in', async () => {
    const r = await fetch(`${base}/api/dev/sign-in`, { method: 'POST', body: JSON.stringify({ openid: 'someone-else' }) })
    expect(r.status).toBe(400)
    expect(await r.json()).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
  })

  test('a missing, forged or edited token is refused with 401', async () => {
    const good = await signIn(openidOf('resident-1'))
    const [, mac] = good.split('.')
    const forged = `${Buffer.from(openidOf('town-admin')).toString('base64url')}.${mac}`
    for (const token of [undefined, 'garbage', forged, `${good}x`]) {
      const r = await call('users', JSON.stringify({ action: 'users.me', data: {} }), token)
      expect(r.status).toBe(401)
      expect(await r.json()).toEqual({ ok: false, code: 'UNAUTHENTICATED', message: '登录已失效，请重新登录' })
    }
  })

  test('malformed JSON, an unknown function and an oversized body get structured errors, and the server keeps serving', async () => {
    const token = await signIn(openidOf('resident-1'))
    const bad = await call('users', '{"action":', token)
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '请求格式不正确' })

    const unknown = await call('nope', '{}', token)
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toMatchObject({ ok: false, code: 'NOT_FOUND' })

    const huge = await call('users', JSON.stringify({ action: 'users.updateProfile', data: { name: 'x'.repeat(MAX_BODY_BYTES) } }), token)
    expect(huge.status).toBe(413)
    expect(await huge.json()).toEqual({ ok: false, code: 'INVALID_INPUT', message: '提交的内容过大，请精简后再试' })

    const after = await call('users', JSON.stringify({ action: 'users.me', data: {} }), token)
    expect(await after.json()).toMatchObject({ ok: true })
  })

  test('unknown API paths are 404 with a structured error; files outside storage are not served', async () => {
    const r = await fetch(`${base}/api/whatever`)
    expect(r.status).toBe(404)
    expect(await r.json()).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    const t = await fetch(`${base}/files/..%2f..%2fpackage.json`)
    expect(t.status).toBe(400)
    expect(await t.json()).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '文件地址不正确' })
  })
})
