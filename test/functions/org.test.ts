import { localCloud } from '../../local-cloud'
import { callAs, freshTown, ok } from '../helpers/town'

describe('org', () => {
  beforeEach(() => freshTown())

  test('overview lists the town, its villages in order, each with its grids, in ≤ 3 DB requests', async () => {
    const { res, dbRequests } = await callAs('resident-1', 'org.overview', {})
    if (!res.ok) throw new Error(res.message)
    expect(res.data.town).toEqual({ id: 'town', name: '西岗镇' })
    expect(res.data.villages.map((v) => v.name)).toEqual(['东山村', '西岗社区', '南湖村', '北岭村'])
    expect(res.data.villages[0].grids.map((g) => g.name)).toEqual(['东山一组网格', '东山二组网格', '东山三组网格'])
    expect(dbRequests).toBeLessThanOrEqual(3)
  })

  test('units are listed in order', async () => {
    const units = await ok('resident-1', 'org.listUnits', {})
    expect(units[0].name).toBe('镇综合行政执法中队')
    expect(units.length).toBeGreaterThanOrEqual(5)
  })

  test('a village admin adds and renames grids only in their own village', async () => {
    const grid = await ok('village-admin-dongshan', 'org.saveGrid', { villageId: 'v_dongshan', name: '东山四组网格' })
    expect(grid).toMatchObject({ villageId: 'v_dongshan', name: '东山四组网格', order: 40 })

    // Renaming a grid of another village by naming one's own village in the input finds nothing.
    const sneaky = await callAs('village-admin-dongshan', 'org.saveGrid', { id: 'g_xigang_1', villageId: 'v_dongshan', name: '改名' })
    expect(sneaky.res).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(localCloud.engine.find('grids', { _id: 'g_xigang_1' })[0]).toMatchObject({ name: '西岗第一网格' })

    const renamed = await ok('village-admin-dongshan', 'org.saveGrid', { id: 'g_dongshan_1', villageId: 'v_dongshan', name: '东山一组（新）' })
    expect(renamed.name).toBe('东山一组（新）')
    // profiles that carry the grid name follow the rename
    expect(localCloud.engine.find('users', { gridId: 'g_dongshan_1' }).every((u) => (u as { gridName: string }).gridName === '东山一组（新）')).toBe(true)
  })

  test('the town office adds a village and a unit; names are validated', async () => {
    const v = await ok('town-admin', 'org.saveVillage', { name: '新河村' })
    expect(v.name).toBe('新河村')
    expect((await ok('resident-1', 'org.overview', {})).villages.map((x) => x.name)).toContain('新河村')
    const u = await ok('town-admin', 'org.saveUnit', { name: '镇文明办', phone: '13800009999' })
    expect(u).toMatchObject({ name: '镇文明办', phone: '13800009999' })
    const blank = await callAs('town-admin', 'org.saveVillage', { name: '   ' })
    expect(blank.res).toMatchObject({ ok: false, code: 'INVALID_INPUT', fields: { name: '请填写村（居）名称' } })
  })

  test('renaming a village updates the name on its residents’ profiles', async () => {
    const renamed = await ok('town-admin', 'org.saveVillage', { id: 'v_nanhu', name: '南湖新村' })
    expect(renamed.grids.map((g) => g.name)).toEqual(['南湖上片网格', '南湖下片网格'])
    expect((await ok('resident-4', 'users.me', {})).villageName).toBe('南湖新村')
  })

  test('a save that changes nothing (a retry after a timeout) answers the saved record, not 没有找到; one audit entry per change', async () => {
    const audits = (targetId: string) => localCloud.engine.all('audit_log').filter((a) => a.targetId === targetId).length
    for (let i = 0; i < 2; i++) {
      expect(await ok('town-admin', 'org.saveVillage', { id: 'v_nanhu', name: '南湖新村' })).toMatchObject({ id: 'v_nanhu', name: '南湖新村' })
      expect(await ok('village-admin-dongshan', 'org.saveGrid', { id: 'g_dongshan_1', villageId: 'v_dongshan', name: '东山一组' })).toMatchObject({ id: 'g_dongshan_1', name: '东山一组' })
      expect(await ok('town-admin', 'org.saveUnit', { id: 'unit_1', name: '镇综合行政执法中队' })).toMatchObject({ id: 'unit_1' })
    }
    expect(audits('v_nanhu')).toBe(1)
    expect(audits('g_dongshan_1')).toBe(1)
    expect(audits('unit_1')).toBe(0) // its name was already that
    // a missing one is still 没有找到
    expect((await callAs('town-admin', 'org.saveVillage', { id: 'v_nowhere', name: '无此村' })).res).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect((await callAs('village-admin-dongshan', 'org.saveGrid', { id: 'g_xigang_1', villageId: 'v_dongshan', name: '东山一组' })).res).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })

  test('staff of a village: admins and grid workers with their grants', async () => {
    const staff = await ok('village-admin-dongshan', 'org.listStaff', { villageId: 'v_dongshan' })
    expect(staff.map((s) => `${s.name}:${s.grant.role}`).sort()).toEqual(['李卫东:village_admin', '王海涛:grid_worker', '刘桂芳:grid_worker'].sort())
    const all = await ok('town-admin', 'org.listStaff', {})
    expect(all.some((s) => s.grant.role === 'unit_staff')).toBe(true)
  })
})
