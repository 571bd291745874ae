/**
 * 周通报 / 月通报: periods in China time (Monday 08:00, the 1st 08:00), idempotent drafts across timer
 * runs, fair boards (a tiny-volume village never wins), 流动红旗 threshold and history, the 申诉
 * window of one working day across a holiday, publishing refused while contests wait, the public
 * part without personal data, 月问效 letters, and who sees what.
 */
import { localCloud } from '../../local-cloud'
import { invoke } from '../../local-server/functions'
import { composeBoards, duePeriod, keyOfPeriod, letterCandidates, periodOfKey, weekKeyOf } from '../../src/domain/bulletin'
import { addFigures, zeroFigures, type Figures } from '../../src/domain/indicators'
import { DEFAULT_SCHEME } from '../../src/domain/ranking'
import type { BulletinDoc } from '../../cloudfunctions/supervision/bulletin-docs'
import { pickCases } from '../../cloudfunctions/supervision/bulletins'
import { clockFrom } from '../helpers/clock'
import { callAs, freshTown, ok } from '../helpers/town'
import { forceState, givenDraft, givenReview, pastKey } from '../helpers/bulletins'
import { seedDemoBulletins } from '../../local-server/seed-bulletins'
import { SUBSCRIBE_TEMPLATE_IDS, SUBSCRIBE_TEMPLATE_KEYS } from '../../src/contract/subscribe-templates'

afterEach(() => jest.useRealTimers())

const at = (s: string) => new Date(s)
const stored = (id: string) => localCloud.engine.get('bulletins', id) as unknown as BulletinDoc
const auditOf = (id: string) => (localCloud.engine.find('audit_log', { targetType: 'bulletin', targetId: id }) as Array<{ action: string }>).map((a) => a.action)

async function refused(who: string, action: Parameters<typeof callAs>[1], input: unknown, code: string, message?: RegExp): Promise<void> {
  const { res } = await callAs(who, action, input)
  expect(res).toMatchObject({ ok: false, code })
  if (message) expect((res as { message: string }).message).toMatch(message)
}

describe('periods (China time)', () => {
  test('a week draft is due from Monday 08:00 China time, for last week; before that the week before', () => {
    // Monday 2026-11-30 07:59 in China is Sunday 23:59 UTC
    expect(duePeriod('week', at('2026-11-30T07:59:00+08:00'))).toMatchObject({ first: '2026-11-16', last: '2026-11-22' })
    expect(duePeriod('week', at('2026-11-30T08:00:00+08:00'))).toMatchObject({ first: '2026-11-23', last: '2026-11-29' })
    expect(duePeriod('week', at('2026-12-02T10:00:00+08:00'))).toMatchObject({ first: '2026-11-23', last: '2026-11-29' })
  })

  test('a month draft is due from the 1st 08:00 China time, for last month', () => {
    expect(duePeriod('month', at('2026-12-01T07:30:00+08:00'))).toMatchObject({ first: '2026-10-01', last: '2026-10-31' })
    // 2026-12-01 00:30 UTC is already 08:30 on the 1st in China
    expect(duePeriod('month', at('2026-12-01T00:30:00Z'))).toMatchObject({ first: '2026-11-01', last: '2026-11-30' })
  })

  test('ISO week keys name Monday-to-Sunday weeks, across a year end', () => {
    expect(weekKeyOf('2026-11-23')).toBe('2026-W48')
    expect(weekKeyOf('2026-12-28')).toBe('2026-W53')
    expect(weekKeyOf('2025-12-29')).toBe('2026-W01')
    expect(periodOfKey('week', '2026-W01')).toMatchObject({ first: '2025-12-29', last: '2026-01-04' })
    expect(periodOfKey('week', '2026-W48')).toMatchObject({ first: '2026-11-23', last: '2026-11-29' })
    expect(periodOfKey('week', '2025-W53')).toBeNull()
    expect(periodOfKey('month', '2026-13')).toBeNull()
    expect(keyOfPeriod('month', { first: '2026-11-01' })).toBe('2026-11')
  })
})

