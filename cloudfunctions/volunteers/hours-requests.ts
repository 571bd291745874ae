/**
 * Hours waiting for a second person. Manual check-ins/outs and corrections are filed by an organiser
 * for someone else; hours of a person who organises the activity (a scan of their own activity's
 * code, or the job ending their service) are filed the same way, so nobody counts their own hours.
 */
import { C } from '../_shared/collections'
import type { UserDoc } from '../_shared/docs'
import { newId } from '../_shared/ids'
import type { Store } from '../_shared/store'
import type { ActivityDoc, HoursRequestDoc, RequestKind, SignupDoc } from './docs'
import { loadTeam } from './repo'

/** The reason written on a request for an organiser's own hours. */
export const OWN_HOURS_REASON = '组织者本人的服务时长，需另一位组织者或镇创建办审核'

/**
 * Whether `userId` organises the activity: its organiser, an admin of its village or the town
 * office, or the leader of its team — whoever may manage it, read without a caller (the job).
 */
export async function organisesActivity(store: Store, a: Pick<ActivityDoc, 'organiserId' | 'villageId' | 'teamId'>, userId: string): Promise<boolean> {
  if (a.organiserId === userId) return true
  const user = await store.findOne<UserDoc>(C.users, { _id: userId })
  if (user?.grants.some((g) => g.role === 'town_admin' || (g.role === 'village_admin' && g.villageId === a.villageId))) return true
  if (!a.teamId) return false
  return (await loadTeam(store, a.teamId))?.leaderId === userId
}

/** A pending request for the sign-up's hours. */
export function hoursRequest(
  a: Pick<ActivityDoc, '_id' | 'title' | 'villageId' | 'teamId'>,
  s: Pick<SignupDoc, '_id' | 'userId' | 'name'>,
  p: { kind: RequestKind; at: Date | null; hours: number; reason: string; by: { userId: string; name: string } },
  now: Date
): HoursRequestDoc {
  return {
    _id: newId('hr'),
    activityId: a._id,
    activityTitle: a.title,
    villageId: a.villageId,
    teamId: a.teamId,
    signupId: s._id,
    userId: s.userId,
    name: s.name,
    kind: p.kind,
    at: p.at,
    hours: p.hours,
    reason: p.reason,
    requestedBy: p.by.userId,
    requestedByName: p.by.name,
    requestedAt: now,
    status: 'pending',
    decidedBy: null,
    decidedAt: null,
    note: null,
    scopes: ['all', `v:${a.villageId}`, ...(a.teamId ? [`t:${a.teamId}`] : [])]
  }
}
