import { invoke } from '../../local-server/functions'
import { MAX_EVENT_CHARS } from '../../cloudfunctions/_shared/router'
import { callAs, dumpAll, freshTown, openidOf } from '../helpers/town'

const asResident = { openid: openidOf('resident-1') }

describe('router: bad input gets a structured Chinese error and changes nothing', () => {
  beforeEach(() => freshTown())

  const bad: Array<[string, unknown]> = [
    ['not an object', 'users.me'],
    ['null', null],
    ['an array', [1, 2]],
    ['no action', { data: {} }],
    ['action of another function', { action: 'org.overview', data: {} }],
    ['unknown action', { action: 'users.deleteEverything', data: {} }],
    ['prototype key as action', { action: 'users.constructor', data: {} }],
    ['action not a string', { action: 42, data: {} }]
  ]

  test.each(bad)('%s', async (_label, event) => {
    const before = dumpAll()
    const { result } = await invoke('users', event, asResident)
    expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect((result as { message: string }).message).toMatch(/[\u4e00-\u9fa5]/)
    expect(dumpAll()).toEqual(before)
  })

  test.each([
    ['org.overview', 'users'],
    ['users.me', 'org'],
    ['deeds.rules', 'honour'],
    ['users.deleteEverything', 'users']
  ])('%s sent to %s is not supported there', async (action, fn) => {
    const { result } = await invoke(fn, { action, data: {} }, asResident)
    expect(result).toEqual({ ok: false, code: 'INVALID_INPUT', message: '不支持的操作' })
  })

  test('an oversized payload is refused before parsing', async () => {
    const before = dumpAll()
    const { result } = await invoke('users', { action: 'users.updateProfile', data: { name: 'x'.repeat(MAX_EVENT_CHARS + 1) } }, asResident)
    expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '提交的内容过大，请精简后再试' })
    expect(dumpAll()).toEqual(before)
  })

  test('an over-long field is refused with a field message', async () => {
    const { res } = await callAs('resident-1', 'users.updateProfile', { name: '很'.repeat(21) })
    expect(res).toEqual({ ok: false, code: 'INVALID_INPUT', message: '姓名最多 20 个字', fields: { name: '姓名最多 20 个字' } })
  })

  test('wrong types and unknown shapes are refused', async () => {
    for (const data of [{ largeFont: 'yes' }, { largeFont: 1 }, {}, null]) {
      const { res } = await callAs('resident-1', 'users.setPreferences', data)
      expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    }
  })

  test('an oversized page request is refused', async () => {
    const { res } = await callAs('town-admin', 'users.list', { pageSize: 5000 })
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
  })

  test('a forged cursor is refused', async () => {
    const { res } = await callAs('town-admin', 'users.list', { cursor: 'not-a-cursor' })
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '分页参数不正确' })
  })

  test('identity comes from the WeChat context, never from the payload', async () => {
    const { res } = await callAs('resident-1', 'users.me', { openid: openidOf('town-admin'), OPENID: openidOf('town-admin') })
    // valibot's object() drops unknown keys; the caller stays who the context says.
    expect(res).toMatchObject({ ok: true, data: { name: '王秀兰', roles: ['resident'] } })
  })
})

describe('router: failures underneath', () => {
  beforeEach(() => freshTown())

  test('a database failure becomes INTERNAL with a Chinese message, and the next call works', async () => {
    const { localCloud } = await import('../../local-cloud')
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    localCloud.engine.dropCollection('units')
    const { result } = await invoke('org', { action: 'org.listUnits', data: {} }, asResident)
    expect(result).toEqual({ ok: false, code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' })
    expect(spy).toHaveBeenCalled()
    spy.mockRestore()
    const next = await invoke('org', { action: 'org.overview', data: {} }, asResident)
    expect(next.result).toMatchObject({ ok: true })
  })
})
