/**
 * Subscribe messages (订阅消息) of the volunteer service. Replace the template ids with the ones the
 * mini-program's account applied for; their keywords must match `data`. A person who did not
 * subscribe (or used up their quota) makes a send fail: that never fails the action itself.
 */
import { sdk } from '../_shared/cloud'
import type { ActivityDoc, SignupDoc } from './docs'
import { chinaDateTime } from './rules'

/** 「活动变更通知」: an activity was edited or cancelled. */
export const ACTIVITY_CHANGE_TEMPLATE_ID = 'ACTIVITY_CHANGE_TEMPLATE_ID'
/** 「候补成功通知」: a place freed and the first in line got it. */
export const WAITLIST_PROMOTED_TEMPLATE_ID = 'WAITLIST_PROMOTED_TEMPLATE_ID'
/** 「活动开始提醒」: the day before. */
export const ACTIVITY_REMINDER_TEMPLATE_ID = 'ACTIVITY_REMINDER_TEMPLATE_ID'
/** The front end's activity page (packages/volunteers subpackage), opened with ?id=<activityId>. */
export const ACTIVITY_PAGE = 'packages/volunteers/pages/detail/index'

/** Sends at a time, so a cancelled activity with hundreds signed up does not take one request at a time. */
const PARALLEL_SENDS = 10

interface SubscribeApi {
  subscribeMessage: { send(p: { touser: string; templateId: string; page: string; data: Record<string, { value: string }> }): Promise<unknown> }
}

/** thing.DATA holds at most 20 characters. */
const thing = (s: string) => (s.length > 20 ? `${s.slice(0, 19)}…` : s)

type Message = { templateId: string; data: Record<string, { value: string }> }

async function send(openid: string, activityId: string, m: Message): Promise<boolean> {
  if (!openid) return false
  try {
    await (sdk().openapi as unknown as SubscribeApi).subscribeMessage.send({ touser: openid, templateId: m.templateId, page: `${ACTIVITY_PAGE}?id=${activityId}`, data: m.data })
    return true
  } catch (e) {
    console.warn('[volunteers] subscribe message not sent', (e as { errCode?: unknown })?.errCode ?? e)
    return false
  }
}

async function sendAll(people: SignupDoc[], activityId: string, m: Message): Promise<number> {
  let sent = 0
  for (let i = 0; i < people.length; i += PARALLEL_SENDS) {
    const results = await Promise.all(people.slice(i, i + PARALLEL_SENDS).map((s) => send(s.openid, activityId, m)))
    sent += results.filter(Boolean).length
  }
  return sent
}

function changeMessage(a: ActivityDoc, note: string): Message {
  return {
    templateId: ACTIVITY_CHANGE_TEMPLATE_ID,
    data: {
      thing1: { value: thing(a.title) },
      time2: { value: chinaDateTime(new Date(a.startAt)) },
      thing3: { value: thing(a.venue.name) },
      thing4: { value: thing(note) }
    }
  }
}

/** Everyone signed up or waiting hears that the activity changed. */
export function notifyChanged(a: ActivityDoc, people: SignupDoc[]): Promise<number> {
  return sendAll(people, a._id, changeMessage(a, '活动信息有更新，请查看最新安排'))
}

export function notifyCancelled(a: ActivityDoc, people: SignupDoc[], reason: string): Promise<number> {
  return sendAll(people, a._id, changeMessage(a, `活动已取消：${reason}`))
}

export function notifyPromoted(a: Pick<ActivityDoc, '_id' | 'title' | 'startAt' | 'venue'>, s: SignupDoc): Promise<boolean> {
  return send(s.openid, a._id, {
    templateId: WAITLIST_PROMOTED_TEMPLATE_ID,
    data: {
      thing1: { value: thing(a.title) },
      time2: { value: chinaDateTime(new Date(a.startAt)) },
      thing3: { value: thing(a.venue.name) },
      thing4: { value: '有名额空出，您已由候补转为正式报名' }
    }
  })
}

export function notifyReminder(a: ActivityDoc, s: SignupDoc): Promise<boolean> {
  return send(s.openid, a._id, {
    templateId: ACTIVITY_REMINDER_TEMPLATE_ID,
    data: {
      thing1: { value: thing(a.title) },
      time2: { value: chinaDateTime(new Date(a.startAt)) },
      thing3: { value: thing(a.venue.name) },
      thing4: { value: '活动明天开始，请按时到场扫码签到' }
    }
  })
}
