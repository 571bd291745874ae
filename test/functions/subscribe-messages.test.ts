/**
 * The functions' 订阅消息 go out with the template ids of config/subscribe-templates.json and exactly
 * the keywords declared in src/contract/subscribe-templates.ts; when the cloud refuses a send (as the
 * real one does for a placeholder id, or for someone who did not subscribe) the action still succeeds.
 */
import { localCloud } from '../../local-cloud'
import * as openapi from '../../local-cloud/openapi'
import { encodeCommOpenApiResp } from '../../local-cloud/pb'
import { SUBSCRIBE_TEMPLATE_IDS, SUBSCRIBE_TEMPLATE_KEYS } from '../../src/contract/subscribe-templates'
import { ACTIVITY_PAGE, TEAMS_PAGE, notifyCancelled, notifyChanged, notifyPromoted, notifyReminder } from '../../cloudfunctions/volunteers/notify'
import { REPORT_DETAIL_PAGE, statusMessage } from '../../cloudfunctions/reports/notify'
import type { ActivityDoc, SignupDoc } from '../../cloudfunctions/volunteers/docs'
import { callAs, freshTown, ok, openidOf, userIdOf } from '../helpers/town'
import { clockAt, draft } from '../helpers/reports'
import { seedTeamId, seedUserId } from '../helpers/volunteers'

const REPORTER = 'resident-1'

const keysOf = (data: Record<string, unknown>) => Object.keys(data).sort()

/** The WeChat answer to subscribeMessage.send for an unknown template id; other open APIs as usual. */
function cloudRefusesSends() {
  const real = openapi.callCompatibleWxOpenApi
  return jest
    .spyOn(openapi, 'callCompatibleWxOpenApi')
    .mockImplementation((opts) =>
      opts.apiName === 'subscribeMessage.send'
        ? encodeCommOpenApiResp({ respData: Buffer.from(JSON.stringify({ errcode: 40037, errmsg: 'invalid template_id' })), contentType: 'application/json', httpCode: 200 })
        : real(opts)
    )
}

async function createAndAccept(): Promise<{ id: string; accepted: boolean }> {
  const created = await callAs(REPORTER, 'reports.create', await draft())
  if (!created.res.ok) throw new Error(created.res.message)
  const accepted = await callAs('grid-dongshan-1', 'reports.accept', { reportId: created.res.data.id, note: '已到现场核实' })
  return { id: created.res.data.id, accepted: accepted.res.ok && accepted.res.data.status === 'accepted' }
}

const activity = {
  _id: 'act-1',
  title: '清洁家园·村道垃圾清理',
  startAt: new Date('2026-11-22T01:00:00Z'),
  venue: { name: '东山村委会' }
} as unknown as ActivityDoc
const signup = (openid: string) => ({ _id: `act-1_${openid}`, activityId: 'act-1', openid }) as unknown as SignupDoc

// The test clock: a single-digit day in China time (UTC 17:32 the evening before). WeChat's
// time.DATA is written like its own example, 2019年10月1日 15:01, without padding.
const NOW = '2026-12-02T17:32:00Z'

beforeEach(async () => {
  clockAt(NOW)
  await freshTown()
  localCloud.clearOutbox()
})
afterEach(() => {
  jest.restoreAllMocks()
  jest.useRealTimers()
})

describe('reports', () => {
  test('a status change reaches the reporter with the reportStatus id and its keywords', async () => {
    const { id, accepted } = await createAndAccept()
    expect(accepted).toBe(true)
    const [message, ...more] = localCloud.getOutbox()
    expect(more).toEqual([])
    expect(message).toMatchObject({ touser: openidOf(REPORTER), templateId: SUBSCRIBE_TEMPLATE_IDS.reportStatus, page: `${REPORT_DETAIL_PAGE}?id=${id}` })
    expect(keysOf(message.data)).toEqual([...SUBSCRIBE_TEMPLATE_KEYS.reportStatus].sort())
    expect(message.data.phrase3).toEqual({ value: '已受理' })
  })

  test('an outcome (销号, 不予受理, 重复问题) uses the reportResult template with a tip; other steps the progress one', () => {
    const r = { no: 'SSP-2026-0042', categoryName: '乱扔垃圾', address: '东山村村口' }
    const at = new Date('2026-11-22T02:00:00Z')
    for (const [to, tip] of [
      ['closed', '已整改销号，欢迎评价处理结果'],
      ['rejected', '未予受理，详情见小程序'],
      ['duplicate', '已有人反映，按原问题处理']
    ] as const) {
      const m = statusMessage(r, to, at)
      expect(m.templateId).toBe(SUBSCRIBE_TEMPLATE_IDS.reportResult)
      expect(keysOf(m.data)).toEqual([...SUBSCRIBE_TEMPLATE_KEYS.reportResult].sort())
      expect(m.data.thing5).toEqual({ value: tip })
      expect(m.data.date4).toEqual({ value: '2026-11-22' })
    }
    for (const to of ['accepted', 'dispatched', 'signed', 'answered', 'rectified', 'returned'] as const) {
      const m = statusMessage(r, to, at)
      expect(m.templateId).toBe(SUBSCRIBE_TEMPLATE_IDS.reportStatus)
      expect(m.data.thing5).toEqual({ value: '东山村村口' })
    }
  })

  test('the cloud refusing the send (errcode 40037) is logged and the step still succeeds', async () => {
    cloudRefusesSends()
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
    const { accepted } = await createAndAccept()
    expect(accepted).toBe(true)
    expect(warn).toHaveBeenCalledWith('[reports] subscribe message not sent', 40037)
    expect(localCloud.getOutbox()).toEqual([])
  })
})

