/** The roster (报名与签到名单) for organisers, on screen and as an .xlsx. */
import type { ActionName, ParsedInputOf, RosterRow } from '@/contract'
import type { Ctx } from '../../_shared/router'
import { C } from '../../_shared/collections'
import { requireManageActivity } from '../access'
import type { SignupDoc } from '../docs'
import { exportRoster as writeRoster } from '../export'
import { requireActivity } from '../repo'
import { rosterOf } from '../view'
import { MAX_PEOPLE } from './activities'

type In<A extends ActionName> = ParsedInputOf<A>

const PAGE = 1000

/** Every sign-up of the activity (places, waitlist and cancelled), read in pages through the (activity, signedAt) index. */
async function signupsOf(ctx: Ctx, activityId: string): Promise<SignupDoc[]> {
  const out: SignupDoc[] = []
  for (let skip = 0; skip < MAX_PEOPLE; skip += PAGE) {
    const rows = await ctx.store.find<SignupDoc>(C.activity_signups, { activityId }, { sort: [['signedAt', 'asc']], skip, limit: PAGE })
    out.push(...rows)
    if (rows.length < PAGE) break
  }
  return out
}

export async function rosterRows(ctx: Ctx, activityId: string): Promise<RosterRow[]> {
  return rosterOf(await signupsOf(ctx, activityId), ctx)
}

export async function roster(input: In<'volunteers.roster'>, ctx: Ctx): Promise<RosterRow[]> {
  const a = await requireActivity(ctx.store, input.activityId)
  await requireManageActivity(ctx, a)
  return rosterRows(ctx, a._id)
}

export async function exportRoster(input: In<'volunteers.exportRoster'>, ctx: Ctx): Promise<{ fileID: string; url: string; rows: number }> {
  const a = await requireActivity(ctx.store, input.activityId)
  await requireManageActivity(ctx, a)
  return writeRoster(a, await rosterRows(ctx, a._id), ctx.now())
}
