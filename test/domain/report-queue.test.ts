/** 待我处理: whose step each open status is, by scope. */
import type { RoleGrant } from '@/contract'
import { awaits, workScopes } from '@/domain/report-queue'

const at = '2026-10-01T00:00:00.000Z'
const grant = (g: Partial<RoleGrant> & Pick<RoleGrant, 'role'>): RoleGrant => ({ grantedAt: at, grantedBy: 'seed', ...g }) as RoleGrant

test('each role waits at its own steps, in its own scope; 挂起 waits for nobody', () => {
  const grid = workScopes({ isTown: false, grants: [grant({ role: 'grid_worker', villageId: 'v1', gridId: 'g1' })] })
  expect(grid).toEqual([{ scope: 'v:v1', statuses: ['submitted', 'rectified'] }])
  const both = workScopes({ isTown: false, grants: [grant({ role: 'grid_worker', villageId: 'v1' }), grant({ role: 'village_admin', villageId: 'v1' }), grant({ role: 'unit_staff', unitId: 'u1' })] })
  expect(both).toEqual([
    { scope: 'v:v1', statuses: ['submitted', 'accepted', 'returned', 'rectified'] },
    { scope: 'u:u1', statuses: ['dispatched', 'signed', 'answered'] }
  ])
  const town = workScopes({ isTown: true, grants: [grant({ role: 'town_admin' }), grant({ role: 'village_admin', villageId: 'v1' })] })
  expect(town).toEqual([{ scope: 'all', statuses: ['submitted', 'accepted', 'returned', 'rectified'] }])
  expect(workScopes({ isTown: false, grants: [grant({ role: 'resident' as RoleGrant['role'] })] })).toEqual([])

  const r = { status: 'submitted' as const, villageId: 'v1', unitId: null }
  expect(awaits(grid, r)).toBe(true)
  expect(awaits(grid, { ...r, villageId: 'v2' })).toBe(false)
  expect(awaits(grid, { ...r, status: 'accepted' })).toBe(false)
  expect(awaits(both, { status: 'signed', villageId: 'v9', unitId: 'u1' })).toBe(true)
  expect(awaits(both, { status: 'signed', villageId: 'v1', unitId: 'u2' })).toBe(false)
  expect(awaits(town, { ...r, villageId: 'v7', suspended: true })).toBe(false)
  expect(awaits(town, { ...r, villageId: 'v7' })).toBe(true)
})
