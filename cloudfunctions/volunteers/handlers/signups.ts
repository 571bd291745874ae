/** Sign-up and cancellation (see ../signups.ts for how places and the waitlist hold under concurrency). */
import type { ActionName, ActivityDetail, ParsedInputOf } from '@/contract'
import type { Ctx } from '../../_shared/router'
import { C } from '../../_shared/collections'
import { fail } from '../../_shared/errors'
import type { ActivityDoc, MemberDoc, SignupDoc } from '../docs'
import { loadSignup, requireActivity, requireVolunteer } from '../repo'
import { memberIdOf } from '../rules'
import { signUp, withdraw } from '../signups'
import { detailFor } from './activities'

type In<A extends ActionName> = ParsedInputOf<A>

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

export async function signup(input: In<'volunteers.signup'>, ctx: Ctx): Promise<ActivityDetail> {
  const now = ctx.now()
  const [a, existing, me] = await Promise.all([
    requireActivity(ctx.store, input.activityId),
    loadSignup(ctx.store, input.activityId, ctx.userId),
    requireVolunteer(ctx.store, ctx.userId)
  ])
  if (existing && existing.status !== 'cancelled') return detailFor(ctx, a, existing)
  await requireOpen(ctx, a, now)
  const after = await signUp(ctx.store, a, { userId: ctx.userId, openid: ctx.openid, name: me.realName, phone: me.phone }, existing, now)
  return detailFor(ctx, afterChange(a, existing, after), after)
}

export async function cancelSignup(input: In<'volunteers.cancelSignup'>, ctx: Ctx): Promise<ActivityDetail> {
  const now = ctx.now()
  const [a, existing] = await Promise.all([requireActivity(ctx.store, input.activityId), loadSignup(ctx.store, input.activityId, ctx.userId)])
  if (!existing || existing.status === 'cancelled') return detailFor(ctx, a, existing)
  if (now >= new Date(a.signupDeadline)) fail('CONFLICT', '报名已截止，不能在线取消；如有变化请联系活动组织者')
  const after = await withdraw(ctx.store, a, existing, now)
  return detailFor(ctx, afterChange(a, existing, after), after)
}
