/**
 * 信息报送: villages and units send items, edit or withdraw them while they wait, send a returned one
 * again; the town office adopts (at a level) or returns them, once even when two decide at once. The
 * counts per sender and half month (China time) are kept in each write's transaction and always equal
 * a recomputation from the items; the half-month table flags villages that sent nothing (未报送).
 */
import { localCloud } from '../../local-cloud'
import { countsOf, INFO_COUNT_FIELDS, infoCountsIdFor, type InfoCountsDoc, type InfoDoc } from '../../cloudfunctions/supervision/info'
import { halfMonth, halfMonthOf } from '../../src/domain/half-month'
import { clockAt, clockFrom } from '../helpers/clock'
import { photo } from '../helpers/reports'
import { callAs, dumpAll, freshTown, ok } from '../helpers/town'
import { decidedInfo, givenInfo, infoInput } from '../helpers/supervision-info'
import { seedDemoInfo } from '../../local-server/seed-supervision-info'

const countsFor = (kind: 'village' | 'unit', id: string, half: string) => localCloud.engine.get('info_counts', infoCountsIdFor(kind, id, half)) as unknown as InfoCountsDoc | null
const items = () => localCloud.engine.all('info_items') as unknown as InfoDoc[]
const auditOf = (id: string) =>
  (localCloud.engine.find('audit_log', { targetType: 'info', targetId: id }) as Array<{ action: string; by: string; at: Date }>).sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime())

async function refused(who: string, action: Parameters<typeof callAs>[1], input: unknown, code: string, message?: RegExp): Promise<void> {
  const { res } = await callAs(who, action, input)
  expect(res).toMatchObject({ ok: false, code })
  if (message) expect((res as { message: string }).message).toMatch(message)
}

/** The counts recomputed from the items (what the kept counts must equal). */
function recomputed(): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>()
  for (const i of items()) {
    const id = infoCountsIdFor(i.submitterKind, i.submitterId, i.half)
    const cur = out.get(id) ?? Object.fromEntries(INFO_COUNT_FIELDS.map((f) => [f, 0]))
    const c = countsOf(i)
    for (const f of INFO_COUNT_FIELDS) cur[f] += c[f]
    out.set(id, cur)
  }
  return out
}

function expectCountsAgree(): void {
  const kept = new Map((localCloud.engine.all('info_counts') as unknown as InfoCountsDoc[]).map((c) => [c._id, Object.fromEntries(INFO_COUNT_FIELDS.map((f) => [f, c[f]]))]))
  const again = recomputed()
  // a counts document whose items all went away holds zeros
  for (const [id, c] of kept) if (!again.has(id)) expect(Object.values(c).every((n) => n === 0)).toBe(true)
  for (const [id, c] of again) expect(kept.get(id)).toEqual(c)
}

afterEach(() => jest.useRealTimers())