describe('boards (pure)', () => {
  const figures = (created: number, closedOnTime: number, due: number, rated = 0, satisfied = 0): Figures => ({
    ...zeroFigures(),
    createdResident: created,
    resolved: closedOnTime,
    closed: closedOnTime,
    due,
    closedOnTime,
    rated,
    ratedSatisfied: satisfied
  })
  const villages = ['甲村', '乙村', '丙村', '丁村', '戊村', '己村', '庚村'].map((name, i) => ({ id: `v${i}`, name, kind: 'village' as const }))
  const base = {
    villages,
    units: [],
    byUnit: new Map(),
    gaugesByVillage: new Map(),
    gaugesByUnit: new Map(),
    townGauges: { open: 0, overdue: 0 }
  }

  test('a village with one perfect problem neither tops the 红榜 nor escapes the 黑榜 by having few reports; 黑榜 only among those with enough volume', () => {
    const byVillage = new Map<string, Figures>([
      ['v0', figures(1, 1, 1, 1, 1)], // tiny volume, 100 %
      ['v1', figures(40, 38, 40, 20, 19)],
      ['v2', figures(30, 25, 30, 10, 8)],
      ['v3', figures(20, 12, 20, 10, 5)],
      ['v4', figures(25, 10, 25, 10, 3)],
      ['v5', figures(10, 3, 10, 5, 1)],
      ['v6', figures(3, 0, 3)] // tiny volume, 0 %
    ])
    const b = composeBoards({ ...base, byVillage, town: [...byVillage.values()].reduce((sum, f) => addFigures(sum, f), zeroFigures()) }, DEFAULT_SCHEME, 90)
    const g = b.groups.find((x) => x.peer === 'village')!
    expect(g.red.map((e) => e.name)).toEqual(['乙村', '丙村', '丁村'])
    expect(g.black.map((e) => e.name)).toEqual(['己村', '戊村'])
    const tiny = g.rows.find((r) => r.placeId === 'v0')!
    expect(tiny).toMatchObject({ score: null, rank: null, rankLabel: '数据不足', insufficient: true })
    expect(g.rows.find((r) => r.placeId === 'v6')).toMatchObject({ rankLabel: '数据不足' })
    expect(g.rows.find((r) => r.placeId === 'v1')!.formula).toMatch(/评分办法第 1 版/)
  })

  test('流动红旗 goes to the top village only when it reaches the threshold', () => {
    const byVillage = new Map<string, Figures>([['v1', figures(200, 200, 200, 100, 100)]])
    const town = byVillage.get('v1')!
    const high = composeBoards({ ...base, byVillage, town }, DEFAULT_SCHEME, 90)
    expect(high.flag).toMatchObject({ villageId: 'v1', name: '乙村' })
    expect(high.flag!.score).toBeGreaterThanOrEqual(90)
    const strict = composeBoards({ ...base, byVillage, town }, DEFAULT_SCHEME, 100)
    expect(strict.flag).toBeNull()
    expect(strict.flagNote).toMatch(/未达到 100 分/)
  })

  test('月问效: twice on a 黑榜 in the month, or ≥ 3 problems overdue more than 5 working days', () => {
    const e = (id: string) => ({ placeKind: 'village' as const, placeId: id, name: id })
    const out = letterCandidates(
      [[e('a'), e('b')], [e('a')], [e('c')]],
      [
        { placeKind: 'unit', placeId: 'u1', name: '执法中队', count: 3 },
        { placeKind: 'unit', placeId: 'u2', name: '城管中队', count: 2 }
      ],
      { blackTimes: 2, overdueCount: 3, overdueDays: 5 }
    )
    expect(out.map((c) => c.placeId)).toEqual(['u1', 'a'])
    expect(out[1].reasons).toEqual(['本月周通报中 2 次列入黑榜'])
    expect(out[0].reasons[0]).toMatch(/3 件问题超期 5 个工作日以上/)
  })
})

