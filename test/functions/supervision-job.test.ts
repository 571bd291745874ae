/**
 * 缺巡: a patrol not submitted by the end of its China day is marked missed by the timer job, exactly
 * once however often (or concurrently) the job runs, and never before the day ends; a patrol submitted
 * afterwards is kept as a late one; the job, a cancellation and a submission never all close a patrol.
 */
import { localCloud } from '../../local-cloud'
import type { PatrolDetail, PatrolTemplate } from '../../src/contract'
import { clockFrom } from '../helpers/clock'
import { callAs, dumpAll, freshTown, ok } from '../helpers/town'
import { givenPatrol, resultsFor, smallTemplate, submission } from '../helpers/supervision'
import { invoke } from '../../local-server/functions'

const countsOf = (villageId: string, date: string) => localCloud.engine.get('supervision_counts', `${villageId}_${date}`) as Record<string, number> | null
const patrolDoc = (id: string) => localCloud.engine.get('patrols', id) as { status: string; late: boolean; closeAt: Date | null }
const HERE = { lng: 120.4, lat: 30.5 }

/** The timer trigger's event, with no caller identity. */
async function runJob(): Promise<{ missed: number; skipped: number }> {
  const { result } = await invoke('supervision', { Type: 'Timer', TriggerName: 'missed-patrols', Time: new Date().toISOString() }, null)
  const r = result as { ok: boolean; data: { missed: number; skipped: number } }
  if (!r.ok) throw new Error(JSON.stringify(result))
  return r.data
}

let template: PatrolTemplate
let patrol: PatrolDetail

beforeEach(async () => {
  clockFrom('2026-11-18T09:00:00+08:00')
  await freshTown()
  template = await smallTemplate()
  patrol = await givenPatrol({ templateId: template.id })
})
afterEach(() => jest.useRealTimers())

test('not before the day ends; then marked once, however often the job runs (also twice at once)', async () => {
  jest.setSystemTime(new Date('2026-11-18T23:59:00+08:00'))
  expect((await runJob()).missed).toBe(0)
  expect(patrolDoc(patrol.id).status).toBe('scheduled')
  jest.setSystemTime(new Date('2026-11-19T00:10:00+08:00'))
  const [a, b] = await Promise.all([runJob(), runJob()])
  expect(a.missed + b.missed).toBe(1)
  expect(patrolDoc(patrol.id)).toMatchObject({ status: 'missed', closeAt: null })
  expect(countsOf('v_dongshan', '2026-11-18')).toMatchObject({ scheduled: 1, done: 0, missed: 1 })
  const before = dumpAll()
  expect(await runJob()).toMatchObject({ missed: 0 })
  jest.setSystemTime(new Date('2026-11-20T00:10:00+08:00'))
  expect(await runJob()).toMatchObject({ missed: 0 })
  expect(dumpAll()).toEqual(before)
  const entries = localCloud.engine.find('audit_log', { targetId: patrol.id }, { limit: 10 }) as Array<{ action: string; by: string }>
  expect(entries.filter((e) => e.action === 'missed')).toEqual([expect.objectContaining({ by: 'system' })])
  const seen = await ok('grid-dongshan-1', 'supervision.patrol', { patrolId: patrol.id })
  expect(seen).toMatchObject({ status: 'missed', statusLabel: '缺巡', canSubmit: true })
})

test('a patrol done on its day is never marked; a cancelled one neither', async () => {
  await ok('grid-dongshan-1', 'supervision.submitPatrol', submission(patrol, await resultsFor(patrol)))
  // cancelled the day before its own day: it is never marked either
  const other = await givenPatrol({ templateId: template.id, gridId: 'g_dongshan_1', date: '2026-11-19' })
  await ok('village-admin-dongshan', 'supervision.cancelPatrol', { patrolId: other.id, reason: '临时改期' })
  jest.setSystemTime(new Date('2026-11-20T01:00:00+08:00'))
  expect(await runJob()).toMatchObject({ missed: 0 })
  expect(countsOf('v_dongshan', '2026-11-18')).toMatchObject({ scheduled: 1, done: 1, missed: 0 })
})

test('an offline draft sent after 缺巡 is kept as a late submission, once; its problems enter the loop', async () => {
  jest.setSystemTime(new Date('2026-11-19T00:10:00+08:00'))
  await runJob()
  jest.setSystemTime(new Date('2026-11-19T08:30:00+08:00'))
  const input = submission(patrol, await resultsFor(patrol, { 0: HERE }))
  const late = await ok('grid-dongshan-1', 'supervision.submitPatrol', input)
  expect(late).toMatchObject({ status: 'done', late: true, statusLabel: '已补交', findings: 1 })
  expect(late.results?.[0].problem).toMatchObject({ linked: false })
  expect(countsOf('v_dongshan', '2026-11-18')).toMatchObject({ scheduled: 1, done: 0, missed: 1, late: 1, findings: 1, problemsCreated: 1 })
  const before = dumpAll()
  expect(await ok('grid-dongshan-1', 'supervision.submitPatrol', input)).toMatchObject({ late: true })
  expect((await callAs('grid-dongshan-2', 'supervision.submitPatrol', { ...input, key: 'other-key-1234' })).res).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  expect((await callAs('town-admin', 'supervision.submitPatrol', { ...input, key: 'other-key-1234' })).res).toMatchObject({ ok: false, code: 'CONFLICT' })
  expect(await runJob()).toMatchObject({ missed: 0 })
  expect(dumpAll()).toEqual(before)
})

test('the job and a submission at the same moment, after the day: closed once, counted once, late either way', async () => {
  const input = submission(patrol, await resultsFor(patrol))
  jest.setSystemTime(new Date('2026-11-19T00:00:01+08:00'))
  const [job, sent] = await Promise.all([runJob(), callAs('grid-dongshan-1', 'supervision.submitPatrol', input)])
  expect(sent.res).toMatchObject({ ok: true, data: { status: 'done', late: true } })
  expect(job.missed).toBeLessThanOrEqual(1)
  expect(patrolDoc(patrol.id)).toMatchObject({ status: 'done', late: true, closeAt: null })
  expect(countsOf('v_dongshan', '2026-11-18')).toMatchObject({ scheduled: 1, done: 0, missed: 1, late: 1 })
  expect(await runJob()).toMatchObject({ missed: 0 })
  expect(countsOf('v_dongshan', '2026-11-18')).toMatchObject({ missed: 1, late: 1 })
})
