/** Sign-up and cancellation (see ../signups.ts for how places and the waitlist hold under concurrency). */
import type { ActivityDetail } from '@/contract'
import type { Ctx } from '../../_shared/router'
import { C } from '../../_shared/collections'
import { fail } from '../../_shared/errors'
import { prefetchedOne, withPrefetch } from '../../_shared/prefetch'
import type { ActivityDoc, MemberDoc, SignupDoc, VolunteerDoc } from '../docs'
import { loadActivity, loadSignup, loadVolunteer, prefetchActivity, prefetchSignup, prefetchVolunteer } from '../repo'
import { memberIdOf } from '../rules'
import { signUp, withdraw } from '../signups'
import { detailFor } from './activities'

/** The counts as of this call's own change (the response is a snapshot; the stored counts are exact). */
function afterChange(a: ActivityDoc, before: SignupDoc | null, after: SignupDoc): ActivityDoc {
  const was = before?.status ?? 'cancelled'
  if (was === after.status) return a
  const delta = (s: string, k: 'signed' | 'waitlisted') => (s === k ? 1 : 0)
  return {
    ...a,
    signedCount: Math.min(a.capacity, Math.max(0, a.signedCount + delta(after.status, 'signed') - delta(was, 'signed'))),
    waitlistCount: Math.max(0, a.waitlistCount + delta(after.status, 'waitlisted') - delta(was, 'waitlisted'))
  }
}

async function requireOpen(ctx: Ctx, a: ActivityDoc, now: Date): Promise<void> {
  if (a.status !== 'published') fail('CONFLICT', a.status === 'cancelled' ? '活动已取消' : '活动尚未发布')
  if (now >= new Date(a.signupDeadline)) fail('CONFLICT', '报名已截止')
  if (!a.teamId) return
  const member = await ctx.store.findOne<MemberDoc>(C.team_members, { _id: memberIdOf(a.teamId, ctx.userId) })
  if (member?.status !== 'approved') fail('FORBIDDEN', `本活动仅限「${a.teamName ?? '本队'}」队员报名`)
}

/**
 * The activity, the caller's sign-up (if any) and their registration come with the caller's profile
 * (one request), so a place costs 3: that read, the activity's conditional update and the sign-up's
 * insert; a place in line, on an activity read as full, 4 (a team activity: + the membership;
 * races cost more: ../signups.ts).
 */
export const signup = withPrefetch<'volunteers.signup'>(
  (input, { userId }) => ({ activity: prefetchActivity(input.activityId), signup: prefetchSignup(input.activityId, userId), me: prefetchVolunteer(userId) }),
  async (input, ctx) => {
    const now = ctx.now()
    const [a, existing, me] = await Promise.all([
      prefetchedOne<ActivityDoc>(ctx, 'activity', () => loadActivity(ctx.store, input.activityId)),
      prefetchedOne<SignupDoc>(ctx, 'signup', () => loadSignup(ctx.store, input.activityId, ctx.userId)),
      prefetchedOne<VolunteerDoc>(ctx, 'me', () => loadVolunteer(ctx.store, ctx.userId))
    ])
    if (!a) return fail('NOT_FOUND', '没有找到这个活动')
    if (!me) return fail('FORBIDDEN', '请先实名注册志愿者')
    return signupTo(ctx, a, existing, me, now)
  }
)

async function signupTo(ctx: Ctx, a: ActivityDoc, existing: SignupDoc | null, me: VolunteerDoc, now: Date): Promise<ActivityDetail> {
  if (existing && existing.status !== 'cancelled') return detailFor(ctx, a, existing)
  await requireOpen(ctx, a, now)
  const { signup: after, position } = await signUp(ctx.store, a, { userId: ctx.userId, openid: ctx.openid, name: me.realName, phone: me.phone }, existing, now)
  return detailFor(ctx, afterChange(a, existing, after), after, undefined, position)
}

/** The activity and the caller's sign-up come with the caller's profile (one request). */
export const cancelSignup = withPrefetch<'volunteers.cancelSignup'>(
  (input, { userId }) => ({ activity: prefetchActivity(input.activityId), signup: prefetchSignup(input.activityId, userId) }),
  async (input, ctx) => {
    const [a, existing] = await Promise.all([
      prefetchedOne<ActivityDoc>(ctx, 'activity', () => loadActivity(ctx.store, input.activityId)),
      prefetchedOne<SignupDoc>(ctx, 'signup', () => loadSignup(ctx.store, input.activityId, ctx.userId))
    ])
    return cancelFrom(ctx, a ?? fail('NOT_FOUND', '没有找到这个活动'), existing, ctx.now())
  }
)

async function cancelFrom(ctx: Ctx, a: ActivityDoc, existing: SignupDoc | null, now: Date): Promise<ActivityDetail> {
  if (!existing || existing.status === 'cancelled') return detailFor(ctx, a, existing)
  if (now >= new Date(a.signupDeadline)) fail('CONFLICT', '报名已截止，不能在线取消；如有变化请联系活动组织者')
  const after = await withdraw(ctx.store, a, existing, now)
  return detailFor(ctx, afterChange(a, existing, after), after)
}
