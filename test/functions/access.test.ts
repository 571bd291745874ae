/**
 * Role enforcement generated from the contract: every action × every kind of caller. The callers
 * the contract allows succeed; every other caller gets FORBIDDEN (CONSENT_REQUIRED before the
 * privacy notice is accepted, UNAUTHENTICATED without an identity) and the database is exactly as before.
 */
import { ACTION_NAMES, contract, DEFAULT_MESSAGES } from '../../src/contract'
import { localCloud } from '../../local-cloud'
import { callAs, dumpAll, freshTown, userIdOf } from '../helpers/town'
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

  const needsConsent = ACTION_NAMES.filter((a) => !contract[a].access.beforeConsent)
  const browsing = ACTION_NAMES.filter((a) => contract[a].access.beforeConsent && a !== 'users.acceptPrivacy')

  test('consent is asked for all but reading the notice, accepting it and browsing what the town publishes', () => {
    expect(browsing.length).toBeLessThan(20)
    expect(needsConsent).toEqual(
      expect.arrayContaining(['reports.create', 'reports.nearby', 'volunteers.register', 'volunteers.signup', 'deeds.declare', 'honour.vote', 'users.updateProfile', 'users.assignRole'])
    )
    expect(browsing).toEqual(expect.arrayContaining(['users.me', 'honour.boards', 'volunteers.activities', 'reports.publicList']))
  })

  test.each(needsConsent)('%s without a profile (the notice never accepted) → CONSENT_REQUIRED, nothing written', async (action) => {
    const input = await SAMPLES[action]('resident-1')
    const before = dumpAll()
    const { res } = await callAs({ openid: 'stranger-without-profile' }, action, input)
    expect(res).toEqual({ ok: false, code: 'CONSENT_REQUIRED', message: DEFAULT_MESSAGES.CONSENT_REQUIRED })
    expect(dumpAll()).toEqual(before)
  })

  test.each(needsConsent)('%s by the town office after the notice changed (accepted an older version) → CONSENT_REQUIRED, nothing written', async (action) => {
    const input = await SAMPLES[action]('town-admin')
    localCloud.engine.update('users', { _id: userIdOf('town-admin') }, { $set: { privacyVersion: '2025-01' } })
    const before = dumpAll()
    const { res } = await callAs('town-admin', action, input)
    expect(res).toMatchObject({ ok: false, code: 'CONSENT_REQUIRED' })
    expect(dumpAll()).toEqual(before)
  })

  test.each(browsing)('%s without a profile: browsing works and stores nothing about the caller', async (action) => {
    const input = await SAMPLES[action]('resident-1')
    const before = dumpAll()
    const { res } = await callAs({ openid: 'stranger-without-profile' }, action, input)
    expect(res).toMatchObject({ ok: true })
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
