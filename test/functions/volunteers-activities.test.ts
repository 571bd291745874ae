/** Activities: create/edit/publish/cancel by organisers with notices to those signed up, browsing and the organisers' list. */
import { localCloud } from '../../local-cloud'
import { RISKY_TEXT_MESSAGE } from '../../cloudfunctions/_shared/security'
import { SUBSCRIBE_TEMPLATE_IDS } from '../../src/contract/subscribe-templates'
import { callAs, dumpAll, freshTown, ok } from '../helpers/town'
import { clockAt } from '../helpers/reports'
import { activityInput, expectCountsConsistent, givenVolunteers, inHours, publishedActivity, seedActivityId, seedTeamId, storedSignups } from '../helpers/volunteers'

const NOW = '2026-11-15T02:00:00Z'

describe('activities', () => {
  beforeEach(async () => {
    clockAt(NOW)
    await freshTown()
  })
  afterEach(() => jest.useRealTimers())

  const browse = async (who: string, input: object = {}) => (await ok(who, 'volunteers.activities', input)).items.map((a) => a.id)

  test('a draft is the organisers’ only; published, it is browsable; the organisers’ list keeps every status', async () => {
    const draft = await ok('village-admin-dongshan', 'volunteers.saveActivity', activityInput({ title: '新建草稿活动' }))
    expect(draft).toMatchObject({ status: 'draft', statusLabel: '草稿', canManage: true, signedCount: 0, remaining: 20, organiserName: '李卫东' })
    expect(await browse('resident-1')).not.toContain(draft.id)
    expect((await callAs('resident-1', 'volunteers.activity', { activityId: draft.id })).res).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await browse('village-admin-dongshan', { managed: true, pageSize: 50 })).toContain(draft.id)
    expect(await browse('town-admin', { managed: true, pageSize: 50 })).toContain(draft.id)
    expect(await browse('village-admin-xigang', { managed: true, pageSize: 50 })).not.toContain(draft.id)
    expect(await browse('resident-1', { managed: true })).toEqual([])
    // 林志愿 organises his team's activities, not the village's
    const hisList = await browse('volunteer-1', { managed: true, pageSize: 50 })
    expect(hisList).toContain(seedActivityId('ds-env-draft'))
    expect(hisList).not.toContain(draft.id)

    const published = await ok('village-admin-dongshan', 'volunteers.publishActivity', { activityId: draft.id })
    expect(published).toMatchObject({ status: 'published', canManage: true })
    expect(await browse('resident-1', { pageSize: 50 })).toContain(draft.id)
    const seen = await ok('resident-1', 'volunteers.activity', { activityId: draft.id })
    expect(seen).toMatchObject({ canManage: false, mine: null, description: '清理村道两侧的垃圾和杂物' })
    expect(JSON.stringify(seen)).not.toMatch(/codeSecret|queue/)
    // publishing twice is the same
    expect(await ok('village-admin-dongshan', 'volunteers.publishActivity', { activityId: draft.id })).toMatchObject({ status: 'published' })
  })

  test('browse filters by village, category and date, soonest first, page by page', async () => {
    const all = (await ok('resident-1', 'volunteers.activities', { pageSize: 50 })).items
    expect(all.length).toBeGreaterThan(5)
    expect(all.every((a) => a.status === 'published')).toBe(true)
    const starts = all.map((a) => a.startAt)
    expect([...starts].sort()).toEqual(starts)
    // from today on by default: nothing of the past days but what is still going on
    expect(all.every((a) => new Date(a.startAt) >= new Date('2026-11-14T16:00:00Z') || new Date(a.endAt) > new Date(NOW))).toBe(true)
    const xigang = (await ok('resident-1', 'volunteers.activities', { villageId: 'v_xigang', pageSize: 50 })).items
    expect(xigang.length).toBeGreaterThan(0)
    expect(xigang.every((a) => a.villageId === 'v_xigang')).toBe(true)
    const traffic = (await ok('resident-1', 'volunteers.activities', { category: 'traffic', pageSize: 50 })).items
    expect(traffic.every((a) => a.category === 'traffic' && a.categoryLabel === '文明交通')).toBe(true)
    const both = (await ok('resident-1', 'volunteers.activities', { villageId: 'v_dongshan', category: 'traffic', pageSize: 50 })).items
    expect(both.map((a) => a.id)).toEqual([seedActivityId('ds-open-tomorrow')])
    // an explicit window includes the past
    const past = (await ok('resident-1', 'volunteers.activities', { from: '2026-11-01T00:00:00Z', to: '2026-11-14T16:00:00Z', pageSize: 50 })).items
    expect(past.map((a) => a.id)).toEqual(expect.arrayContaining([seedActivityId('ds-env-past-1'), seedActivityId('bl-past')]))
    expect(past.every((a) => a.startAt < '2026-11-14T16:00:00.000Z')).toBe(true)
    // pages
    const first = await ok('resident-1', 'volunteers.activities', { pageSize: 2 })
    const second = await ok('resident-1', 'volunteers.activities', { pageSize: 2, cursor: first.next ?? undefined })
    expect([...first.items, ...second.items].map((a) => a.id)).toEqual(all.slice(0, 4).map((a) => a.id))
    expect((await callAs('resident-1', 'volunteers.activities', { from: '2026-11-20T00:00:00Z', to: '2026-11-10T00:00:00Z' })).res).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    // a volunteer sees where they stand in each
    const { res } = await callAs({ openid: 'demo-vol-ds-env-1' }, 'volunteers.activities', { pageSize: 50 })
    if (!res.ok) throw new Error(res.message)
    expect(res.data.items.find((a) => a.id === seedActivityId('ds-open-upcoming'))?.mine).toMatchObject({ status: 'waitlisted', position: 1 })
  })

  test('an activity running across midnight stays in the default list until it ends; one that ended before midnight leaves it', async () => {
    // 23:00 China time on 11-15: one activity 23:30 → 02:00, one 22:00 → 23:50 (the deadline before each start)
    clockAt('2026-11-15T15:00:00Z')
    const night = await publishedActivity({ title: '跨夜巡逻', startAt: '2026-11-15T15:30:00Z', endAt: '2026-11-15T18:00:00Z', signupDeadline: '2026-11-15T15:20:00Z' })
    const evening = await publishedActivity({ title: '晚间宣传', startAt: '2026-11-15T15:10:00Z', endAt: '2026-11-15T15:50:00Z', signupDeadline: '2026-11-15T15:05:00Z' })
    expect(await browse('resident-1', { pageSize: 50 })).toEqual(expect.arrayContaining([night, evening]))
    // 00:30 China time on 11-16: the night patrol is still on, the evening one is over
    clockAt('2026-11-15T16:30:00Z')
    const afterMidnight = await browse('resident-1', { pageSize: 50 })
    expect(afterMidnight).toContain(night)
    expect(afterMidnight).not.toContain(evening)
    expect(afterMidnight[0]).toBe(night) // soonest first: it started before everything of today
    expect(await browse('resident-1', { villageId: 'v_xigang', pageSize: 50 })).not.toContain(night)
    // once it has ended it leaves the list; an explicit window still finds it
    clockAt('2026-11-15T18:30:00Z')
    expect(await browse('resident-1', { pageSize: 50 })).not.toContain(night)
    expect(await browse('resident-1', { from: '2026-11-14T16:00:00Z', pageSize: 50 })).toContain(night)
  })

  test('validation: times in order, deadline before the start, organiser only in their place', async () => {
    const before = dumpAll()
    const bad = [
      [activityInput({ endAt: inHours(47) }), { endAt: '结束时间应晚于开始时间' }],
      [activityInput({ signupDeadline: inHours(49) }), { signupDeadline: '报名截止时间不能晚于活动开始时间' }],
      [activityInput({ startAt: inHours(-5), endAt: inHours(-2), signupDeadline: inHours(-6) }), { endAt: '活动结束时间已过' }],
      [activityInput({ capacity: 0 }), { capacity: '人数至少 1 人' }],
      [activityInput({ teamId: seedTeamId('xg-traffic') }), { teamId: '所选队伍不属于该村（居）' }]
    ] as const
    for (const [input, fields] of bad) {
      const { res } = await callAs('village-admin-dongshan', 'volunteers.saveActivity', input)
      expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT', fields })
    }
    expect((await callAs('village-admin-xigang', 'volunteers.saveActivity', activityInput())).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await callAs('volunteer-2', 'volunteers.saveActivity', activityInput())).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    localCloud.setSecWords(['违禁词'])
    expect((await callAs('village-admin-dongshan', 'volunteers.saveActivity', activityInput({ description: '这里有违禁词内容' }))).res).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: RISKY_TEXT_MESSAGE
    })
    expect(dumpAll()).toEqual(before)
  })

  test('an edit of a published activity tells everyone signed up or waiting; capacity cannot drop below the signed; more places promote the line', async () => {
    const crowd = givenVolunteers(4)
    const activityId = await publishedActivity({ capacity: 2 })
    for (const o of crowd) await callAs({ openid: o }, 'volunteers.signup', { activityId })
    localCloud.clearOutbox()
    const shrink = await callAs('village-admin-dongshan', 'volunteers.saveActivity', { ...activityInput({ capacity: 1 }), id: activityId })
    expect(shrink.res).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '已有 2 人报名，人数不能少于已报名人数' })
    const edited = await ok('village-admin-dongshan', 'volunteers.saveActivity', {
      ...activityInput({ title: '村道环境整治（改期）', startAt: inHours(72), endAt: inHours(75), capacity: 3 }),
      id: activityId
    })
    expect(edited).toMatchObject({ title: '村道环境整治（改期）', capacity: 3, signedCount: 3, waitlistCount: 1 })
    const changes = localCloud.getOutbox().filter((m) => m.templateId === SUBSCRIBE_TEMPLATE_IDS.activityChange)
    expect(changes.map((m) => m.touser).sort()).toEqual([...crowd].sort())
    expect(changes[0].data).toMatchObject({ thing1: { value: '村道环境整治（改期）' } })
    expect(
      localCloud
        .getOutbox()
        .filter((m) => m.templateId === SUBSCRIBE_TEMPLATE_IDS.waitlistPromoted)
        .map((m) => m.touser)
    ).toEqual([crowd[2]])
    expectCountsConsistent(activityId)
    // the volunteers' own lists carry the new title and date
    expect(storedSignups(activityId).every((s) => (s as unknown as { activityTitle: string }).activityTitle === '村道环境整治（改期）')).toBe(true)
    // the browse lists follow a change of category
    await ok('village-admin-dongshan', 'volunteers.saveActivity', {
      ...activityInput({ title: '村道环境整治（改期）', startAt: inHours(72), endAt: inHours(75), capacity: 3, category: 'culture' }),
      id: activityId
    })
    expect(await browse('resident-1', { category: 'culture', pageSize: 50 })).toContain(activityId)
    expect(await browse('resident-1', { category: 'environment', pageSize: 50 })).not.toContain(activityId)
    // a draft's edit tells nobody
    localCloud.clearOutbox()
    const draft = await ok('village-admin-dongshan', 'volunteers.saveActivity', activityInput())
    await ok('village-admin-dongshan', 'volunteers.saveActivity', { ...activityInput({ title: '改个名字' }), id: draft.id })
    expect(localCloud.getOutbox()).toEqual([])
    // the village and team are fixed
    expect((await callAs('town-admin', 'volunteers.saveActivity', { ...activityInput({ villageId: 'v_xigang' }), id: activityId })).res).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
  })

  test('cancelling tells everyone with the reason; the activity leaves the browse list, sign-ups end; a finished one cannot be cancelled', async () => {
    const crowd = givenVolunteers(3)
    const activityId = await publishedActivity({ capacity: 2 })
    for (const o of crowd) await callAs({ openid: o }, 'volunteers.signup', { activityId })
    localCloud.clearOutbox()
    const cancelled = await ok('village-admin-dongshan', 'volunteers.cancelActivity', { activityId, reason: '台风预警，活动取消' })
    expect(cancelled).toMatchObject({ status: 'cancelled', statusLabel: '已取消' })
    const notices = localCloud.getOutbox().filter((m) => m.templateId === SUBSCRIBE_TEMPLATE_IDS.activityChange)
    expect(notices.map((m) => m.touser).sort()).toEqual([...crowd].sort())
    expect(notices[0].data.thing4).toEqual({ value: '活动已取消：台风预警，活动取消' })
    expect(await browse('resident-1', { pageSize: 50 })).not.toContain(activityId)
    expect(await browse('village-admin-dongshan', { managed: true, pageSize: 50 })).toContain(activityId)
    expect(storedSignups(activityId).every((s) => s.status === 'cancelled')).toBe(true)
    const mine = await callAs({ openid: crowd[0] }, 'volunteers.activity', { activityId })
    expect(mine.res).toMatchObject({ ok: true, data: { status: 'cancelled', mine: { status: 'cancelled' } } })
    expect((await callAs({ openid: crowd[0] }, 'volunteers.signup', { activityId })).res).toMatchObject({ ok: false, code: 'CONFLICT', message: '活动已取消' })
    expect((await callAs('village-admin-dongshan', 'volunteers.publishActivity', { activityId })).res).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect((await callAs('village-admin-dongshan', 'volunteers.cancelActivity', { activityId: seedActivityId('ds-env-past-1'), reason: '补录' })).res).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: '活动已结束，不能取消'
    })
  })
})