describe('typical cases (pure)', () => {
  const row = (no: string, villageId: string, days: number, extra: object = {}) => ({
    _id: `r_${no}`,
    no,
    categoryName: '垃圾堆放',
    villageId,
    villageName: villageId,
    unitName: '环卫所',
    address: '村口',
    closedAt: new Date('2026-11-20T02:00:00Z'),
    handlingWorkdays: days,
    photos: ['before.png'],
    afterPhotos: ['after.png'],
    secStatus: 'pass' as const,
    reopenCount: 0,
    ...extra
  })

  test('closed with before and after photos, checked, never reopened; quickest first, from two villages; the same every time', () => {
    const rows = [
      row('SSP-5', 'a', 1),
      row('SSP-1', 'a', 1),
      row('SSP-2', 'b', 3),
      row('SSP-3', 'c', 0, { afterPhotos: [] }),
      row('SSP-4', 'd', 0, { reopenCount: 1 }),
      row('SSP-6', 'e', 0, { secStatus: 'review' })
    ]
    expect(pickCases(rows).map((c) => c.no)).toEqual(['SSP-1', 'SSP-2'])
    expect(pickCases([...rows].reverse()).map((c) => c.no)).toEqual(['SSP-1', 'SSP-2'])
    expect(pickCases([row('SSP-1', 'a', 1), row('SSP-7', 'a', 2)]).map((c) => c.no)).toEqual(['SSP-1', 'SSP-7'])
  })
})

