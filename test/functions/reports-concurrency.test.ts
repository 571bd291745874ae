/** Races: one consistent state, an event log that matches it, one report per draft. */
import { localCloud } from '../../local-cloud'
import { callAs, freshTown, givenReports, ok, userIdOf } from '../helpers/town'
import { draft } from '../helpers/reports'
import { setSafeguards } from '../helpers/safeguards'
import type { SeedSpec } from '../../local-server/seed-reports'
import { database } from '../../cloudfunctions/_shared/cloud'
import { createStore } from '../../cloudfunctions/_shared/store'
import type { ReportDoc } from '../../cloudfunctions/reports/docs'
import { commitStep } from '../../cloudfunctions/reports/repo'
import { remindWrite } from '../../cloudfunctions/reports/steps'

interface StoredReport {
  status: string
  rev: number
  eventSeq: number
  reopenCount: number
  closedAt: Date | null
}
interface StoredEvent {
  seq: number
  action: string
  from: string | null
  to: string | null
}

/** A problem of resident-1 waiting for verification (rectified by the unit an hour ago). */
function rectified(key: string): SeedSpec {
  return {
    key,
    reporter: 'resident-1',
    village: 0,
    grid: 0,
    category: 'litter',
    description: '路口垃圾桶满溢',
    address: '东山村一组路口',
    hoursAgo: 10,
    steps: [
      { after: 1, by: 'grid-dongshan-1', action: 'accept' },
      { after: 1, by: 'village-admin-dongshan', action: 'dispatch', unit: 0, deadlineDays: 5 },
      { after: 1, by: 'unit-zhifa', action: 'sign' },
      { after: 1, by: 'unit-zhifa', action: 'answer', measures: '增加清运频次', plannedInDays: 2 },
      { after: 5, by: 'unit-zhifa', action: 'rectify', note: '已清运' }
    ]
  }
}

/** The stored report and its events agree: seq 1..n without gaps, each step from the previous state, the last one's state is the report's. */
function expectConsistent(reportId: string): { report: StoredReport; events: StoredEvent[] } {
  const report = localCloud.engine.get('reports', reportId) as unknown as StoredReport
  const events = localCloud.engine.find('report_events', { reportId }, { sort: { seq: 1 }, limit: 1000 }) as unknown as StoredEvent[]
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1))
  expect(report.eventSeq).toBe(events.length)
  for (let i = 1; i < events.length; i++) expect(events[i].from).toBe(events[i - 1].to)
  expect(events.at(-1)?.to).toBe(report.status)
  expect(report.reopenCount).toBe(events.filter((e) => e.action === 'reopen').length)
  return { report, events }
}

const hops = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r))
}

const verify = (reportId: string) => callAs('grid-dongshan-1', 'reports.verify', { reportId, pass: true })
const reopen = (reportId: string) => callAs('resident-1', 'reports.reopen', { reportId, reason: '又出现了，请再处理' })