describe('sending', () => {
  beforeEach(async () => {
    clockFrom('2026-11-18T10:00:00+08:00')
    await freshTown()
  })

  test('a village admin sends an item with a photo: 待审, the photo kept as a checked copy, counted in the half month, audited', async () => {
    const pic = await photo()
    const i = await givenInfo('village-admin-dongshan', { kind: 'practice', photos: [pic] })
    expect(i).toMatchObject({
      kind: 'practice',
      kindLabel: '经验做法',
      status: 'pending',
      statusLabel: '待审',
      submitter: { kind: 'village', id: 'v_dongshan', name: '东山村' },
      half: '2026-11-2',
      halfLabel: '2026年11月下半月（16–30日）',
      submittedByName: '李卫东',
      photoCount: 1,
      canEdit: true,
      canWithdraw: true,
      canDecide: false,
      level: null,
      rev: 1
    })
    expect(i.photos[0].fileId).toMatch(/checked\/[0-9a-f]{64}\.png$/)
    expect(i.photos[0].url).toMatch(/^https?:/)
    expect(auditOf(i.id)).toEqual([expect.objectContaining({ action: 'submit' })])
    expect(countsFor('village', 'v_dongshan', '2026-11-2')).toMatchObject({ submitted: 1, pending: 1, adopted: 0, submitterName: '东山村' })
  })

  test('unit staff send for their unit', async () => {
    const i = await givenInfo('unit-zhifa')
    expect(i.submitter).toMatchObject({ kind: 'unit', id: 'unit_1' })
    expect(countsFor('unit', 'unit_1', '2026-11-2')).toMatchObject({ submitted: 1, pending: 1 })
  })

  test('the same form sent twice at once, and once more, is one item counted once', async () => {
    const input = infoInput()
    const [a, b] = await Promise.all([ok('village-admin-dongshan', 'supervision.submitInfo', input), ok('village-admin-dongshan', 'supervision.submitInfo', input)])
    const c = await ok('village-admin-dongshan', 'supervision.submitInfo', input)
    expect(new Set([a.id, b.id, c.id]).size).toBe(1)
    expect(items()).toHaveLength(1)
    expect(countsFor('village', 'v_dongshan', '2026-11-2')).toMatchObject({ submitted: 1, pending: 1 })
  })

  test('refusals change nothing: another village or unit, roles that do not send, bad input, another item’s checked photo', async () => {
    const before = dumpAll()
    await refused('village-admin-xigang', 'supervision.submitInfo', infoInput('village-admin-dongshan'), 'FORBIDDEN', /本村/)
    await refused('unit-chengguan', 'supervision.submitInfo', infoInput('unit-zhifa'), 'FORBIDDEN', /本单位/)
    await refused('village-admin-dongshan', 'supervision.submitInfo', infoInput('unit-zhifa'), 'FORBIDDEN')
    await refused('town-admin', 'supervision.submitInfo', infoInput(), 'FORBIDDEN')
    await refused('grid-dongshan-1', 'supervision.submitInfo', infoInput(), 'FORBIDDEN')
    await refused('resident-1', 'supervision.submitInfo', infoInput(), 'FORBIDDEN')
    await refused('village-admin-dongshan', 'supervision.submitInfo', infoInput('village-admin-dongshan', { text: '太短了' }), 'INVALID_INPUT', /正文至少/)
    await refused('village-admin-dongshan', 'supervision.submitInfo', infoInput('village-admin-dongshan', { title: '' }), 'INVALID_INPUT')
    await refused('village-admin-dongshan', 'supervision.submitInfo', { ...infoInput(), kind: 'gossip' }, 'INVALID_INPUT', /类型/)
    await refused(
      'village-admin-dongshan',
      'supervision.submitInfo',
      infoInput('village-admin-dongshan', { photos: ['cloud://env.local/checked/0000000000000000000000000000000000000000000000000000000000000000.png'] }),
      'INVALID_INPUT',
      /图片/
    )
    expect(dumpAll()).toEqual(before)
  })
})

