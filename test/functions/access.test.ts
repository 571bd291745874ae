/**
 * Role enforcement generated from the contract: every action × every kind of caller. The callers
 * the contract allows succeed; every other caller gets FORBIDDEN (or UNAUTHENTICATED without a
 * profile) and the database is exactly as before.
 */
import { ACTION_NAMES, contract, type ActionName, type Role } from '../../src/contract'
import { callAs, dumpAll, freshTown, userIdOf } from '../helpers/town'

interface Persona {
  key: string
  roles: Role[]
  /** The village the persona's authority covers (village-scoped roles only). */
  village?: string
}

const PERSONAS: Persona[] = [
  { key: 'resident-1', roles: ['resident'] },
  { key: 'volunteer-1', roles: ['resident', 'volunteer'] },
  { key: 'grid-dongshan-1', roles: ['resident', 'grid_worker'], village: 'v_dongshan' },
  { key: 'unit-zhifa', roles: ['resident', 'unit_staff'] },
  { key: 'village-admin-dongshan', roles: ['resident', 'village_admin'], village: 'v_dongshan' },
  { key: 'village-admin-xigang', roles: ['resident', 'village_admin'], village: 'v_xigang' },
  { key: 'town-admin', roles: ['resident', 'town_admin'] }
]

/** A valid input for each action, acting on 东山村 where a place is involved. Record<ActionName, …> makes a new action add one. */
const SAMPLES: Record<ActionName, () => unknown> = {
  'users.me': () => ({}),
  'users.updateProfile': () => ({ name: '新名字', phone: '13700000000' }),
  'users.acceptPrivacy': () => ({ version: '2026-11' }),
  'users.setPreferences': () => ({ largeFont: true }),
  'users.list': () => ({ villageId: 'v_dongshan' }),
  'users.assignRole': () => ({ userId: userIdOf('resident-2'), role: 'grid_worker', gridId: 'g_dongshan_3' }),
  'users.revokeRole': () => ({ userId: userIdOf('grid-dongshan-2'), role: 'grid_worker', gridId: 'g_dongshan_2' }),
  'org.overview': () => ({}),
  'org.listUnits': () => ({}),
  'org.listStaff': () => ({ villageId: 'v_dongshan' }),
  'org.saveVillage': () => ({ name: '新建村' }),
  'org.saveGrid': () => ({ villageId: 'v_dongshan', name: '东山四组网格' }),
  'org.saveUnit': () => ({ name: '镇文明办' })
}

function expectedAllowed(action: ActionName, p: Persona): boolean {
  const access = contract[action].access
  if (access.roles === 'anyone') return true
  const allowed = access.roles.filter((r) => p.roles.includes(r))
  if (allowed.length === 0) return false
  if (!access.scope || p.roles.includes('town_admin')) return true
  if (allowed.some((r) => r === 'resident' || r === 'volunteer')) return true
  return p.village === 'v_dongshan'
}

const cases = ACTION_NAMES.flatMap((action) => PERSONAS.map((p) => [action, p.key, expectedAllowed(action, p)] as const))

describe('every action × every role', () => {
  beforeEach(() => freshTown())

  test.each(cases)('%s as %s → allowed=%s', async (action, key, allowed) => {
    const before = dumpAll()
    const { res } = await callAs(key, action, SAMPLES[action]())
    if (allowed) {
      expect(res).toMatchObject({ ok: true })
    } else {
      expect(res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect(typeof (res as { message: string }).message).toBe('string')
      expect(dumpAll()).toEqual(before)
    }
  })

  test('the expectations are not vacuous: known refusals and grants', () => {
    const byKey = new Map(cases.map(([a, k, allowed]) => [`${a}|${k}`, allowed]))
    expect(byKey.get('users.assignRole|resident-1')).toBe(false)
    expect(byKey.get('users.assignRole|village-admin-dongshan')).toBe(false)
    expect(byKey.get('users.assignRole|town-admin')).toBe(true)
    expect(byKey.get('users.list|village-admin-xigang')).toBe(false)
    expect(byKey.get('users.list|village-admin-dongshan')).toBe(true)
    expect(byKey.get('org.saveGrid|grid-dongshan-1')).toBe(false)
    expect(byKey.get('users.me|resident-1')).toBe(true)
  })

  test.each(ACTION_NAMES.filter((a) => contract[a].access.roles !== 'anyone'))('%s without a profile → UNAUTHENTICATED, nothing written', async (action) => {
    const before = dumpAll()
    const { res } = await callAs({ openid: 'stranger-without-profile' }, action, SAMPLES[action]())
    expect(res).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
    expect(dumpAll()).toEqual(before)
  })

  test.each(ACTION_NAMES)('%s with no identity at all → UNAUTHENTICATED', async (action) => {
    const before = dumpAll()
    const { res } = await callAs(null, action, SAMPLES[action]())
    expect(res).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
    expect(dumpAll()).toEqual(before)
  })
})
