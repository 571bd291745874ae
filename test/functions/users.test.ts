import { PRIVACY_VERSION } from '../../src/contract'
import { localCloud } from '../../local-cloud'
import { callAs, freshTown, ok, userIdOf } from '../helpers/town'

describe('users', () => {
  beforeEach(() => freshTown())

  test('a first visit stores nothing until the privacy notice is accepted; racing acceptances make exactly one profile', async () => {
    const who = { openid: 'o-new-person' }
    const visits = await Promise.all(Array.from({ length: 5 }, () => callAs(who, 'users.me', {})))
    for (const { res } of visits) expect(res).toMatchObject({ ok: true, data: { name: '', roles: ['resident'], phone: null, privacyVersion: null } })
    expect(localCloud.engine.count('users', { openid: 'o-new-person' })).toBe(0)
    // browsing is open, anything personal waits for consent
    expect((await callAs(who, 'honour.boards', {})).res).toMatchObject({ ok: true })
    expect((await callAs(who, 'reports.nearby', { category: 'litter', location: { lng: 120.31, lat: 30.41 } })).res).toMatchObject({
      ok: false,
      code: 'CONSENT_REQUIRED',
      message: '请先阅读并同意《用户隐私保护指引》，再使用这项功能'
    })
    expect((await callAs(who, 'users.updateProfile', { name: '新来的' })).res).toMatchObject({ ok: false, code: 'CONSENT_REQUIRED' })
    expect(localCloud.engine.count('users', { openid: 'o-new-person' })).toBe(0)

    const results = await Promise.all(Array.from({ length: 20 }, () => callAs(who, 'users.acceptPrivacy', { version: PRIVACY_VERSION })))
    for (const { res } of results) expect(res).toMatchObject({ ok: true, data: { name: '', roles: ['resident'], phone: null } })
    expect(localCloud.engine.count('users', { openid: 'o-new-person' })).toBe(1)
    const ids = new Set(results.map(({ res }) => (res.ok ? res.data.id : null)))
    expect(ids.size).toBe(1)
    expect(await ok(null as never, 'users.me', {}).catch(() => 'no identity')).toBe('no identity')
    expect((await callAs(who, 'users.updateProfile', { name: '新来的' })).res).toMatchObject({ ok: true, data: { name: '新来的' } })
  })

  test('a new version of the notice asks again: the person is refused until they accept it', async () => {
    localCloud.engine.update('users', { _id: userIdOf('resident-1') }, { $set: { privacyVersion: '2025-01' } })
    expect((await callAs('resident-1', 'reports.mine', {})).res).toMatchObject({ ok: false, code: 'CONSENT_REQUIRED' })
    expect((await ok('resident-1', 'users.me', {})).privacyVersion).toBe('2025-01')
    await ok('resident-1', 'users.acceptPrivacy', { version: PRIVACY_VERSION })
    expect((await callAs('resident-1', 'reports.mine', {})).res).toMatchObject({ ok: true })
  })

  test('volunteer registration asks its own consent for the ID number', async () => {
    const form = { realName: '王秀兰', idNumber: '11010519491231002X', phone: '13900000001', skills: [], villageId: 'v_dongshan' }
    const before = localCloud.engine.count('volunteers', {})
    for (const idConsent of [undefined, false]) {
      const { res } = await callAs('resident-1', 'volunteers.register', { ...form, idConsent })
      expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT', fields: { idConsent: '请阅读身份证号的使用说明，同意后再注册' } })
    }
    expect(localCloud.engine.count('volunteers', {})).toBe(before)
    await ok('resident-1', 'volunteers.register', { ...form, idConsent: true })
    expect(localCloud.engine.get('volunteers', userIdOf('resident-1'))).toMatchObject({ idConsentAt: expect.any(Date) })
  })

  test('users.me of an existing person costs one DB request', async () => {
    const { res, dbRequests } = await callAs('resident-1', 'users.me', {})
    expect(res).toMatchObject({ ok: true, data: { name: '王秀兰', villageName: '东山村', gridName: '东山一组网格', phone: '13900000001' } })
    expect(dbRequests).toBe(1)
  })

  test('profile edit validates the phone and the village/grid pair', async () => {
    const bad = await callAs('resident-1', 'users.updateProfile', { phone: '12345' })
    expect(bad.res).toMatchObject({ ok: false, code: 'INVALID_INPUT', fields: { phone: '请填写 11 位手机号' } })

    const wrongGrid = await callAs('resident-1', 'users.updateProfile', { villageId: 'v_nanhu', gridId: 'g_dongshan_1' })
    expect(wrongGrid.res).toMatchObject({ ok: false, code: 'INVALID_INPUT', fields: { gridId: '所选网格不属于该村（居）' } })

    const missing = await callAs('resident-1', 'users.updateProfile', { villageId: 'v_nowhere' })
    expect(missing.res).toMatchObject({ ok: false, code: 'INVALID_INPUT' })

    // Another village is a move for 南湖村 to confirm (users-moves.test.ts): she stays in 东山村 meanwhile.
    const { res, dbRequests } = await callAs('resident-1', 'users.updateProfile', { name: '王秀兰', phone: '13711112222', villageId: 'v_nanhu', gridId: 'g_nanhu_2' })
    expect(res).toMatchObject({
      ok: true,
      data: { phone: '13711112222', villageName: '东山村', gridName: '东山一组网格', pendingMove: { villageId: 'v_nanhu', villageName: '南湖村', gridName: '南湖下片网格' } }
    })
    expect(dbRequests).toBeLessThanOrEqual(3)
    const stored = localCloud.engine.find('users', { _id: userIdOf('resident-1') })[0] as { phone: string; villageId: string }
    expect(stored).toMatchObject({ phone: '13711112222', villageId: 'v_dongshan' })
  })

  test('asking for another village without a grid asks for no grid there and keeps the current one', async () => {
    const data = await ok('resident-1', 'users.updateProfile', { villageId: 'v_beiling' })
    expect(data).toMatchObject({ villageId: 'v_dongshan', gridId: 'g_dongshan_1', pendingMove: { villageId: 'v_beiling', gridId: null, gridName: null } })
  })

  test('the phone is full only for its owner and the town office', async () => {
    const asVillage = await ok('village-admin-dongshan', 'users.list', { villageId: 'v_dongshan' })
    const seen = asVillage.items.find((u) => u.id === userIdOf('resident-1'))
    expect(seen?.phone).toBe('139****0001')
    const asTown = await ok('town-admin', 'users.list', { villageId: 'v_dongshan' })
    expect(asTown.items.find((u) => u.id === userIdOf('resident-1'))?.phone).toBe('13900000001')
    for (const u of asVillage.items) if (u.phone && u.id !== userIdOf('village-admin-dongshan')) expect(u.phone).toMatch(/^\d{3}\*{4}\d{4}$/)
    expect(asVillage.items.find((u) => u.id === userIdOf('village-admin-dongshan'))?.phone).toBe('13800000011')
  })

  test('privacy consent and large-font preference are stored', async () => {
    const stale = await callAs('resident-1', 'users.acceptPrivacy', { version: '2020-01' })
    expect(stale.res).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    const accepted = await ok('resident-1', 'users.acceptPrivacy', { version: PRIVACY_VERSION })
    expect(accepted.privacyVersion).toBe(PRIVACY_VERSION)
    expect(accepted.privacyAcceptedAt).not.toBeNull()
    const prefs = await ok('resident-1', 'users.setPreferences', { largeFont: true })
    expect(prefs.largeFont).toBe(true)
    expect((await ok('resident-1', 'users.me', {})).largeFont).toBe(true)
  })

  test('list pages through a village with a cursor, newest first', async () => {
    const first = await ok('town-admin', 'users.list', { villageId: 'v_dongshan', pageSize: 3 })
    expect(first.items).toHaveLength(3)
    expect(first.next).not.toBeNull()
    const rest = await ok('town-admin', 'users.list', { villageId: 'v_dongshan', pageSize: 50, cursor: first.next ?? undefined })
    const all = [...first.items, ...rest.items]
    expect(new Set(all.map((u) => u.id)).size).toBe(all.length)
    expect(all.every((u) => u.villageId === 'v_dongshan')).toBe(true)
    expect(localCloud.engine.count('users', { villageId: 'v_dongshan' })).toBe(all.length)
    const times = all.map((u) => u.createdAt)
    expect([...times].sort().reverse()).toEqual(times)
    const found = await ok('town-admin', 'users.list', { keyword: '王' })
    expect(found.items.map((u) => u.name)).toEqual(['王海涛', '王秀兰'])
    const inVillage = await ok('village-admin-dongshan', 'users.list', { villageId: 'v_dongshan', keyword: '刘' })
    expect(inVillage.items.map((u) => u.name)).toEqual(['刘桂芳'])
  })

  test('the town office assigns and revokes roles, with an audit entry each time', async () => {
    const target = userIdOf('resident-2')
    const assigned = await ok('town-admin', 'users.assignRole', { userId: target, role: 'grid_worker', gridId: 'g_dongshan_3' })
    expect(assigned.roles).toEqual(['resident', 'grid_worker'])
    expect(assigned.grants[0]).toMatchObject({ role: 'grid_worker', villageId: 'v_dongshan', gridId: 'g_dongshan_3', grantedBy: userIdOf('town-admin') })
    // assigning the same grant twice keeps one
    const again = await ok('town-admin', 'users.assignRole', { userId: target, role: 'grid_worker', gridId: 'g_dongshan_3' })
    expect(again.grants).toHaveLength(1)
    const staff = await ok('village-admin-dongshan', 'org.listStaff', { villageId: 'v_dongshan' })
    expect(staff.some((s) => s.userId === target && s.grant.gridId === 'g_dongshan_3')).toBe(true)

    const revoked = await ok('town-admin', 'users.revokeRole', { userId: target, role: 'grid_worker', gridId: 'g_dongshan_3' })
    expect(revoked.roles).toEqual(['resident'])
    const audit = localCloud.engine.find('audit_log', { targetId: target }) as Array<{ action: string; by: string }>
    expect(audit.map((a) => a.action).sort()).toEqual(['assignRole', 'assignRole', 'revokeRole'])
    expect(audit.every((a) => a.by === userIdOf('town-admin'))).toBe(true)
  })

  test('role targets must exist and carry their place', async () => {
    const target = userIdOf('resident-2')
    const audits = localCloud.engine.count('audit_log', {})
    expect((await callAs('town-admin', 'users.assignRole', { userId: target, role: 'village_admin' })).res).toMatchObject({ ok: false, code: 'INVALID_INPUT', fields: { villageId: '请选择村（居）' } })
    expect((await callAs('town-admin', 'users.assignRole', { userId: target, role: 'unit_staff', unitId: 'unit_404' })).res).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect((await callAs('town-admin', 'users.assignRole', { userId: 'u_nobody', role: 'town_admin' })).res).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(localCloud.engine.count('audit_log', {})).toBe(audits)
  })

  test('the town office cannot remove its own town role', async () => {
    const me = userIdOf('town-admin')
    const { res } = await callAs('town-admin', 'users.revokeRole', { userId: me, role: 'town_admin' })
    expect(res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await ok('town-admin', 'users.me', {})).roles).toContain('town_admin')
  })

  test('concurrent role changes on one person are all applied (transactions, no lost update)', async () => {
    const target = userIdOf('resident-3')
    const grids = ['g_dongshan_1', 'g_dongshan_2', 'g_dongshan_3', 'g_xigang_1', 'g_xigang_2', 'g_nanhu_1']
    const results = await Promise.all(grids.map((gridId) => callAs('town-admin', 'users.assignRole', { userId: target, role: 'grid_worker', gridId })))
    const succeeded = results.filter(({ res }) => res.ok).length
    const stored = localCloud.engine.find('users', { _id: target })[0] as { grants: Array<{ gridId: string }>; scopeKeys: string[] }
    // Every call that reported success is in the stored grants; a call that lost a conflict says so.
    expect(stored.grants).toHaveLength(succeeded)
    for (const { res } of results) if (!res.ok) expect(res.code).toBe('CONFLICT')
    expect(localCloud.engine.count('audit_log', { targetId: target })).toBe(succeeded)
    expect(stored.scopeKeys).toContain('staff')
  })
})
