/** Loading what the handlers decide on: one request each (the queue of an activity is left out). */
import type { VolunteerSettings } from '@/contract'
import { C } from '../_shared/collections'
import { fail } from '../_shared/errors'
import type { Store } from '../_shared/store'
import { SETTINGS_ID, type ActivityDoc, type SettingsDoc, type SignupDoc, type TeamDoc, type VolunteerDoc } from './docs'
import { DEFAULT_SETTINGS, signupIdOf } from './rules'

/** The waitlist's token array can hold hundreds of entries; nothing but the ticket lookup needs it. */
export const NO_QUEUE = { queue: false, codeSecret: false }

export async function loadSettings(store: Store): Promise<VolunteerSettings> {
  const doc = await store.findOne<SettingsDoc>(C.volunteer_settings, { _id: SETTINGS_ID })
  if (!doc) return { ...DEFAULT_SETTINGS }
  const { roundingHours, maxDistanceM, rotateSeconds, checkinOpensMinutes } = doc
  return { roundingHours, maxDistanceM, rotateSeconds, checkinOpensMinutes }
}

/** An activity without its queue; with its code secret only when asked (check-in). */
export async function loadActivity(store: Store, id: string, withSecret = false): Promise<ActivityDoc | null> {
  const [doc] = await store.find<ActivityDoc>(C.volunteer_activities, { _id: id }, { limit: 1, fields: withSecret ? { queue: false } : NO_QUEUE })
  return doc ?? null
}

export async function requireActivity(store: Store, id: string, withSecret = false): Promise<ActivityDoc> {
  return (await loadActivity(store, id, withSecret)) ?? fail('NOT_FOUND', '没有找到这个活动')
}

export async function loadSignup(store: Store, activityId: string, userId: string): Promise<SignupDoc | null> {
  return store.findOne<SignupDoc>(C.activity_signups, { _id: signupIdOf(activityId, userId) })
}

export async function loadVolunteer(store: Store, userId: string): Promise<VolunteerDoc | null> {
  return store.findOne<VolunteerDoc>(C.volunteers, { _id: userId })
}

export async function requireVolunteer(store: Store, userId: string): Promise<VolunteerDoc> {
  return (await loadVolunteer(store, userId)) ?? fail('FORBIDDEN', '请先实名注册志愿者')
}

export async function loadTeam(store: Store, teamId: string): Promise<TeamDoc | null> {
  return store.findOne<TeamDoc>(C.volunteer_teams, { _id: teamId })
}

export async function requireTeam(store: Store, teamId: string): Promise<TeamDoc> {
  return (await loadTeam(store, teamId)) ?? fail('NOT_FOUND', '没有找到这支队伍')
}

/** Counted hours of a person (sum over their sign-ups), in one request. */
export async function totalHoursOf(store: Store, userId: string): Promise<number> {
  const $ = store.db.command.aggregate
  const rows = await store.aggregate<{ total: number }>(C.activity_signups, (a) =>
    a
      .match({ userId })
      .group({ _id: null, total: $.sum('$hours') })
      .limit(1)
  )
  return roundHours(rows[0]?.total ?? 0)
}

/** Sums of halves and quarters stay exact, but keep two decimals whatever happens. */
export const roundHours = (h: number): number => Math.round(h * 100) / 100
