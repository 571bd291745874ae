/**
 * Subscribe messages (订阅消息) of the volunteer service. The template ids and their keywords are in
 * src/contract/subscribe-templates.ts (ids from config/subscribe-templates.json); the sign-up button
 * asks for the three activity ones, 申请加入 (a team) for teamDecision. A person who did not subscribe
 * (or used up their quota), or a template id still a placeholder, makes a send fail: that never fails
 * the action itself.
 */
import { SUBSCRIBE_TEMPLATE_IDS, type SubscribeData, type SubscribeTemplate } from '@/contract/subscribe-templates'
import { sdk } from '../_shared/cloud'
import { chinaDay } from '@/domain/china-time'
import type { ActivityDoc, SignupDoc, TeamDoc } from './docs'
import { chinaDateTime } from '@/domain/china-time'

/** The front end's activity page (packages/volunteers subpackage), opened with ?id=<activityId>. */
export const ACTIVITY_PAGE = 'packages/volunteers/pages/detail/index'

/** The 志愿 tab, where a volunteer sees their teams and applications. */
export const TEAMS_PAGE = 'pages/activities/index'

/** Sends at a time, so a cancelled activity with hundreds signed up does not take one request at a time. */
const PARALLEL_SENDS = 10

interface SubscribeApi {
  subscribeMessage: { send(p: { touser: string; templateId: string; page: string; data: Record<string, { value: string }> }): Promise<unknown> }
}

/** thing.DATA holds at most 20 characters. */
const thing = (s: string) => (s.length > 20 ? `${s.slice(0, 19)}…` : s)

/** time.DATA as WeChat documents it, with the year: 2026年11月22日 09:00. */
const time = (at: Date) => `${chinaDay(at).slice(0, 4)}年${chinaDateTime(at)}`

type VolunteerTemplate = Exclude<SubscribeTemplate, 'reportStatus' | 'reportResult'>
type Message = { [T in VolunteerTemplate]: { template: T; data: SubscribeData<T> } }[VolunteerTemplate]

const activityPage = (activityId: string) => `${ACTIVITY_PAGE}?id=${activityId}`

async function send(openid: string, page: string, m: Message): Promise<boolean> {
  if (!openid) return false
  try {
    await (sdk().openapi as unknown as SubscribeApi).subscribeMessage.send({
      touser: openid,
      templateId: SUBSCRIBE_TEMPLATE_IDS[m.template],
      page,
      data: m.data
    })
    return true
  } catch (e) {
    console.warn('[volunteers] subscribe message not sent', (e as { errCode?: unknown })?.errCode ?? e)
    return false
  }
}

async function sendAll(people: SignupDoc[], activityId: string, m: Message): Promise<number> {
  let sent = 0
  for (let i = 0; i < people.length; i += PARALLEL_SENDS) {
    const results = await Promise.all(people.slice(i, i + PARALLEL_SENDS).map((s) => send(s.openid, activityPage(activityId), m)))
    sent += results.filter(Boolean).length
  }
  return sent
}

/** The activity templates share their keywords: the activity, its start, its venue and a note. */
function activityMessage(template: 'activityChange' | 'waitlistPromoted' | 'activityReminder', a: Pick<ActivityDoc, 'title' | 'startAt' | 'venue'>, note: string): Message {
  return {
    template,
    data: {
      thing1: { value: thing(a.title) },
      time2: { value: time(new Date(a.startAt)) },
      thing3: { value: thing(a.venue.name) },
      thing4: { value: thing(note) }
    }
  }
}

/** Everyone signed up or waiting hears that the activity changed. */
export function notifyChanged(a: ActivityDoc, people: SignupDoc[]): Promise<number> {
  return sendAll(people, a._id, activityMessage('activityChange', a, '活动信息有更新，请查看最新安排'))
}

export function notifyCancelled(a: ActivityDoc, people: SignupDoc[], reason: string): Promise<number> {
  return sendAll(people, a._id, activityMessage('activityChange', a, `活动已取消：${reason}`))
}

export function notifyPromoted(a: Pick<ActivityDoc, '_id' | 'title' | 'startAt' | 'venue'>, s: SignupDoc): Promise<boolean> {
  return send(s.openid, activityPage(a._id), activityMessage('waitlistPromoted', a, '有名额空出，您已由候补转为正式报名'))
}

export function notifyReminder(a: ActivityDoc, s: SignupDoc): Promise<boolean> {
  return send(s.openid, activityPage(a._id), activityMessage('activityReminder', a, '活动明天开始，请按时到场扫码签到'))
}

/**
 * Tells an applicant how their application to join a team was decided (asked for when they tapped
 * 申请加入). `openid` is the one stored on the application: one made before the app asked has none,
 * and could not have been subscribed anyway.
 */
export function notifyTeamDecision(openid: string | undefined, team: Pick<TeamDoc, 'name'>, approved: boolean, at: Date): Promise<boolean> {
  return send(openid ?? '', TEAMS_PAGE, {
    template: 'teamDecision',
    data: {
      thing1: { value: thing(team.name) },
      phrase2: { value: approved ? '已通过' : '未通过' },
      time3: { value: time(at) },
      thing4: { value: approved ? '欢迎入队，可以报名本队的活动了' : '可以另选队伍，或稍后再次申请' }
    }
  })
}
