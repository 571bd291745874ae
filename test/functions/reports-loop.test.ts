/**
 * The closed loop through the reports function, as each person calls it: resident submits →
 * grid accepts → village dispatches (问题通知函) → unit signs (2 working days across 国庆) →
 * answers (答复函) → rectifies → grid verifies (销号) → resident rates and reopens. Every response
 * to anyone but the reporter and the town office is checked for the reporter's identity.
 */
import { localCloud } from '../../local-cloud'
import type { ActionName, InputOf, ReportDetail } from '../../src/contract'
import { callAs, freshTown } from '../helpers/town'
import { chinaDay, clockAt, draft, identityOf, photo } from '../helpers/reports'

const REPORTER = 'resident-1'
const PRIVILEGED = new Set([REPORTER, 'town-admin'])

/** Every call of the loop, so the identity check can look at all of them. */
const seen: Array<{ who: string; action: string; body: string }> = []

async function as<A extends ActionName>(who: string, action: A, input: InputOf<A>) {
  const { res, dbRequests } = await callAs(who, action, input)
  seen.push({ who, action, body: JSON.stringify(res) })
  if (!res.ok) throw new Error(`${action} as ${who}: ${res.code} ${res.message}`)
  return { data: res.data, dbRequests }
}

const statusOf = (id: string) => (localCloud.engine.get('reports', id) as { status: string } | null)?.status

