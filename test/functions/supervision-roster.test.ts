/**
 * Checklist templates (versioned) and the roster (排班): who schedules where, the month generator's
 * cadence and rotation, cancelling, 今日巡查, the roster and the day counts, and who sees which patrol.
 */
import { localCloud } from '../../local-cloud'
import type { PatrolTemplate } from '../../src/contract'
import { clockFrom } from '../helpers/clock'
import { callAs, dumpAll, freshTown, ok, userIdOf } from '../helpers/town'
import { givenPatrol, givenTemplates, resultsFor, smallTemplate, submission } from '../helpers/supervision'

const countsOf = (villageId: string, date: string) => localCloud.engine.get('supervision_counts', `${villageId}_${date}`) as Record<string, number> | null
const HERE = { lng: 120.4, lat: 30.5 }

let template: PatrolTemplate

beforeEach(async () => {
  clockFrom('2026-11-18T09:00:00+08:00')
  await freshTown()
  template = await smallTemplate()
})
afterEach(() => jest.useRealTimers())

describe('checklist templates', () => {
  test('the three demo checklists; only the town office keeps them; a village admin reads them', async () => {
    const { community, cleaning, order } = await givenTemplates()
    expect(community).toMatchObject({ name: '社区环境督导', version: 1, enabled: true })
    expect(community.items).toHaveLength(10)
    expect(community.items[0]).toMatchObject({ key: 'i1', text: '社区内是否存在私搭乱建现象', category: 'illegal_building', categoryName: '私搭乱建', deduction: 10 })
    const listed = await ok('village-admin-xigang', 'supervision.templates', {})
    expect(listed.map((t) => t.name)).toEqual(expect.arrayContaining(['社区环境督导', '集镇保洁', '公共场所秩序', '小型巡查表']))
    expect(cleaning.items.length + order.items.length).toBeGreaterThan(10)
    const before = dumpAll()
    for (const who of ['village-admin-dongshan', 'grid-dongshan-1', 'resident-1']) {
      expect((await callAs(who, 'supervision.saveTemplate', { name: '私自巡查表', items: [{ text: '是否有垃圾', category: 'litter', deduction: 5 }], enabled: true })).res).toMatchObject({
        ok: false,
        code: 'FORBIDDEN'
      })
    }
    expect((await callAs('grid-dongshan-1', 'supervision.templates', {})).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(dumpAll()).toEqual(before)
  })

  test('bad templates are refused with Chinese messages, nothing written', async () => {
    const before = dumpAll()
    const cases: Array<[unknown, string]> = [
      [
        {
          name: '超分表',
          items: [
            { text: '第一项检查', category: 'litter', deduction: 60 },
            { text: '第二项检查', category: 'parking', deduction: 50 }
          ],
          enabled: true
        },
        '各项扣分合计不能超过 100 分'
      ],
      [{ name: '怪类别', items: [{ text: '第一项检查', category: 'no_such', deduction: 5 }], enabled: true }, '第 1 项的问题类别不存在或已停用'],
      [{ name: '空表', items: [], enabled: true }, '请至少填写一个检查项'],
      [{ name: '负分', items: [{ text: '第一项检查', category: 'litter', deduction: -1 }], enabled: true }, '扣分不能小于 0'],
      [{ id: template.id, rev: template.rev, name: '小型巡查表', items: [{ key: 'zz9', text: '外来编号', category: 'litter', deduction: 1 }], enabled: true }, '检查项编号不属于这张巡查表']
    ]
    for (const [input, message] of cases) expect((await callAs('town-admin', 'supervision.saveTemplate', input)).res).toMatchObject({ ok: false, code: 'INVALID_INPUT', message })
    const stale = await callAs('town-admin', 'supervision.saveTemplate', {
      id: template.id,
      rev: template.rev + 5,
      name: '小型巡查表',
      items: [{ text: '是否有垃圾', category: 'litter', deduction: 5 }],
      enabled: true
    })
    expect(stale.res).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(dumpAll()).toEqual(before)
  })

  test('a change of items is a new version; patrols scheduled or done before keep theirs', async () => {
    const scheduled = await givenPatrol({ templateId: template.id })
    const done = await givenPatrol({ templateId: template.id, gridId: 'g_dongshan_1' })
    await ok('grid-dongshan-1', 'supervision.submitPatrol', submission(done, await resultsFor(done, { 0: HERE })))
    // renaming only: same version
    const renamed = await ok('town-admin', 'supervision.saveTemplate', {
      id: template.id,
      rev: template.rev,
      name: '小型巡查表（改名）',
      items: template.items.map(({ key, text, category, deduction }) => ({ key, text, category, deduction })),
      enabled: true
    })
    expect(renamed.version).toBe(1)
    const v2 = await ok('town-admin', 'supervision.saveTemplate', {
      id: template.id,
      rev: renamed.rev,
      name: renamed.name,
      items: [
        { key: template.items[0].key, text: '是否有暴露垃圾（含沟渠）', category: 'litter', deduction: 8 },
        { text: '是否有占道经营', category: 'street_vending', deduction: 6 }
      ],
      enabled: true
    })
    expect(v2).toMatchObject({ version: 2 })
    expect(v2.items.map((i) => i.key)).toEqual(['i1', 'i4'])
    // the old version is kept, and the patrols still carry it
    const v1 = await ok('village-admin-dongshan', 'supervision.template', { templateId: template.id, version: 1 })
    expect(v1.items).toEqual(template.items)
    for (const id of [scheduled.id, done.id]) {
      const p = await ok('village-admin-dongshan', 'supervision.patrol', { patrolId: id })
      expect(p).toMatchObject({ version: 1, items: template.items })
    }
    const doneNow = await ok('village-admin-dongshan', 'supervision.patrol', { patrolId: done.id })
    expect(doneNow).toMatchObject({ score: 95, deductions: 5 })
    // the scheduled one is still submitted against version 1
    await ok('grid-dongshan-1', 'supervision.submitPatrol', submission(scheduled, await resultsFor(scheduled)))
    const fresh = await givenPatrol({ templateId: template.id, date: '2026-11-20' })
    expect(fresh).toMatchObject({ version: 2, itemCount: 2 })
    // disabled: no new patrols with it
    await ok('town-admin', 'supervision.saveTemplate', {
      id: template.id,
      rev: v2.rev,
      name: v2.name,
      items: v2.items.map(({ key, text, category, deduction }) => ({ key, text, category, deduction })),
      enabled: false
    })
    expect(
      (
        await callAs('village-admin-dongshan', 'supervision.schedule', {
          villageId: 'v_dongshan',
          gridId: null,
          date: '2026-11-21',
          templateId: template.id,
          patrollerIds: [userIdOf('grid-dongshan-1')]
        })
      ).res
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
  })
})

describe('scheduling', () => {
  test('a village admin schedules in their village only; patrollers are its staff; no past days; no double booking', async () => {
    const p = await givenPatrol({ templateId: template.id, patrollers: ['grid-dongshan-1', 'grid-dongshan-2'], gridId: 'g_dongshan_1' })
    expect(p).toMatchObject({ villageName: '东山村', gridName: '东山一组网格', status: 'scheduled', statusLabel: '待巡查', patrollers: [{ name: '王海涛' }, { name: '刘桂芳' }], canCancel: false })
    expect(countsOf('v_dongshan', '2026-11-18')).toMatchObject({ scheduled: 1, done: 0, missed: 0 })
    const base = { villageId: 'v_dongshan', gridId: null, date: '2026-11-19', templateId: template.id, patrollerIds: [userIdOf('grid-dongshan-1')] }
    const before = dumpAll()
    const refused: Array<[string, unknown, string]> = [
      ['village-admin-xigang', base, 'FORBIDDEN'],
      ['grid-dongshan-1', base, 'FORBIDDEN'],
      ['resident-1', base, 'FORBIDDEN'],
      ['village-admin-dongshan', { ...base, date: '2026-11-17' }, 'INVALID_INPUT'],
      ['village-admin-dongshan', { ...base, gridId: 'g_xigang_1' }, 'INVALID_INPUT'],
      ['village-admin-dongshan', { ...base, patrollerIds: [userIdOf('grid-xigang-1')] }, 'INVALID_INPUT'],
      ['village-admin-dongshan', { ...base, patrollerIds: [userIdOf('resident-1')] }, 'INVALID_INPUT'],
      ['village-admin-dongshan', { ...base, patrollerIds: [userIdOf('unit-zhifa')] }, 'INVALID_INPUT'],
      ['village-admin-dongshan', { ...base, date: '2026-11-18', gridId: 'g_dongshan_1' }, 'CONFLICT'],
      ['village-admin-dongshan', { ...base, date: '2026-02-30' }, 'INVALID_INPUT']
    ]
    for (const [who, input, code] of refused) {
      const { res } = await callAs(who, 'supervision.schedule', input)
      expect({ who, input, res }).toMatchObject({ res: { ok: false, code, message: expect.stringMatching(/[\u4e00-\u9fa5]/) } })
    }
    expect(dumpAll()).toEqual(before)
    // the town office schedules anywhere, and may itself patrol
    const town = await ok('town-admin', 'supervision.schedule', { ...base, villageId: 'v_xigang', patrollerIds: [userIdOf('town-admin'), userIdOf('grid-xigang-1')] })
    expect(town).toMatchObject({ villageName: '西岗社区', date: '2026-11-19' })
  })

  test('the month generator: every 2 days by default from the 1st, past days skipped, people in turn; again: nothing new', async () => {
    const people = ['grid-dongshan-1', 'grid-dongshan-2', 'village-admin-dongshan'].map(userIdOf)
    const r = await ok('village-admin-dongshan', 'supervision.generateRoster', { villageId: 'v_dongshan', gridId: null, templateId: template.id, year: 2026, month: 11, patrollerIds: people })
    // 1, 3, …, 29: 15 days of the cadence; from today (the 18th) on: the 19th to the 29th
    expect(r.patrols.map((p) => p.date)).toEqual(['2026-11-19', '2026-11-21', '2026-11-23', '2026-11-25', '2026-11-27', '2026-11-29'])
    expect(r).toMatchObject({ created: 6, skipped: 9 })
    expect(r.patrols.map((p) => p.patrollers[0].userId)).toEqual([people[0], people[1], people[2], people[0], people[1], people[2]])
    for (const p of r.patrols) expect(countsOf('v_dongshan', p.date)).toMatchObject({ scheduled: 1 })
    const before = dumpAll()
    const again = await ok('village-admin-dongshan', 'supervision.generateRoster', { villageId: 'v_dongshan', gridId: null, templateId: template.id, year: 2026, month: 11, patrollerIds: people })
    expect(again).toMatchObject({ created: 0, skipped: 15 })
    expect(dumpAll()).toEqual(before)
  })

  test('cadence, start day and people per patrol are settable; a grid roster; next month in full', async () => {
    const people = ['grid-dongshan-1', 'grid-dongshan-2'].map(userIdOf)
    const r = await ok('village-admin-dongshan', 'supervision.generateRoster', {
      villageId: 'v_dongshan',
      gridId: 'g_dongshan_2',
      templateId: template.id,
      year: 2026,
      month: 12,
      patrollerIds: people,
      everyDays: 3,
      fromDay: 2,
      perPatrol: 2
    })
    expect(r.patrols.map((p) => p.date)).toEqual(['02', '05', '08', '11', '14', '17', '20', '23', '26', '29'].map((d) => `2026-12-${d}`))
    expect(r.patrols.every((p) => p.patrollers.length === 2 && p.gridName === '东山二组网格')).toBe(true)
    const bad = await callAs('village-admin-dongshan', 'supervision.generateRoster', { villageId: 'v_dongshan', gridId: null, templateId: template.id, year: 2026, month: 10, patrollerIds: people })
    expect(bad.res).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '这个月已经没有可以安排的日期' })
    const cadence = await callAs('village-admin-dongshan', 'supervision.generateRoster', {
      villageId: 'v_dongshan',
      gridId: null,
      templateId: template.id,
      year: 2026,
      month: 12,
      patrollerIds: people,
      everyDays: 9
    })
    expect(cadence.res).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '间隔天数不能大于 7' })
    expect(
      (await callAs('village-admin-xigang', 'supervision.generateRoster', { villageId: 'v_dongshan', gridId: null, templateId: template.id, year: 2026, month: 12, patrollerIds: people })).res
    ).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  test('cancelling: the village admin with a reason; counts go back; scheduled again it is a new round', async () => {
    // a patrol's own day is not cancelled (not done by its end, it is 缺巡)
    const todays = await givenPatrol({ templateId: template.id })
    expect(todays.canCancel).toBe(false)
    expect((await callAs('village-admin-dongshan', 'supervision.cancelPatrol', { patrolId: todays.id, reason: '临时有事' })).res).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: '当天和已过去的巡查不能取消；当天未提交的将记为缺巡'
    })
    const p = await givenPatrol({ templateId: template.id, date: '2026-11-20' })
    const before = dumpAll()
    // outside the caller's village the patrol is not found (its existence is not revealed), as for reports
    expect((await callAs('village-admin-xigang', 'supervision.cancelPatrol', { patrolId: p.id, reason: '天气原因' })).res).toMatchObject({ ok: false, code: 'NOT_FOUND', message: '没有找到这次巡查' })
    expect((await callAs('grid-dongshan-1', 'supervision.cancelPatrol', { patrolId: p.id, reason: '天气原因' })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(dumpAll()).toEqual(before)
    const cancelled = await ok('village-admin-dongshan', 'supervision.cancelPatrol', { patrolId: p.id, reason: '台风预警，改期' })
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: '台风预警，改期', canCancel: false })
    expect(countsOf('v_dongshan', '2026-11-20')).toMatchObject({ scheduled: 0 })
    expect((await callAs('village-admin-dongshan', 'supervision.cancelPatrol', { patrolId: p.id, reason: '再取消' })).res).toMatchObject({ ok: false, code: 'CONFLICT' })
    const again = await givenPatrol({ templateId: template.id, date: '2026-11-20', patrollers: ['grid-dongshan-2'] })
    expect(again).toMatchObject({ id: p.id, status: 'scheduled', patrollers: [{ name: '刘桂芳' }] })
    expect(countsOf('v_dongshan', '2026-11-20')).toMatchObject({ scheduled: 1 })
  })
})

