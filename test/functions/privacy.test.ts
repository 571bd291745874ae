/**
 * Privacy promises, swept over the contract: every action each persona may call (the access
 * matrix's samples), with anonymous reports and registered volunteers in the data. Every reply is
 * serialised and searched for what must not leave:
 * - an anonymous report next to its reporter (name, user id, openid or phone in the same object as
 *   the report's id or number), for anyone but the reporter and the town office — nor the anonymous
 *   reporter's openid anywhere;
 * - another person's full ID number, for anyone but the town office;
 * - another person's phone number, for a resident.
 * A new action is covered as soon as it has a sample.
 */
import { ACTION_NAMES } from '../../src/contract'
import { localCloud } from '../../local-cloud'
import { seedReportId } from '../../local-server/seed-reports'
import { makeIdNumber } from '../helpers/volunteers'
import { seedIdNumber } from '../../local-server/seed-volunteers'
import { fullIdNumber } from '../../cloudfunctions/volunteers/id-number'
import { callAs, freshTown, givenReports, ok, openidOf } from '../helpers/town'
import { expectedAllowed, PERSONAS, SAMPLES } from '../helpers/access-samples'

interface Person {
  _id: string
  openid: string
  name: string
  phone: string | null
}
interface Anonymous {
  id: string
  no: string
  reporter: Person
}

const people = () => localCloud.engine.all('users') as unknown as Person[]
const personOf = (key: string) => people().find((p) => p.openid === openidOf(key)) as Person

/** The smallest objects (and arrays) of a reply that contain `needle` somewhere in their own fields. */
function holders(value: unknown, needle: string): unknown[] {
  const found: unknown[] = []
  const walk = (v: unknown): boolean => {
    if (typeof v === 'string') return v.includes(needle)
    if (v === null || typeof v !== 'object') return false
    const inside = (Array.isArray(v) ? v : Object.values(v)).map(walk)
    const direct = (Array.isArray(v) ? v : Object.values(v)).some((x) => typeof x === 'string' && x.includes(needle))
    if (direct) found.push(v)
    return inside.some(Boolean)
  }
  walk(value)
  return found
}

/** Every full ID number in the data: the seeded volunteers' and the ones the samples register. */
function idNumbersOf(): Map<string, string> {
  const byUser = new Map<string, string>()
  // stored encrypted: what a leak would show is the number itself
  for (const v of localCloud.engine.all('volunteers') as unknown as Array<{ userId: string } & Parameters<typeof fullIdNumber>[0]>) byUser.set(v.userId, fullIdNumber(v))
  byUser.set(personOf('volunteer-1')._id, seedIdNumber('volunteer-1'))
  for (let n = 900; n < 910; n++) byUser.set(`sample-${n}`, makeIdNumber(n))
  return byUser
}

let anonymous: Anonymous[] = []

async function withAnonymousReports(): Promise<void> {
  // one seeded in 西岗 (closed), and one in 东山村 that staff there are working on now
  const [dongshan] = await givenReports([
    {
      key: `anon-${Math.random().toString(36).slice(2, 8)}`,
      reporter: 'resident-2',
      village: 0,
      grid: 0,
      category: 'litter',
      description: '河边有人倾倒建筑垃圾',
      address: '东山村后塘',
      hoursAgo: 30,
      anonymous: true,
      steps: [{ after: 1, by: 'grid-dongshan-1', action: 'accept' }]
    }
  ])
  anonymous = [
    { id: seedReportId('xg-anonymous-closed'), reporter: personOf('resident-3') },
    { id: dongshan, reporter: personOf('resident-2') }
  ].map((a) => ({ ...a, no: (localCloud.engine.get('reports', a.id) as { no: string }).no }))
}

function leaks(who: string, reply: unknown): string[] {
  const text = JSON.stringify(reply)
  const me = personOf(who)
  const found: string[] = []
  if (who !== 'town-admin') {
    for (const a of anonymous) {
      if (a.reporter._id === me._id) continue
      if (text.includes(a.reporter.openid)) found.push(`anonymous reporter's openid (${a.no})`)
      const marks = [a.reporter.name, a.reporter._id, a.reporter.openid, a.reporter.phone].filter((m): m is string => !!m)
      for (const key of [a.id, a.no]) {
        for (const holder of holders(reply, key)) {
          const near = JSON.stringify(holder)
          for (const m of marks) if (near.includes(m)) found.push(`anonymous report ${a.no} next to its reporter (${m})`)
        }
      }
    }
    for (const [userId, idNumber] of idNumbersOf()) {
      if (userId !== me._id && (text.includes(idNumber) || text.includes(idNumber.toLowerCase()))) found.push(`full ID number of ${userId}`)
    }
  }
  if (who === 'resident-1') {
    for (const p of people()) if (p._id !== me._id && p.phone && text.includes(p.phone)) found.push(`phone of ${p.name}`)
  }
  return [...new Set(found)]
}

const cases = ACTION_NAMES.flatMap((action) => PERSONAS.filter((p) => expectedAllowed(action, p)).map((p) => [action, p.key] as const))

describe('no reply gives away what was promised to stay private', () => {
  beforeEach(async () => {
    await freshTown()
    await withAnonymousReports()
  })

  test.each(cases)('%s as %s', async (action, who) => {
    const input = await SAMPLES[action](who)
    const { res } = await callAs(who, action, input)
    expect(res).toMatchObject({ ok: true })
    expect(leaks(who, res)).toEqual([])
  })

  test('the sweep can see a leak: the town office is shown the anonymous reporter, a resident is not', async () => {
    const [, dongshan] = anonymous
    const town = await ok('town-admin', 'reports.get', { reportId: dongshan.id })
    expect(JSON.stringify(town)).toContain(dongshan.reporter.name)
    expect(leaks('village-admin-dongshan', town)).toContainEqual(`anonymous report ${dongshan.no} next to its reporter (${dongshan.reporter.name})`)
    expect(leaks('resident-1', { other: { idNumber: seedIdNumber('volunteer-1') } })).toEqual([expect.stringContaining('full ID number')])
  })
})