describe('drafts', () => {
  test('the timer drafts last week on Monday 08:00 and last month on the 1st, once across runs', async () => {
    clockFrom('2026-11-30T08:10:00+08:00')
    await freshTown()
    localCloud.engine.remove('bulletins', {}, { multi: true })
    const run = async () => {
      const { result } = await invoke('supervision', { Type: 'Timer', TriggerName: 'missed-patrols', Time: new Date().toISOString() }, null)
      return (result as { data: { bulletins: string[] } }).data.bulletins
    }
    expect(await run()).toEqual(['bulletin-week-2026-W48', 'bulletin-month-2026-10'])
    expect(await run()).toEqual([])
    expect((localCloud.engine.all('bulletins') as unknown as BulletinDoc[]).map((b) => b._id).sort()).toEqual(['bulletin-month-2026-10', 'bulletin-week-2026-W48'])
    expect(stored('bulletin-week-2026-W48')).toMatchObject({ status: 'draft', generatedBy: 'system', first: '2026-11-23', last: '2026-11-29', rev: 1 })
    // the 1st, 08:00 in China: November's month draft
    jest.setSystemTime(new Date('2026-12-01T00:05:00Z'))
    expect(await run()).toEqual(['bulletin-month-2026-11'])
    expect(await run()).toEqual([])
  })

  test('the office regenerates a draft, edits its text conditionally on rev; a period not over is refused', async () => {
    clockFrom('2026-11-18T10:00:00+08:00')
    await freshTown()
    const d = await givenDraft('week')
    const again = await ok('town-admin', 'supervision.generateBulletin', { kind: 'week', periodKey: d.periodKey })
    expect(again.rev).toBe(d.rev + 1)
    await refused('town-admin', 'supervision.editBulletin', { bulletinId: d.id, rev: d.rev, text: '旧版本上的修改，应被拒绝。' }, 'CONFLICT', /刷新/)
    const edited = await ok('town-admin', 'supervision.editBulletin', { bulletinId: d.id, rev: again.rev, text: '本周全镇环境整治总体平稳，各村居要对照问题抓紧整改。' })
    expect(edited.text).toMatch(/总体平稳/)
    expect(auditOf(d.id)).toEqual(expect.arrayContaining(['generate', 'regenerate', 'edit']))
    await refused('town-admin', 'supervision.generateBulletin', { kind: 'week', periodKey: '2026-W47' }, 'INVALID_INPUT', /尚未结束/)
    await refused('village-admin-dongshan', 'supervision.bulletin', { bulletinId: d.id }, 'FORBIDDEN')
    // a draft not yet opened for 申诉 is the office's alone
    await refused('village-admin-dongshan', 'supervision.bulletinFigures', { bulletinId: d.id, placeKind: 'village', placeId: 'v_dongshan' }, 'NOT_FOUND', /尚未发给/)
    expect((await ok('village-admin-dongshan', 'supervision.bulletins', {})).items.map((b) => b.id)).not.toContain(d.id)
    expect((await ok('town-admin', 'supervision.bulletins', {})).items.map((b) => b.id)).toContain(d.id)
  })

  test('every row stores its score with the scheme version, inputs and formula; a saved scheme is a new version', async () => {
    clockFrom('2026-11-18T10:00:00+08:00')
    await freshTown()
    const scheme = await ok('town-admin', 'supervision.scoringScheme', {})
    expect(scheme).toMatchObject({ version: 1, flagThreshold: 90, minVolume: 5 })
    const saved = await ok('town-admin', 'supervision.saveScoringScheme', {
      baseVersion: 1,
      name: '西岗镇评分办法',
      weights: { onTimeRate: 50, closureRate: 20, satisfactionRate: 20, reworkRate: 10, avgHandlingDays: 0 },
      worstDays: 10,
      overduePoints: 3,
      overdueMax: 30,
      minVolume: 3,
      flagThreshold: 85
    })
    expect(saved).toMatchObject({ version: 2, name: '西岗镇评分办法', minVolume: 3, flagThreshold: 85, overduePoints: 3 })
    expect(saved.versions.map((v) => v.version)).toEqual([2, 1])
    await refused(
      'town-admin',
      'supervision.saveScoringScheme',
      { ...saved, baseVersion: 1, weights: { onTimeRate: 1, closureRate: 1, satisfactionRate: 1, reworkRate: 1, avgHandlingDays: 1 }, worstDays: 10, overdueMax: 30 },
      'CONFLICT',
      /第 2 版/
    )
    const d = await givenDraft('month')
    expect(d.scheme).toEqual({ version: 2, name: '西岗镇评分办法' })
    for (const row of d.groups.flatMap((g) => g.rows)) {
      expect(row.schemeVersion).toBe(2)
      expect(row.formula.length).toBeGreaterThan(0)
      if (!row.insufficient) expect(row.inputs.length).toBeGreaterThan(0)
    }
  })
})