describe('who sees which patrols', () => {
  test('今日巡查 and the coming ones for the patrollers; the roster and counts for the village and the town', async () => {
    const mine = await givenPatrol({ templateId: template.id, patrollers: ['grid-dongshan-1'] })
    const grid2 = await givenPatrol({ templateId: template.id, gridId: 'g_dongshan_2', patrollers: ['village-admin-dongshan'] })
    const later = await givenPatrol({ templateId: template.id, date: '2026-11-22' })
    const today = await ok('grid-dongshan-1', 'supervision.mine', { when: 'today' })
    expect(today.items.map((p) => p.id)).toEqual([mine.id])
    expect(today.items[0]).toMatchObject({ mine: true, itemCount: 3 })
    expect((await ok('grid-dongshan-1', 'supervision.mine', { when: 'upcoming' })).items.map((p) => p.id)).toEqual([later.id])
    expect((await ok('grid-dongshan-2', 'supervision.mine', { when: 'today' })).items).toEqual([])
    // a grid worker reads the patrols of their grid, not another's; other villages see nothing
    expect(await ok('grid-dongshan-2', 'supervision.patrol', { patrolId: grid2.id })).toMatchObject({ mine: false, canSubmit: false })
    expect((await callAs('grid-dongshan-2', 'supervision.patrol', { patrolId: mine.id })).res).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect((await callAs('village-admin-xigang', 'supervision.patrol', { patrolId: mine.id })).res).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect((await callAs('resident-1', 'supervision.patrol', { patrolId: mine.id })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    const roster = await ok('village-admin-dongshan', 'supervision.roster', { villageId: 'v_dongshan', year: 2026, month: 11 })
    expect(roster.items.map((p) => p.date)).toEqual(['2026-11-18', '2026-11-18', '2026-11-22'])
    expect((await callAs('village-admin-xigang', 'supervision.roster', { villageId: 'v_dongshan', year: 2026, month: 11 })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await callAs('grid-dongshan-1', 'supervision.roster', { villageId: 'v_dongshan', year: 2026, month: 11 })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    await ok('grid-dongshan-1', 'supervision.submitPatrol', submission(mine, await resultsFor(mine, { 1: HERE })))
    const counts = await ok('village-admin-dongshan', 'supervision.counts', { villageId: 'v_dongshan', year: 2026, month: 11 })
    expect(counts.totals).toEqual({
      scheduled: 3,
      done: 1,
      missed: 0,
      late: 0,
      findings: 1,
      deductions: 3,
      problemsCreated: 1,
      problemsLinked: 0,
      cleaningFindings: 0,
      cleaningWithdrawn: 0,
      deductionYuan: 0
    })
    expect(counts.days.map((d) => d.date)).toEqual(['2026-11-18', '2026-11-22'])
    expect((await ok('town-admin', 'supervision.counts', { year: 2026, month: 11 })).totals.scheduled).toBe(3)
    expect((await callAs('village-admin-dongshan', 'supervision.counts', { year: 2026, month: 11 })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })
})
