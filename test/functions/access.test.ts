/**
 * Role enforcement generated from the contract: every action × every kind of caller. The callers
 * the contract allows succeed; every other caller gets FORBIDDEN (or UNAUTHENTICATED without a
 * profile) and the database is exactly as before.
 */
import { ACTION_NAMES, contract } from '../../src/contract'
import { callAs, dumpAll, freshTown } from '../helpers/town'
import { expectedAllowed, PERSONAS, SAMPLES } from '../helpers/access-samples'

const cases = ACTION_NAMES.flatMap((action) => PERSONAS.map((p) => [action, p.key, expectedAllowed(action, p)] as const))

describe('every action × every role', () => {
  beforeEach(() => freshTown())

  test.each(cases)('%s as %s → allowed=%s', async (action, key, allowed) => {
    const input = await SAMPLES[action](key)
    const before = dumpAll()
    const { res } = await callAs(key, action, input)
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
    expect(byKey.get('reports.accept|resident-1')).toBe(false)
    expect(byKey.get('reports.accept|village-admin-xigang')).toBe(true)
    expect(byKey.get('reports.sign|village-admin-dongshan')).toBe(false)
    expect(byKey.get('reports.sign|unit-zhifa')).toBe(true)
    expect(byKey.get('reports.ledger|grid-dongshan-1')).toBe(false)
    expect(byKey.get('reports.rate|town-admin')).toBe(true)
    expect(byKey.get('volunteers.signup|volunteer-1')).toBe(true)
    expect(byKey.get('volunteers.signup|town-admin')).toBe(false)
    expect(byKey.get('volunteers.manualCheck|volunteer-1')).toBe(true)
    expect(byKey.get('volunteers.manualCheck|resident-1')).toBe(false)
    expect(byKey.get('volunteers.saveTeam|village-admin-xigang')).toBe(false)
    expect(byKey.get('volunteers.saveSettings|village-admin-dongshan')).toBe(false)
  })

  test.each(ACTION_NAMES.filter((a) => contract[a].access.roles !== 'anyone'))('%s without a profile → UNAUTHENTICATED, nothing written', async (action) => {
    const input = await SAMPLES[action]('resident-1')
    const before = dumpAll()
    const { res } = await callAs({ openid: 'stranger-without-profile' }, action, input)
    expect(res).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
    expect(dumpAll()).toEqual(before)
  })

  test.each(ACTION_NAMES)('%s with no identity at all → UNAUTHENTICATED', async (action) => {
    const input = await SAMPLES[action]('resident-1')
    const before = dumpAll()
    const { res } = await callAs(null, action, input)
    expect(res).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
    expect(dumpAll()).toEqual(before)
  })
})