describe('申诉 and publishing', () => {
  test('the window is one working day on the project calendar: opened before National Day, it ends on 10-08', async () => {
    clockFrom('2026-09-30T10:00:00+08:00')
    await freshTown()
    const r = await givenReview('week', '2026-W39')
    expect(r.reviewUntil).toBe(new Date('2026-10-08T23:59:59.999+08:00').toISOString())
    jest.setSystemTime(new Date('2026-10-05T10:00:00+08:00'))
    const mine = await ok('village-admin-dongshan', 'supervision.bulletinFigures', { bulletinId: r.id, placeKind: 'village', placeId: 'v_dongshan' })
    expect(mine.canContest).toBe(true)
    await refused('town-admin', 'supervision.publishBulletin', { bulletinId: r.id, rev: r.rev }, 'CONFLICT', /申诉期/)
    jest.setSystemTime(new Date('2026-10-09T00:01:00+08:00'))
    await refused(
      'village-admin-dongshan',
      'supervision.contestBulletin',
      { bulletinId: r.id, placeKind: 'village', placeId: 'v_dongshan', figure: 'score', reason: '得分计算有误，请核实' },
      'CONFLICT',
      /申诉期已过/
    )
    const done = await ok('town-admin', 'supervision.publishBulletin', { bulletinId: r.id, rev: r.rev })
    expect(done.status).toBe('published')
  })

  test('a village sees only its own figures, contests one once; publishing waits for the answer; then it is immutable', async () => {
    clockFrom('2026-11-18T10:00:00+08:00')
    await freshTown()
    const r = await givenReview('week')
    const own = await ok('village-admin-dongshan', 'supervision.bulletinFigures', { bulletinId: r.id, placeKind: 'village', placeId: 'v_dongshan' })
    expect(own.rows.every((row) => row.placeId === 'v_dongshan')).toBe(true)
    expect(own.rows).toHaveLength(1)
    await refused('village-admin-xigang', 'supervision.bulletinFigures', { bulletinId: r.id, placeKind: 'village', placeId: 'v_dongshan' }, 'FORBIDDEN')
    await refused('unit-zhifa', 'supervision.bulletinFigures', { bulletinId: r.id, placeKind: 'village', placeId: 'v_dongshan' }, 'FORBIDDEN')
    const input = { bulletinId: r.id, placeKind: 'village', placeId: 'v_dongshan', figure: 'overdue', reason: '两件超期问题上周已整改完毕' }
    const contested = await ok('village-admin-dongshan', 'supervision.contestBulletin', input as never)
    expect(contested.contests).toEqual([expect.objectContaining({ figure: 'overdue', status: 'open', statusLabel: '待答复' })])
    expect(contested.canContest).toBe(false)
    await refused('village-admin-dongshan', 'supervision.contestBulletin', input, 'CONFLICT', /只能申诉一次/)
    await refused('village-admin-xigang', 'supervision.contestBulletin', input, 'FORBIDDEN')
    // the window closes, the contest still waits: refused, and says why
    jest.setSystemTime(new Date('2026-11-20T10:00:00+08:00'))
    const before = await ok('town-admin', 'supervision.bulletin', { bulletinId: r.id })
    expect(before.publishBlockers).toEqual(['还有 1 条申诉未答复，请先答复'])
    await refused('town-admin', 'supervision.publishBulletin', { bulletinId: r.id, rev: before.rev }, 'CONFLICT', /1 条申诉未答复/)
    const answered = await ok('town-admin', 'supervision.answerContest', { bulletinId: r.id, contestId: 'village-v_dongshan', decision: 'accept', note: '经核实已整改，超期数更正为 0' })
    expect(answered.contests[0]).toMatchObject({ status: 'accepted', answer: '经核实已整改，超期数更正为 0' })
    expect(answered.groups.flatMap((g) => g.rows).find((x) => x.placeId === 'v_dongshan')!.corrections).toEqual(['超期：经核实已整改，超期数更正为 0'])
    await refused('town-admin', 'supervision.answerContest', { bulletinId: r.id, contestId: 'village-v_dongshan', decision: 'reject', note: '再次答复' }, 'CONFLICT', /已答复/)
    localCloud.clearOutbox()
    const pub = await ok('town-admin', 'supervision.publishBulletin', { bulletinId: r.id, rev: answered.rev })
    expect(pub).toMatchObject({ status: 'published', canEdit: false })
    // 通报发布通知 to village admins and unit staff only, with exactly the template's keywords
    const outbox = localCloud.getOutbox()
    const staff = (localCloud.engine.all('users') as Array<{ openid: string; grants: Array<{ role: string }> }>).filter((u) =>
      u.grants.some((g) => g.role === 'village_admin' || g.role === 'unit_staff')
    )
    expect(staff.length).toBeGreaterThan(0)
    expect(outbox.map((m) => m.touser).sort()).toEqual(staff.map((u) => u.openid).sort())
    for (const m of outbox) {
      expect(m.templateId).toBe(SUBSCRIBE_TEMPLATE_IDS.bulletinPublished)
      expect(Object.keys(m.data).sort()).toEqual([...SUBSCRIBE_TEMPLATE_KEYS.bulletinPublished].sort())
      expect(m.page).toBe(`packages/bulletins/pages/detail/index?id=${r.id}`)
    }
    await refused('town-admin', 'supervision.editBulletin', { bulletinId: r.id, rev: pub.rev, text: '发布后修改应被拒绝的正文。' }, 'CONFLICT', /已发布/)
    await refused('town-admin', 'supervision.generateBulletin', { kind: 'week', periodKey: r.periodKey }, 'CONFLICT', /已发布/)
    expect(auditOf(r.id)).toEqual(expect.arrayContaining(['open_review', 'contest', 'answer_contest', 'publish']))
  })

  test('residents see only published bulletins, and only the public part: no persons, no problems', async () => {
    clockFrom('2026-11-18T10:00:00+08:00')
    await freshTown()
    const d = await givenDraft('month')
    await refused('resident-1', 'supervision.publicBulletin', { bulletinId: d.id }, 'NOT_FOUND')
    expect((await ok('resident-1', 'supervision.publicBulletins', {})).items.map((b) => b.id)).not.toContain(d.id)
    forceState(d.id, 'closedReview')
    await ok('town-admin', 'supervision.publishBulletin', { bulletinId: d.id, rev: d.rev })
    const pub = await ok('resident-1', 'supervision.publicBulletin', { bulletinId: d.id })
    const text = JSON.stringify(pub)
    for (const key of ['formula', 'inputs', 'contests', 'cases', 'overdueByUnit', 'text', 'reason', 'byName']) expect(text).not.toContain(`"${key}"`)
    const people = localCloud.engine.all('users') as Array<{ name: string; phone: string | null }>
    for (const p of people) {
      expect(text).not.toContain(p.name)
      if (p.phone) expect(text).not.toContain(p.phone)
    }
    for (const r of localCloud.engine.all('reports') as Array<{ description: string; no: string }>) {
      expect(text).not.toContain(r.description)
      expect(text).not.toContain(r.no)
    }
    expect(pub.groups.map((g) => g.label)).toEqual(['村', '社区', '责任单位'])
  })

  test('流动红旗 history: a flag awarded at publishing is kept per period in its own collection', async () => {
    clockFrom('2026-11-18T10:00:00+08:00')
    await freshTown()
    const d = await givenDraft('week')
    const doc = stored(d.id)
    const flagged = { ...doc, flag: { villageId: 'v_dongshan', name: '东山村', score: 95, previousName: null } }
    localCloud.engine.replace('bulletins', d.id, flagged)
    forceState(d.id, 'closedReview')
    await ok('town-admin', 'supervision.publishBulletin', { bulletinId: d.id, rev: d.rev })
    expect(localCloud.engine.all('bulletin_flags')).toEqual([expect.objectContaining({ villageId: 'v_dongshan', periodKey: d.periodKey, kind: 'week' })])
  })

  test('a flag is awarded afresh each period: the next draft names who held it, and below the threshold nobody keeps it', async () => {
    clockFrom('2026-11-18T10:00:00+08:00')
    await freshTown()
    const scheme = (flagThreshold: number, baseVersion: number) => ({
      baseVersion,
      name: '演示评分办法',
      weights: { onTimeRate: 40, closureRate: 20, satisfactionRate: 20, reworkRate: 10, avgHandlingDays: 10 },
      worstDays: 10,
      overduePoints: 2,
      overdueMax: 20,
      minVolume: 1,
      flagThreshold
    })
    await ok('town-admin', 'supervision.saveScoringScheme', scheme(0, 1))
    const sept = await givenDraft('month', '2026-09')
    localCloud.engine.replace('bulletins', sept.id, { ...stored(sept.id), flag: { villageId: 'v_beiling', name: '北岭村', score: 91, previousName: null } })
    forceState(sept.id, 'closedReview')
    await ok('town-admin', 'supervision.publishBulletin', { bulletinId: sept.id, rev: sept.rev })
    const oct = await givenDraft('month', '2026-10')
    expect(oct.flag).not.toBeNull()
    expect(oct.flag!.previousName).toBe('北岭村')
    await ok('town-admin', 'supervision.saveScoringScheme', scheme(100, 2))
    const again = await givenDraft('month', '2026-10')
    expect(again.flag).toBeNull()
    expect(again.flagNote).toMatch(/未达到 100 分/)
  })
})