describe('editing, withdrawing, deciding, sending again', () => {
  beforeEach(async () => {
    clockFrom('2026-11-18T10:00:00+08:00')
    await freshTown()
  })

  test('edit while 待审: the new text, a new revision, no count change; a stale revision, other senders and the town office are refused', async () => {
    const i = await givenInfo()
    const edited = await ok('village-admin-dongshan', 'supervision.editInfo', {
      infoId: i.id,
      rev: i.rev,
      kind: 'case',
      title: '典型：老党员带头清理沟渠',
      text: '二组老党员王大伯带领村民清理沟渠淤泥，群众纷纷参与，沟渠面貌焕然一新。'
    })
    expect(edited).toMatchObject({ status: 'pending', kind: 'case', title: '典型：老党员带头清理沟渠', rev: 2, resubmissions: 0 })
    expect(edited.history.map((e) => e.action)).toEqual(['submit', 'edit'])
    expect(countsFor('village', 'v_dongshan', '2026-11-2')).toMatchObject({ submitted: 1, pending: 1 })
    const before = dumpAll()
    const again = { infoId: i.id, kind: 'news' as const, title: '再改一次标题', text: edited.text }
    await refused('village-admin-dongshan', 'supervision.editInfo', { ...again, rev: 1 }, 'CONFLICT', /刷新/)
    await refused('village-admin-xigang', 'supervision.editInfo', { ...again, rev: 2 }, 'NOT_FOUND')
    await refused('unit-zhifa', 'supervision.editInfo', { ...again, rev: 2 }, 'NOT_FOUND')
    await refused('grid-dongshan-1', 'supervision.editInfo', { ...again, rev: 2 }, 'FORBIDDEN')
    expect((await callAs('town-admin', 'supervision.editInfo', { ...again, rev: 2 })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(dumpAll()).toEqual(before)
  })

  test('withdraw while 待审: it no longer counts; it cannot be withdrawn again, edited or decided', async () => {
    const i = await givenInfo()
    const w = await ok('village-admin-dongshan', 'supervision.withdrawInfo', { infoId: i.id, rev: i.rev })
    expect(w).toMatchObject({ status: 'withdrawn', statusLabel: '已撤回', canEdit: false, canWithdraw: false, canDecide: false })
    expect(countsFor('village', 'v_dongshan', '2026-11-2')).toMatchObject({ submitted: 0, pending: 0 })
    const before = dumpAll()
    await refused('village-admin-dongshan', 'supervision.withdrawInfo', { infoId: i.id, rev: w.rev }, 'CONFLICT', /已撤回/)
    await refused('village-admin-dongshan', 'supervision.editInfo', { infoId: i.id, rev: w.rev, kind: 'news', title: '撤回后再改', text: i.text }, 'CONFLICT')
    await refused('town-admin', 'supervision.decideInfo', { infoId: i.id, decision: 'adopt', level: 'town' }, 'CONFLICT', /已撤回/)
    expect(dumpAll()).toEqual(before)
    expect(auditOf(i.id).map((a) => a.action)).toEqual(['submit', 'withdraw'])
  })

  test('adopt at a level: counted by level; no more edits, withdrawal or decision', async () => {
    const i = await decidedInfo('village-admin-dongshan', { decision: 'adopt', level: 'county' })
    expect(i).toMatchObject({ status: 'adopted', level: 'county', levelLabel: '县级采用', decidedByName: '周建国', canEdit: false, canWithdraw: false, canDecide: false })
    expect(countsFor('village', 'v_dongshan', '2026-11-2')).toMatchObject({ submitted: 1, pending: 0, adopted: 1, adoptedCounty: 1, adoptedTown: 0 })
    const before = dumpAll()
    await refused('village-admin-dongshan', 'supervision.editInfo', { infoId: i.id, rev: i.rev, kind: 'news', title: '采用后再改', text: i.text }, 'CONFLICT', /已采用/)
    await refused('village-admin-dongshan', 'supervision.withdrawInfo', { infoId: i.id, rev: i.rev }, 'CONFLICT')
    await refused('town-admin-2', 'supervision.decideInfo', { infoId: i.id, decision: 'return', reason: '重复报送' }, 'CONFLICT', /已采用（周建国）/)
    expect(dumpAll()).toEqual(before)
  })

  test('return with a reason; edited, it is sent again as a new round and can then be adopted', async () => {
    const r = await decidedInfo('unit-zhifa', { decision: 'return', reason: '缺少现场照片和具体数据' })
    expect(r).toMatchObject({ status: 'returned', returnReason: '缺少现场照片和具体数据', canEdit: false, canDecide: false })
    expect(await ok('unit-zhifa', 'supervision.info', { infoId: r.id })).toMatchObject({ canEdit: true, canWithdraw: false })
    expect(countsFor('unit', 'unit_1', '2026-11-2')).toMatchObject({ submitted: 1, pending: 0, returned: 1 })
    jest.setSystemTime(new Date('2026-12-02T09:00:00+08:00'))
    const again = await ok('unit-zhifa', 'supervision.editInfo', { infoId: r.id, rev: r.rev, kind: 'news', title: r.title, text: `${r.text}共清运垃圾 12 车。`, photos: [await photo()] })
    // it still counts in the half month it was first sent in
    expect(again).toMatchObject({ status: 'pending', resubmissions: 1, half: '2026-11-2', photoCount: 1, returnReason: '缺少现场照片和具体数据' })
    expect(countsFor('unit', 'unit_1', '2026-11-2')).toMatchObject({ submitted: 1, pending: 1, returned: 0 })
    expect(countsFor('unit', 'unit_1', '2026-12-1')).toBeNull()
    const adopted = await ok('town-admin', 'supervision.decideInfo', { infoId: r.id, decision: 'adopt', level: 'city' })
    expect(adopted.history.map((e) => e.action)).toEqual(['submit', 'return', 'resubmit', 'adopt'])
    expect(countsFor('unit', 'unit_1', '2026-11-2')).toMatchObject({ submitted: 1, pending: 0, returned: 0, adopted: 1, adoptedCity: 1 })
    expect(auditOf(r.id).map((a) => a.action)).toEqual(['submit', 'return', 'resubmit', 'adopt'])
    expectCountsAgree()
  })

  test('deciding needs the town office, a level to adopt and a reason to return', async () => {
    const i = await givenInfo()
    const before = dumpAll()
    await refused('village-admin-dongshan', 'supervision.decideInfo', { infoId: i.id, decision: 'adopt', level: 'town' }, 'FORBIDDEN')
    await refused('unit-zhifa', 'supervision.decideInfo', { infoId: i.id, decision: 'adopt', level: 'town' }, 'FORBIDDEN')
    await refused('town-admin', 'supervision.decideInfo', { infoId: i.id, decision: 'adopt' }, 'INVALID_INPUT', /级别/)
    await refused('town-admin', 'supervision.decideInfo', { infoId: i.id, decision: 'return' }, 'INVALID_INPUT', /原因/)
    await refused('town-admin', 'supervision.decideInfo', { infoId: 'if_nothing_here', decision: 'return', reason: '没有这条' }, 'NOT_FOUND')
    expect(dumpAll()).toEqual(before)
  })

  test('two officers deciding at once decide once: one succeeds, the other is told who did, one decision in the audit log', async () => {
    for (let n = 0; n < 4; n++) {
      const i = await givenInfo()
      const [a, b] = await Promise.all([
        callAs('town-admin', 'supervision.decideInfo', { infoId: i.id, decision: 'adopt', level: 'town' }),
        callAs('town-admin-2', 'supervision.decideInfo', { infoId: i.id, decision: 'return', reason: '内容与本周重复' })
      ])
      const oks = [a.res, b.res].filter((r) => r.ok)
      expect(oks).toHaveLength(1)
      const lost = [a.res, b.res].find((r) => !r.ok) as { code: string; message: string }
      expect(lost.code).toBe('CONFLICT')
      expect(lost.message).toMatch(/已采用|已退回/)
      expect(auditOf(i.id).filter((x) => x.action === 'adopt' || x.action === 'return')).toHaveLength(1)
    }
    expectCountsAgree()
  })
})

describe('who sees what', () => {
  beforeEach(async () => {
    clockFrom('2026-11-18T10:00:00+08:00')
    await freshTown()
  })

  test('a village admin sees their village’s items, unit staff their unit’s, the town office all; residents nothing', async () => {
    const ds = await givenInfo('village-admin-dongshan')
    const xg = await givenInfo('village-admin-xigang')
    const un = await givenInfo('unit-zhifa')
    const ids = async (who: string, input: Record<string, unknown> = {}) => (await ok(who, 'supervision.infos', input)).items.map((i) => i.id).sort()
    expect(await ids('village-admin-dongshan')).toEqual([ds.id])
    expect(await ids('village-admin-xigang')).toEqual([xg.id])
    expect(await ids('unit-zhifa')).toEqual([un.id])
    expect(await ids('unit-chengguan')).toEqual([])
    expect(await ids('town-admin')).toEqual([ds.id, xg.id, un.id].sort())
    expect(await ids('town-admin', { villageId: 'v_xigang' })).toEqual([xg.id])
    expect(await ids('town-admin', { unitId: 'unit_1' })).toEqual([un.id])
    await refused('village-admin-xigang', 'supervision.infos', { villageId: 'v_dongshan' }, 'FORBIDDEN')
    await refused('unit-zhifa', 'supervision.infos', { unitId: 'unit_2' }, 'FORBIDDEN')
    await refused('resident-1', 'supervision.infos', {}, 'FORBIDDEN')
    await refused('grid-dongshan-1', 'supervision.infos', {}, 'FORBIDDEN')
    expect(await ok('town-admin', 'supervision.info', { infoId: ds.id })).toMatchObject({ canDecide: true, canEdit: false })
    await refused('village-admin-xigang', 'supervision.info', { infoId: ds.id }, 'NOT_FOUND')
    await refused('unit-zhifa', 'supervision.info', { infoId: ds.id }, 'NOT_FOUND')
    await refused('resident-1', 'supervision.info', { infoId: ds.id }, 'FORBIDDEN')
    await refused('town-admin', 'supervision.infoHalf', { year: 2026, month: 11, half: 3 }, 'INVALID_INPUT')
    await refused('village-admin-dongshan', 'supervision.infoHalf', { year: 2026, month: 11, half: 1 }, 'FORBIDDEN')
  })

  test('the review queue: waiting items oldest first, paged', async () => {
    const first = await givenInfo('village-admin-dongshan')
    jest.setSystemTime(new Date('2026-11-18T11:00:00+08:00'))
    const second = await givenInfo('unit-zhifa')
    jest.setSystemTime(new Date('2026-11-18T12:00:00+08:00'))
    const third = await givenInfo('village-admin-xigang')
    await ok('town-admin', 'supervision.decideInfo', { infoId: second.id, decision: 'adopt', level: 'town' })
    const page1 = await ok('town-admin', 'supervision.infos', { status: 'pending', pageSize: 1 })
    expect(page1.items.map((i) => i.id)).toEqual([first.id])
    const page2 = await ok('town-admin', 'supervision.infos', { status: 'pending', pageSize: 1, cursor: page1.next as string })
    expect(page2.items.map((i) => i.id)).toEqual([third.id])
    expect(page2.next).toBeNull()
    const all = await ok('town-admin', 'supervision.infos', {})
    expect(all.items.map((i) => i.id)).toEqual([third.id, second.id, first.id])
  })
})

describe('half months (China time)', () => {
  test('the halves of a 30-day, a 31-day month and of February, in any time zone of the server', () => {
    expect(halfMonth(2026, 11, 2)).toMatchObject({ from: '2026-11-16', to: '2026-11-30', key: '2026-11-2' })
    expect(halfMonth(2026, 12, 2)).toMatchObject({ to: '2026-12-31' })
    expect(halfMonth(2027, 2, 2)).toMatchObject({ to: '2027-02-28' })
    expect(halfMonth(2028, 2, 2)).toMatchObject({ to: '2028-02-29' })
    expect(halfMonth(2026, 11, 1)).toMatchObject({ from: '2026-11-01', to: '2026-11-15' })
    // 16th 00:00 China time is 15th 16:00 UTC
    expect(halfMonthOf(new Date('2026-11-15T15:59:59.999Z')).key).toBe('2026-11-1')
    expect(halfMonthOf(new Date('2026-11-15T16:00:00.000Z')).key).toBe('2026-11-2')
    expect(halfMonth(2026, 12, 2).end.toISOString()).toBe('2026-12-31T16:00:00.000Z')
  })

  test.each([
    ['2026-11-15T23:59:59.999+08:00', '2026-11-1'],
    ['2026-11-16T00:00:00.000+08:00', '2026-11-2'],
    ['2026-12-31T23:59:59.999+08:00', '2026-12-2'],
    ['2027-01-01T00:00:00.000+08:00', '2027-01-1'],
    ['2027-02-28T23:59:59.999+08:00', '2027-02-2'],
    ['2027-03-01T00:00:00.000+08:00', '2027-03-1'],
    ['2028-02-29T12:00:00.000+08:00', '2028-02-2']
  ])('an item sent at %s counts in %s', async (at, half) => {
    clockAt(at)
    await freshTown()
    const i = await givenInfo()
    expect(i.half).toBe(half)
    expect(countsFor('village', 'v_dongshan', half)).toMatchObject({ submitted: 1 })
  })
})

describe('the half-month table and 未报送', () => {
  test('every village and unit with its counts; a village with nothing sent in a closed half month is 未报送, an open half month flags nobody', async () => {
    clockFrom('2026-11-05T09:00:00+08:00')
    await freshTown()
    await decidedInfo('village-admin-dongshan', { decision: 'adopt', level: 'town' })
    await decidedInfo('village-admin-dongshan', { decision: 'adopt', level: 'county' })
    await decidedInfo('village-admin-xigang', { decision: 'return', reason: '内容不具体' })
    await givenInfo('unit-zhifa')
    // 南湖村 sent one and withdrew it: nothing sent
    const nh = await givenInfo('village-admin-nanhu')
    await ok('village-admin-nanhu', 'supervision.withdrawInfo', { infoId: nh.id, rev: nh.rev })

    const open = await ok('town-admin', 'supervision.infoHalf', { year: 2026, month: 11, half: 1 })
    expect(open).toMatchObject({ closed: false, missing: 0, label: '2026年11月上半月（1–15日）' })
    expect(open.villages.every((v) => !v.missing)).toBe(true)

    jest.setSystemTime(new Date('2026-11-16T00:00:00+08:00'))
    const { res, dbRequests } = await callAs('town-admin', 'supervision.infoHalf', { year: 2026, month: 11, half: 1 })
    if (!res.ok) throw new Error(res.message)
    const t = res.data
    expect(t).toMatchObject({ closed: true, missing: 2, from: '2026-11-01', to: '2026-11-15' })
    const row = (id: string) => t.villages.find((v) => v.id === id)
    expect(row('v_dongshan')).toMatchObject({ name: '东山村', submitted: 2, adopted: 2, adoptedByLevel: { town: 1, county: 1, city: 0 }, missing: false })
    expect(row('v_xigang')).toMatchObject({ submitted: 1, returned: 1, adopted: 0, missing: false })
    expect(row('v_nanhu')).toMatchObject({ submitted: 0, missing: true })
    expect(row('v_beiling')).toMatchObject({ submitted: 0, missing: true })
    expect(t.villages.map((v) => v.id)).toEqual(['v_dongshan', 'v_xigang', 'v_nanhu', 'v_beiling'])
    expect(t.units.find((u) => u.id === 'unit_1')).toMatchObject({ submitted: 1, pending: 1, missing: false })
    expect(t.units.every((u) => !u.missing)).toBe(true)
    // read from the counts: the caller with the half month's counts (one request, prefetch.ts), villages, units, however many items
    expect(dbRequests).toBe(3)
    // the next half month has nothing yet and is still open
    expect(await ok('town-admin', 'supervision.infoHalf', { year: 2026, month: 11, half: 2 })).toMatchObject({ closed: false, missing: 0 })
    expectCountsAgree()
  })

  test('counts agree with a recomputation from the items after a mix of every action across half months', async () => {
    clockFrom('2026-11-14T09:00:00+08:00')
    await freshTown()
    const senders = ['village-admin-dongshan', 'village-admin-xigang', 'unit-zhifa']
    const made = []
    for (const [k, who] of [...senders, ...senders].entries()) {
      if (k === 3) jest.setSystemTime(new Date('2026-11-16T08:00:00+08:00'))
      made.push({ who, i: await givenInfo(who) })
    }
    await ok('town-admin', 'supervision.decideInfo', { infoId: made[0].i.id, decision: 'adopt', level: 'city' })
    const back = await ok('town-admin', 'supervision.decideInfo', { infoId: made[1].i.id, decision: 'return', reason: '请补充数据' })
    await ok('village-admin-xigang', 'supervision.editInfo', { infoId: back.id, rev: back.rev, kind: 'practice', title: back.title, text: back.text })
    await ok('unit-zhifa', 'supervision.withdrawInfo', { infoId: made[2].i.id, rev: made[2].i.rev })
    await ok('town-admin', 'supervision.decideInfo', { infoId: made[3].i.id, decision: 'return', reason: '与上条重复' })
    await ok('town-admin', 'supervision.decideInfo', { infoId: made[4].i.id, decision: 'adopt', level: 'town' })
    expectCountsAgree()
    expect(countsFor('village', 'v_dongshan', '2026-11-1')).toMatchObject({ submitted: 1, adoptedCity: 1 })
    expect(countsFor('village', 'v_dongshan', '2026-11-2')).toMatchObject({ submitted: 1, returned: 1 })
    expect(countsFor('unit', 'unit_1', '2026-11-1')).toMatchObject({ submitted: 0 })
  })
})

describe('the demo town (npm start)', () => {
  test('items in each state for two villages and a unit; a village that sent nothing last half month is 未报送; counts agree', async () => {
    clockFrom('2026-11-18T10:00:00+08:00')
    await freshTown()
    expect(await seedDemoInfo(localCloud)).toBe(8)
    expect(await seedDemoInfo(localCloud)).toBe(0)
    const all = items()
    expect(new Set(all.map((i) => i.status))).toEqual(new Set(['pending', 'adopted', 'returned']))
    expect(new Set(all.filter((i) => i.status === 'adopted').map((i) => i.level))).toEqual(new Set(['town', 'county']))
    for (const id of ['v_dongshan', 'v_xigang', 'unit_1']) expect(all.filter((i) => i.submitterId === id).length).toBeGreaterThanOrEqual(2)
    const last = await ok('town-admin', 'supervision.infoHalf', { year: 2026, month: 11, half: 1 })
    expect(last.villages.filter((v) => v.missing).map((v) => v.name)).toEqual(['北岭村'])
    const queue = await ok('town-admin', 'supervision.infos', { status: 'pending' })
    expect(queue.items.map((i) => i.submitter.name).sort()).toEqual(['东山村', '镇综合行政执法中队', '西岗社区'].sort())
    expectCountsAgree()
  })
})
