/** The roster (报名与签到名单) for organisers: on screen a page at a time, as an .xlsx all of it. */
import { SIGNUP_STATUSES, type ActionName, type ParsedInputOf, type RosterCounts, type RosterPage, type RosterRow, type SignupStatus } from '@/contract'
import type { Ctx } from '../../_shared/router'
import { C } from '../../_shared/collections'
import { fail } from '../../_shared/errors'
import { DEFAULT_PAGE_SIZE } from '../../_shared/paging'
import { prefetchedOne, withPrefetch } from '../../_shared/prefetch'
import { requireManageActivity } from '../access'
import type { ActivityDoc, SignupDoc } from '../docs'
import { exportRoster as writeRoster } from '../export'
import { decodeKey, keyFilter, keyOrder, keysetPage, type Key } from '../keyset'
import { loadActivity, prefetchActivity, prefetchActivityTeam, rosterFigures } from '../repo'
import { rosterOf, toRosterRow } from '../view'
import { MAX_PEOPLE } from './activities'

type In<A extends ActionName> = ParsedInputOf<A>

const EXPORT_PAGE = 1000
/** Sign-up order; the (activity, signedAt, _id) index serves it. */
const ORDER = keyOrder('signedAt')

function signupsAfter(ctx: Ctx, activityId: string, after: Key | null, limit: number): Promise<SignupDoc[]> {
  return ctx.store.find<SignupDoc>(C.activity_signups, keyFilter(ctx.store, [{ activityId }], 'signedAt', after), { sort: ORDER, limit })
}

/** Every sign-up of the activity (places, waitlist and cancelled), read in pages of EXPORT_PAGE. */
async function signupsOf(ctx: Ctx, activityId: string): Promise<SignupDoc[]> {
  const out: SignupDoc[] = []
  let after: Key | null = null
  while (out.length < MAX_PEOPLE) {
    const rows = await signupsAfter(ctx, activityId, after, EXPORT_PAGE)
    out.push(...rows)
    const last = rows[rows.length - 1]
    if (rows.length < EXPORT_PAGE || !last) break
    after = { at: new Date(last.signedAt), id: last._id }
  }
  return out
}

/** The whole roster (the export, and the answer to a manual check or correction). */
export async function rosterRows(ctx: Ctx, activityId: string): Promise<RosterRow[]> {
  return rosterOf(await signupsOf(ctx, activityId), ctx)
}

/**
 * The totals of the whole roster and the `waitSeq` keys of those still waiting, in one aggregate through
 * the (activity, …) index: a page shows the real counts and each waiting person's place in line.
 */
async function figuresOf(ctx: Ctx, activityId: string): Promise<{ counts: RosterCounts; waiting: number[] }> {
  const rows = await rosterFigures(ctx.store, activityId, SIGNUP_STATUSES.length)
  const of = (status: SignupStatus) => rows.find((r) => r._id === status)
  const waiting = (of('waitlisted')?.seqs ?? []).filter((n): n is number => typeof n === 'number').sort((a, b) => a - b)
  return {
    counts: {
      signed: of('signed')?.n ?? 0,
      waitlisted: of('waitlisted')?.n ?? 0,
      checkedIn: of('signed')?.checkedIn ?? 0,
      flagged: rows.reduce((sum, r) => sum + r.flagged, 0),
      relaySuspect: rows.reduce((sum, r) => sum + r.relaySuspect, 0)
    },
    waiting
  }
}

/** 1-based place in line: the keys still waiting that are lower, plus one (as positionOf). */
function placeIn(waiting: number[], seq: number | null): number | null {
  if (seq === null) return null
  let lo = 0
  let hi = waiting.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (waiting[mid] < seq) lo = mid + 1
    else hi = mid
  }
  return lo + 1
}

/** The activity and its team (who may manage it) come with the caller's profile: one request, then the page and the figures. */
const activityPlan = (input: { activityId: string }) => ({ activity: prefetchActivity(input.activityId), activityTeam: prefetchActivityTeam() })

async function managedActivity(ctx: Ctx, activityId: string): Promise<ActivityDoc> {
  const a = (await prefetchedOne<ActivityDoc>(ctx, 'activity', () => loadActivity(ctx.store, activityId))) ?? fail('NOT_FOUND', '没有找到这个活动')
  await requireManageActivity(ctx, a)
  return a
}

export const roster = withPrefetch<'volunteers.roster'>(activityPlan, async (input, ctx) => rosterPage(input, ctx, await managedActivity(ctx, input.activityId)))

async function rosterPage(input: In<'volunteers.roster'>, ctx: Ctx, a: ActivityDoc): Promise<RosterPage> {
  const size = input.pageSize ?? DEFAULT_PAGE_SIZE
  const after = decodeKey(input.cursor)
  const [rows, figures] = await Promise.all([signupsAfter(ctx, a._id, after, size + 1), figuresOf(ctx, a._id)])
  const page = keysetPage(rows, size, (s) => s.signedAt)
  const items = page.items.map((s) => toRosterRow(s, s.status === 'waitlisted' ? placeIn(figures.waiting, s.waitSeq) : null, ctx))
  return { items, next: page.next, counts: figures.counts }
}

export const exportRoster = withPrefetch<'volunteers.exportRoster'>(activityPlan, async (input, ctx) => {
  const a = await managedActivity(ctx, input.activityId)
  return writeRoster(a, await rosterRows(ctx, a._id), ctx.now())
})