describe('the whole loop', () => {
  beforeEach(async () => {
    // 2026-09-30 (Wed) 10:00 China time: the day before 国庆 (10-01 … 10-07)
    clockAt('2026-09-30T02:00:00Z')
    await freshTown()
    localCloud.clearOutbox()
    seen.length = 0
  })
  afterEach(() => jest.useRealTimers())

  test('submit → accept → dispatch → sign → answer → rectify → verify → rate → reopen', async () => {
    const input = await draft({ description: '东山村一组村道旁垃圾堆积，气味很大' })
    const created = (await as(REPORTER, 'reports.create', input)).data
    expect(created).toMatchObject({ status: 'submitted', source: 'resident', villageName: '东山村', gridName: '东山一组网格', reporter: { name: '王秀兰', phone: '13900000001' } })
    expect(created.no).toMatch(/^SSP-2026-\d{6}$/)
    const id = created.id

    const accepted = (await as('grid-dongshan-1', 'reports.accept', { reportId: id, note: '已到现场核实' })).data
    expect(accepted.status).toBe('accepted')
    expect(accepted.reporter).toBeNull()

    const dispatched = (await as('village-admin-dongshan', 'reports.dispatch', { reportId: id, unitId: 'unit_1', rectifyDeadline: '2026-10-20', note: '请尽快清运' })).data
    expect(dispatched).toMatchObject({ status: 'dispatched', unitId: 'unit_1', unitName: '镇综合行政执法中队', rectifyDeadline: '2026-10-20' })
    const notice = dispatched.letters.find((l) => l.kind === 'notice')
    expect(notice).toMatchObject({ kindLabel: '问题通知函', to: '镇综合行政执法中队', from: '东山村', reportNo: created.no })
    expect(notice?.no).toMatch(/^通知〔2026〕\d+号$/)
    expect(notice?.body).toContain(created.no)

    const signed = (await as('unit-zhifa', 'reports.sign', { reportId: id })).data
    // signed 09-30: 10-01…10-07 are holidays, so the 2 working days are 10-08 and 10-09 (end of day, China time)
    expect(signed).toMatchObject({ status: 'signed', dueAt: '2026-10-09T15:59:59.999Z', dueEstimated: false, overdue: false })

    jest.setSystemTime(new Date('2026-10-08T03:00:00Z'))
    const answered = (await as('unit-zhifa', 'reports.answer', { reportId: id, measures: '安排环卫车辆清运，设置禁止堆放警示牌', plannedDate: '2026-10-12' })).data
    expect(answered).toMatchObject({ status: 'answered', measures: '安排环卫车辆清运，设置禁止堆放警示牌', plannedDate: '2026-10-12', dueAt: '2026-10-20T15:59:59.999Z' })
    const reply = answered.letters.find((l) => l.kind === 'reply')
    expect(reply?.no).toMatch(/^答复〔2026〕\d+号$/)
    expect(reply).toMatchObject({ to: '东山村', from: '镇综合行政执法中队' })
    expect(reply?.body).toContain(notice?.no)

    const after = await photo([60, 160, 80])
    const rectified = (await as('unit-zhifa', 'reports.rectify', { reportId: id, photos: [after], note: '垃圾已清运完毕' })).data
    expect(rectified.status).toBe('rectified')
    // kept as the checked copy of the uploaded bytes (checked/<sha256>.png), not the unit's own upload
    expect(rectified.afterPhotos).toEqual([{ fileID: expect.stringMatching(/\/checked\/[0-9a-f]{64}\.png$/), url: expect.stringContaining('/files/checked/') }])
    expect(rectified.afterPhotos[0].fileID).not.toBe(after)

    const closed = (await as('grid-dongshan-1', 'reports.verify', { reportId: id, pass: true })).data
    expect(closed).toMatchObject({ status: 'closed', statusLabel: '已销号', dueAt: null, closedAt: '2026-10-08T03:00:00.000Z' })

    const rated = (await as(REPORTER, 'reports.rate', { reportId: id, value: 'satisfied', comment: '很及时' })).data
    expect(rated.rating).toMatchObject({ value: 'satisfied', comment: '很及时' })
    const again = await callAs(REPORTER, 'reports.rate', { reportId: id, value: 'unsatisfied' })
    expect(again.res).toMatchObject({ ok: false, code: 'CONFLICT' })

    const reopened = (await as(REPORTER, 'reports.reopen', { reportId: id, reason: '过了几天又堆起来了' })).data
    expect(reopened).toMatchObject({ status: 'accepted', rating: null, closedAt: null })

    // the timeline is the loop, step by step, each step from the previous one's state
    const full = (await as('town-admin', 'reports.get', { reportId: id })).data
    expect(full.timeline.map((t) => t.action)).toEqual(['submit', 'accept', 'dispatch', 'sign', 'answer', 'rectify', 'verifyPass', 'rate', 'reopen'])
    for (let i = 1; i < full.timeline.length; i++) expect(full.timeline[i].from).toBe(full.timeline[i - 1].to)
    expect(full.timeline[0].actor).toBe('王秀兰')
    expect(full.timeline[1].actor).toBe('王海涛')
    expect(full.timeline[5].photos).toEqual([expect.objectContaining({ fileID: rectified.afterPhotos[0].fileID })])
    const asUnit = (await as('unit-zhifa', 'reports.get', { reportId: id })).data
    expect(asUnit.timeline[0].actor).toBe('居民')
    expect(asUnit.timeline[8].actor).toBe('居民')
    const asReporter = (await as(REPORTER, 'reports.get', { reportId: id })).data
    expect(asReporter.timeline[0].actor).toBe('您')
    expect(asReporter.letters).toEqual([])

    // one subscribe message per status change, to the reporter only
    const outbox = localCloud.getOutbox()
    expect(outbox.map((m) => m.data.phrase3)).toEqual(['已受理', '已派单', '已签收', '整改中', '待验收', '已销号', '已受理'].map((value) => ({ value })))
    expect(new Set(outbox.map((m) => m.touser))).toEqual(new Set([identityOf(REPORTER)[1]]))

    // the event log in the database is append-only and matches the report
    const events = localCloud.engine.find('report_events', { reportId: id }, { sort: { seq: 1 } }) as Array<{ to: string; seq: number }>
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(events.at(-1)?.to).toBe(statusOf(id))
  })

  test("the reporter's identity never reaches anyone but the reporter and the town office", async () => {
    const input = await draft()
    const { data: created } = await as(REPORTER, 'reports.create', input)
    const id = created.id
    const day = chinaDay(10)
    const staffSteps: Array<[string, ActionName, Record<string, unknown>]> = [
      ['grid-dongshan-1', 'reports.get', { reportId: id }],
      ['grid-dongshan-1', 'reports.queue', { villageId: 'v_dongshan' }],
      ['village-admin-dongshan', 'reports.changeCategory', { reportId: id, category: 'piling' }],
      ['grid-dongshan-1', 'reports.accept', { reportId: id }],
      ['village-admin-dongshan', 'reports.dispatch', { reportId: id, unitId: 'unit_1', rectifyDeadline: day }],
      ['unit-zhifa', 'reports.queue', {}],
      ['unit-zhifa', 'reports.sign', { reportId: id }],
      ['unit-zhifa', 'reports.answer', { reportId: id, measures: '组织清运并设置警示牌', plannedDate: chinaDay(3) }],
      ['unit-zhifa', 'reports.rectify', { reportId: id, photos: [await photo()], note: '已清运' }],
      ['grid-dongshan-1', 'reports.verify', { reportId: id, pass: false, reason: '还有残留' }],
      ['unit-zhifa', 'reports.rectify', { reportId: id, photos: [await photo()], note: '残留已清理' }],
      ['village-admin-dongshan', 'reports.verify', { reportId: id, pass: true }],
      ['village-admin-dongshan', 'reports.ledger', {}],
      ['village-admin-dongshan', 'reports.get', { reportId: id }],
      ['unit-zhifa', 'reports.get', { reportId: id }],
      ['resident-2', 'reports.publicList', { villageId: 'v_dongshan' }],
      ['resident-2', 'reports.nearby', { category: 'piling', location: input.location! }],
      ['volunteer-1', 'reports.publicList', {}]
    ]
    for (const [who, action, data] of staffSteps) await as(who, action, data as never)
    const detail = (await as('unit-zhifa', 'reports.get', { reportId: id })).data
    for (const l of detail.letters) await as('unit-zhifa', 'reports.letter', { letterId: l.id })
    await as(REPORTER, 'reports.rate', { reportId: id, value: 'basically' })
    await as(REPORTER, 'reports.reopen', { reportId: id, reason: '又出现了同样的问题' })
    for (const [who, action] of [
      ['grid-dongshan-1', 'reports.get'],
      ['unit-zhifa', 'reports.get'],
      ['village-admin-dongshan', 'reports.get']
    ] as const)
      await as(who, action, { reportId: id })
    await as('village-admin-dongshan', 'reports.exportLedger', {})

    const others = seen.filter((s) => !PRIVILEGED.has(s.who))
    expect(others.length).toBeGreaterThan(20)
    for (const s of others)
      for (const secret of identityOf(REPORTER)) expect({ call: `${s.action} as ${s.who}`, leaks: s.body.includes(secret) }).toEqual({ call: `${s.action} as ${s.who}`, leaks: false })
    // …while the town office does see who reported
    const { data: town } = await as('town-admin', 'reports.get', { reportId: id })
    expect(town.reporter).toEqual({ name: '王秀兰', phone: '13900000001' })
    expect(town.timeline.filter((t) => t.actor === '王秀兰').map((t) => t.action)).toEqual(['submit', 'rate', 'reopen'])
  })

  test('anonymous: village, grid and unit never see who; the town office does', async () => {
    const { data } = await as(REPORTER, 'reports.create', await draft({ anonymous: true }))
    const asGrid: ReportDetail = (await as('grid-dongshan-1', 'reports.get', { reportId: data.id })).data
    expect(asGrid).toMatchObject({ anonymous: true, reporter: null })
    expect((await as('town-admin', 'reports.get', { reportId: data.id })).data.reporter).toEqual({ name: '王秀兰', phone: '13900000001' })
  })
})