describe('volunteers', () => {
  test('changed, cancelled, promoted and reminder messages use their ids and keywords', async () => {
    expect(await notifyChanged(activity, [signup('o-a'), signup(''), signup('o-b')])).toBe(2)
    expect(await notifyCancelled(activity, [signup('o-a')], '台风预警')).toBe(1)
    expect(await notifyPromoted(activity, signup('o-c'))).toBe(true)
    expect(await notifyReminder(activity, signup('o-d'))).toBe(true)
    const outbox = localCloud.getOutbox()
    expect(outbox.map((m) => [m.templateId, m.touser])).toEqual([
      [SUBSCRIBE_TEMPLATE_IDS.activityChange, 'o-a'],
      [SUBSCRIBE_TEMPLATE_IDS.activityChange, 'o-b'],
      [SUBSCRIBE_TEMPLATE_IDS.activityChange, 'o-a'],
      [SUBSCRIBE_TEMPLATE_IDS.waitlistPromoted, 'o-c'],
      [SUBSCRIBE_TEMPLATE_IDS.activityReminder, 'o-d']
    ])
    const expected = [...Array(3).fill(SUBSCRIBE_TEMPLATE_KEYS.activityChange), SUBSCRIBE_TEMPLATE_KEYS.waitlistPromoted, SUBSCRIBE_TEMPLATE_KEYS.activityReminder]
    outbox.forEach((m, i) => expect(keysOf(m.data)).toEqual([...expected[i]].sort()))
    expect(outbox.every((m) => m.page === `${ACTIVITY_PAGE}?id=act-1`)).toBe(true)
    expect(outbox[2].data.thing4).toEqual({ value: '活动已取消：台风预警' })
    expect(outbox[0].data.time2).toEqual({ value: '2026年11月22日 09:00' })
  })

  test('refused sends are counted as not sent, never thrown', async () => {
    cloudRefusesSends()
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
    expect(await notifyChanged(activity, [signup('o-a'), signup('o-b')])).toBe(0)
    expect(await notifyPromoted(activity, signup('o-c'))).toBe(false)
    expect(await notifyReminder(activity, signup('o-d'))).toBe(false)
    expect(warn).toHaveBeenCalledWith('[volunteers] subscribe message not sent', 40037)
    expect(localCloud.getOutbox()).toEqual([])
  })
})

describe('team applications (teamDecision)', () => {
  const APPLICANT = 'volunteer-2'
  const team = seedTeamId('ds-env')
  const teamName = () => (localCloud.engine.get('volunteer_teams', team) as { name: string }).name
  const review = (approve: boolean) => ({ teamId: team, userId: userIdOf(APPLICANT), approve })

  async function applied(): Promise<void> {
    await ok(APPLICANT, 'volunteers.joinTeam', { teamId: team })
    expect(localCloud.getOutbox()).toEqual([])
  }

  test.each([
    ['the leader approves', 'volunteer-1', true, '已通过'],
    ['the village admin refuses', 'village-admin-dongshan', false, '未通过']
  ])('%s: the applicant is told, with the teamDecision id and its keywords', async (_case, decider, approve, result) => {
    await applied()
    await ok(decider, 'volunteers.reviewMember', review(approve))
    const [message, ...more] = localCloud.getOutbox()
    expect(more).toEqual([])
    expect(message).toMatchObject({ touser: openidOf(APPLICANT), templateId: SUBSCRIBE_TEMPLATE_IDS.teamDecision, page: TEAMS_PAGE })
    expect(keysOf(message.data)).toEqual([...SUBSCRIBE_TEMPLATE_KEYS.teamDecision].sort())
    expect(message.data.thing1).toEqual({ value: teamName() })
    expect(message.data.phrase2).toEqual({ value: result })
    expect(message.data.time3).toEqual({ value: '2026年12月3日 01:32' })
    expect(message.data.thing4).toEqual({ value: expect.stringMatching(/^.{1,20}$/) })

    // the same decision again changes nothing and tells no one twice
    await ok(decider, 'volunteers.reviewMember', review(approve))
    expect(localCloud.getOutbox()).toHaveLength(1)
  })

  test('nothing is sent when the decision fails', async () => {
    await applied()
    expect((await callAs('village-admin-xigang', 'volunteers.reviewMember', review(true))).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await callAs(APPLICANT, 'volunteers.reviewMember', review(true))).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await callAs('volunteer-1', 'volunteers.reviewMember', { ...review(true), userId: userIdOf('resident-1') })).res).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(localCloud.getOutbox()).toEqual([])
    await ok('volunteer-1', 'volunteers.reviewMember', review(true))
    localCloud.clearOutbox()
    expect((await callAs('village-admin-dongshan', 'volunteers.reviewMember', review(false))).res).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(localCloud.getOutbox()).toEqual([])
  })

  test('an application from before the app asked (no openid kept) is decided without a message', async () => {
    // the seeded application is as one made now: take its openid away, as one from before kept none
    localCloud.engine.update('team_members', { _id: `${team}_${seedUserId('ds-env-7')}` }, { $unset: { openid: '' } })
    const members = await ok('village-admin-dongshan', 'volunteers.reviewMember', { teamId: team, userId: seedUserId('ds-env-7'), approve: true })
    expect(members.find((m) => m.userId === seedUserId('ds-env-7'))?.status).toBe('approved')
    expect(localCloud.getOutbox()).toEqual([])
  })

  test('the cloud refusing the send is logged and the decision still stands', async () => {
    await applied()
    cloudRefusesSends()
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
    const members = await ok('volunteer-1', 'volunteers.reviewMember', review(true))
    expect(members.find((m) => m.userId === userIdOf(APPLICANT))?.status).toBe('approved')
    expect(warn).toHaveBeenCalledWith('[volunteers] subscribe message not sent', 40037)
    expect(localCloud.getOutbox()).toEqual([])
  })
})
