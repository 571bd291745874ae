import { send as sendH5 } from '@/services/transport.h5'
import { LOCAL_TOKEN_KEY, restartOnSignIn } from '@/services/local-token'
import { validateInput } from '@/services/validate'
import { call } from '@/services/call'
import { send } from '@/services/transport'

// call() is tested over a stub transport; the platform transports are tested below.
jest.mock('@/services/transport', () => ({ send: jest.fn(async () => ({ ok: true, data: { echoed: true } })) }))
const transport = { send: send as jest.MockedFunction<typeof send> }
// jsdom cannot reload a page: the restart is observed, the rest of the module is real.
jest.mock('@/services/local-token', () => ({ ...jest.requireActual('@/services/local-token'), restartOnSignIn: jest.fn() }))
const restart = restartOnSignIn as jest.MockedFunction<typeof restartOnSignIn>

function reply(status: number, body: unknown) {
  return { status, ok: status >= 200 && status < 300, json: async () => body } as unknown as Response
}

beforeEach(() => {
  jest.clearAllMocks()
  window.localStorage.clear()
})

describe('call()', () => {
  test('invalid input never leaves the device and names the field in Chinese', async () => {
    const res = await call('users.updateProfile', { phone: '12345' })
    expect(res).toEqual({ ok: false, code: 'INVALID_INPUT', message: '请填写 11 位手机号', fields: { phone: '请填写 11 位手机号' } })
    expect(transport.send).not.toHaveBeenCalled()
  })

  test('valid input goes to the function named before the dot, as { action, data }', async () => {
    const res = await call('org.saveGrid', { villageId: 'v1', name: '第三网格' })
    expect(res).toEqual({ ok: true, data: { echoed: true } })
    expect(transport.send).toHaveBeenCalledWith('org', { action: 'org.saveGrid', data: { villageId: 'v1', name: '第三网格' } })
  })

  test('every bad field is reported once, the first message leads', () => {
    const res = validateInput('users.assignRole', { userId: 'a b', role: 'mayor' } as never)
    expect(res?.message).toBe('用户编号格式不正确')
    expect(res?.fields).toEqual({ userId: '用户编号格式不正确', role: '角色不正确' })
  })
})

describe('H5 transport (local cloud)', () => {
  const fetchMock = jest.fn()
  beforeAll(() => {
    ;(globalThis as { fetch?: unknown }).fetch = fetchMock
  })

  test('posts the event with the bearer token and returns the Result body', async () => {
    window.localStorage.setItem(LOCAL_TOKEN_KEY, 'tok-1')
    fetchMock.mockResolvedValueOnce(reply(200, { ok: true, data: { id: 'me' } }))
    const res = await sendH5('users', { action: 'users.me', data: {} })
    expect(res).toEqual({ ok: true, data: { id: 'me' } })
    expect(fetchMock).toHaveBeenCalledWith('/api/functions/users', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer tok-1' },
      body: JSON.stringify({ action: 'users.me', data: {} })
    })
  })

  test('server failures come back as they are', async () => {
    window.localStorage.setItem(LOCAL_TOKEN_KEY, 'tok-1')
    fetchMock.mockResolvedValueOnce(reply(200, { ok: false, code: 'FORBIDDEN', message: '您没有权限进行此操作' }))
    expect(await sendH5('users', { action: 'users.list', data: {} })).toEqual({ ok: false, code: 'FORBIDDEN', message: '您没有权限进行此操作' })
  })

  test('no token: UNAUTHENTICATED without a request, and off to the sign-in page', async () => {
    const res = await sendH5('users', { action: 'users.me', data: {} })
    expect(res).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
    expect(fetchMock).not.toHaveBeenCalled()
    expect(restart).toHaveBeenCalledTimes(1)
  })

  test('a 401 drops the stale token and goes to sign in', async () => {
    window.localStorage.setItem(LOCAL_TOKEN_KEY, 'stale')
    fetchMock.mockResolvedValueOnce(reply(401, { error: 'expired' }))
    const res = await sendH5('users', { action: 'users.me', data: {} })
    expect(res).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
    expect(window.localStorage.getItem(LOCAL_TOKEN_KEY)).toBeNull()
    expect(restart).toHaveBeenCalledTimes(1)
  })

  test('network failure or a non-Result body is INTERNAL with the Chinese network message; never throws', async () => {
    window.localStorage.setItem(LOCAL_TOKEN_KEY, 'tok-1')
    jest.spyOn(console, 'warn').mockImplementation(() => undefined)
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    expect(await sendH5('users', { action: 'users.me', data: {} })).toEqual({ ok: false, code: 'INTERNAL', message: '网络不给力，请检查网络后重试' })
    fetchMock.mockResolvedValueOnce(reply(502, '<html>Bad gateway</html>'))
    expect(await sendH5('users', { action: 'users.me', data: {} })).toEqual({ ok: false, code: 'INTERNAL', message: '网络不给力，请检查网络后重试' })
  })
})