describe('concurrency', () => {
  beforeEach(() => freshTown())

  test('verify then reopen: closed, then accepted again', async () => {
    const [id] = await givenReports([rectified('vr-seq')])
    expect((await verify(id)).res).toMatchObject({ ok: true, data: { status: 'closed' } })
    expect((await reopen(id)).res).toMatchObject({ ok: true, data: { status: 'accepted' } })
    const { events } = expectConsistent(id)
    expect(events.slice(-2).map((e) => e.action)).toEqual(['verifyPass', 'reopen'])
  })

  test('reopen before verify is refused and changes nothing; verify still closes', async () => {
    const [id] = await givenReports([rectified('rv-seq')])
    const before = localCloud.engine.get('reports', id)
    expect((await reopen(id)).res).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(localCloud.engine.get('reports', id)).toEqual(before)
    expect((await verify(id)).res).toMatchObject({ ok: true, data: { status: 'closed' } })
    expectConsistent(id)
  })

  test('verify and reopen at the same time: one consistent state, whatever the interleaving', async () => {
    const ids = await givenReports(Array.from({ length: 8 }, (_, i) => rectified(`vr-race-${i}`)))
    const outcomes = new Set<string>()
    for (const [i, id] of ids.entries()) {
      // start the reopen a little later each time, so it lands before, inside and after the verify's write
      const [v, r] = await Promise.all([verify(id), hops(i * 3).then(() => reopen(id))])
      outcomes.add(r.res.ok ? 'reopened' : 'refused')
      expect(v.res.ok).toBe(true)
      const { report, events } = expectConsistent(id)
      if (r.res.ok) {
        expect(report.status).toBe('accepted')
        expect(events.slice(-2).map((e) => e.action)).toEqual(['verifyPass', 'reopen'])
      } else {
        expect(r.res.code).toBe('CONFLICT')
        expect(report.status).toBe('closed')
        expect(events.at(-1)?.action).toBe('verifyPass')
      }
    }
    // both interleavings happened (the staggered starts make it so)
    expect([...outcomes].sort()).toEqual(['refused', 'reopened'])
  })

  test('verifications racing (pass and fail): exactly one wins, the others get CONFLICT', async () => {
    const ids = await givenReports(Array.from({ length: 5 }, (_, i) => rectified(`vv-race-${i}`)))
    for (const id of ids) {
      const results = await Promise.all([verify(id), callAs('village-admin-dongshan', 'reports.verify', { reportId: id, pass: false, reason: '复查仍有垃圾' }), hops(2).then(() => verify(id))])
      expect(results.filter((x) => x.res.ok)).toHaveLength(1)
      for (const x of results.filter((y) => !y.res.ok)) expect(x.res).toMatchObject({ code: 'CONFLICT' })
      const { events } = expectConsistent(id)
      expect(events.filter((e) => e.action.startsWith('verify'))).toHaveLength(1)
    }
  })

  // the step's transaction does not read the report again: the event numbered eventSeq + 1 is its condition (repo.ts commitStep)
  test('a step decided on a revision that is no longer stored is refused and writes nothing', async () => {
    const [id] = await givenReports([rectified('stale-step')])
    const stale = localCloud.engine.get('reports', id) as unknown as ReportDoc
    const write = remindWrite(stale, new Date(new Date(stale.updatedAt).getTime() + 60_000))
    expect(write).not.toBeNull()
    await ok('grid-dongshan-1', 'reports.verify', { reportId: id, pass: true })
    const snapshot = () => ({
      report: localCloud.engine.get('reports', id),
      events: localCloud.engine.all('report_events'),
      letters: localCloud.engine.all('letters'),
      counters: localCloud.engine.all('counters'),
      counts: localCloud.engine.all('problem_counts')
    })
    const before = snapshot()
    await expect(commitStep(createStore(database()), write!, new Date(new Date(stale.updatedAt).getTime() + 60_000))).rejects.toMatchObject({ code: 'CONFLICT' })
    expect(snapshot()).toEqual(before)
    expect(expectConsistent(id).report.status).toBe('closed')
  })

  test('a submission retried ten times at once creates one report', async () => {
    const input = await draft()
    const before = localCloud.engine.count('reports', {})
    const results = await Promise.all(Array.from({ length: 10 }, () => callAs('resident-1', 'reports.create', input)))
    for (const { res } of results) expect(res.ok).toBe(true)
    const ids = new Set(results.map(({ res }) => (res.ok ? res.data.id : null)))
    const nos = new Set(results.map(({ res }) => (res.ok ? res.data.no : null)))
    expect(ids.size).toBe(1)
    expect(nos.size).toBe(1)
    expect(localCloud.engine.count('reports', {})).toBe(before + 1)
    expect(localCloud.engine.find('reports', { reporterId: userIdOf('resident-1'), clientKey: input.clientKey })).toHaveLength(1)
    const [id] = [...ids] as string[]
    expect(localCloud.engine.find('report_events', { reportId: id })).toHaveLength(1)
    // and once more later, after a lost connection: still the same report
    expect(await ok('resident-1', 'reports.create', input)).toMatchObject({ id })
  })

  test('different people submitting at once get distinct consecutive numbers', async () => {
    const people = ['resident-1', 'resident-2', 'resident-3', 'resident-4', 'volunteer-1', 'volunteer-2']
    const inputs = await Promise.all(people.map(() => draft()))
    const results = await Promise.all(people.map((who, i) => callAs(who, 'reports.create', inputs[i])))
    for (const { res } of results) expect(res.ok).toBe(true)
    const nos = results.map(({ res }) => (res.ok ? Number(res.data.no.slice(-6)) : 0)).sort((a, b) => a - b)
    expect(new Set(nos).size).toBe(people.length)
    expect(nos.at(-1)! - nos[0]).toBe(people.length - 1)
  })

  test('a burst of simultaneous reports by one person: every one is stored and numbered, none refused', async () => {
    const BURST = 24
    const ROUNDS = 3
    // numbering under contention is the point here, not the daily cap: room for the whole burst
    await setSafeguards({ reportsPerDay: BURST * ROUNDS })
    for (let round = 0; round < ROUNDS; round++) {
      const inputs = await Promise.all(Array.from({ length: BURST }, () => draft()))
      const results = await Promise.all(inputs.map((input) => callAs('resident-1', 'reports.create', input)))
      expect(results.map(({ res }) => (res.ok ? 'ok' : `${res.code} ${res.message}`))).toEqual(Array(BURST).fill('ok'))
    }
    const nos = localCloud.engine.find('reports', { reporterId: userIdOf('resident-1') }).map((r) => r.no as string)
    expect(new Set(nos).size).toBe(nos.length)
  })
})