describe('月问效 letters', () => {
  test('publishing a month issues a numbered 工作提示函 to a village twice on the 黑榜 that month; the village answers once', async () => {
    clockFrom('2026-11-18T10:00:00+08:00')
    await freshTown()
    const month = pastKey('month')
    const weeks = [1, 2].map((n) => `${month}-${String(n * 7).padStart(2, '0')}`)
    for (const day of weeks) {
      const d = await givenDraft('week', weekKeyOf(mondayOf(day)))
      const doc = stored(d.id)
      const groups = doc.groups.map((g) => (g.peer === 'village' ? { ...g, black: [{ placeId: 'v_dongshan', name: '东山村', score: 40, rank: 9 }] } : g))
      localCloud.engine.replace('bulletins', d.id, { ...doc, groups })
      forceState(d.id, 'published')
    }
    const m = await givenDraft('month', month)
    forceState(m.id, 'closedReview')
    const pub = await ok('town-admin', 'supervision.publishBulletin', { bulletinId: m.id, rev: m.rev })
    const letter = pub.letters.find((l) => l.placeId === 'v_dongshan')!
    expect(letter).toMatchObject({ placeKind: 'village', to: '东山村党组织书记', month, reasons: ['本月周通报中 2 次列入黑榜'] })
    expect(letter.no).toMatch(/^提示〔2026〕\d+号$/)
    const list = await ok('village-admin-dongshan', 'supervision.bulletinLetters', {})
    expect(list.items).toEqual([expect.objectContaining({ id: letter.id, canAnswer: true })])
    expect((await ok('village-admin-xigang', 'supervision.bulletinLetters', {})).items).toEqual([])
    await refused('village-admin-xigang', 'supervision.answerBulletinLetter', { letterId: letter.id, answer: '不是本村的提示函' }, 'FORBIDDEN')
    const answered = await ok('village-admin-dongshan', 'supervision.answerBulletinLetter', { letterId: letter.id, answer: '已召开专题会议，落实整改责任' })
    expect(answered).toMatchObject({ answer: '已召开专题会议，落实整改责任', canAnswer: false })
    await refused('village-admin-dongshan', 'supervision.answerBulletinLetter', { letterId: letter.id, answer: '再答复一次' }, 'CONFLICT', /已答复/)
  })
})

function mondayOf(day: string): string {
  const d = new Date(`${day}T12:00:00+08:00`)
  const back = (d.getUTCDay() + 6) % 7
  return new Date(d.getTime() - back * 86_400_000).toISOString().slice(0, 10)
}

describe('demo seed', () => {
  test('the demo town shows one published weekly bulletin and one under review', async () => {
    clockFrom('2026-11-18T10:00:00+08:00')
    await freshTown()
    expect(await seedDemoBulletins(localCloud)).toBe(2)
    const all = localCloud.engine.all('bulletins') as unknown as BulletinDoc[]
    expect(all.map((b) => [b._id, b.status]).sort()).toEqual([
      ['bulletin-week-2026-W45', 'published'],
      ['bulletin-week-2026-W46', 'review']
    ])
    expect(all.find((b) => b.status === 'published')!.contests).toEqual([expect.objectContaining({ placeId: 'v_dongshan', status: 'accepted' })])
    const pub = await ok('resident-1', 'supervision.publicBulletins', {})
    expect(pub.items.map((b) => b.id)).toEqual(['bulletin-week-2026-W45'])
    expect(await seedDemoBulletins(localCloud)).toBe(0)
  })
})
