/**
 * How every step of the loop runs: load the report (with its timeline and letters) → check the
 * caller may see it → ask the state machine → build the step → write report + event (+ letter)
 * in one transaction at the revision decided on → tell the reporter → return the new detail.
 */
import type { ActionName, FlowAction, ParsedInputOf, ReportDetail, ReportStatus, Role } from '@/contract'
import { decide } from '@/domain/report-flow'
import { withPrefetch, type PlanOf } from '../_shared/prefetch'
import type { Ctx, Handler } from '../_shared/router'
import { fail } from '../_shared/errors'
import { tempUrls } from '../_shared/files'
import type { TxStore } from '../_shared/store'
import type { WorkCalendar } from '../_shared/workdays'
import { requireView, viewerOf, type Viewer } from './access'
import type { ReportDoc } from './docs'
import { toFlow } from './model'
import { notifyStatus } from './notify'
import { commitStep, loadCalendar, prefetchCalendar, prefetchedCalendar, prefetchedFull, prefetchFull, requireFull, type Loaded } from './repo'
import { stepWrite, type StepOutput } from './steps'
import { detailFiles, toDetail } from './view'

export interface StepInput {
  loaded: Loaded
  report: ReportDoc
  to: ReportStatus
  as: Role
  now: Date
  calendar: () => Promise<WorkCalendar>
}

export async function detailOf(ctx: Ctx, loaded: Loaded, now: Date, viewer: Viewer = viewerOf(ctx)): Promise<ReportDetail> {
  const urls = await tempUrls(detailFiles(loaded.report, loaded.events))
  return toDetail(loaded.report, loaded.events, loaded.letters, viewer, urls, now)
}

function lazy<T>(make: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | null = null
  return () => (p ??= make())
}

/** Actions that run one step of a report (their input names it). */
type StepAction = { [A in ActionName]: ParsedInputOf<A> extends { reportId: string } ? A : never }[ActionName]

/**
 * A step's handler, reading what every step needs with the caller's profile in one request
 * (../_shared/prefetch.ts): the report with its timeline and letters, the working-day corrections
 * around now — and `more`, what this step also needs (dispatch: the unit). runStep uses them.
 */
export function withStepPrefetch<A extends StepAction>(handler: Handler<A>, more?: PlanOf<A>): Handler<A> {
  return withPrefetch<A>((input, caller) => {
    const reportId = (input as { reportId: string }).reportId
    return { ...prefetchFull(reportId), calendar: prefetchCalendar(caller.op, caller.now), ...more?.(input, caller) }
  }, handler)
}

export async function runStep(
  ctx: Ctx,
  reportId: string,
  action: FlowAction,
  build: (s: StepInput) => Promise<StepOutput> | StepOutput,
  alsoInTx?: (tx: TxStore, report: ReportDoc) => Promise<void>
): Promise<ReportDetail> {
  const now = ctx.now()
  const viewer = viewerOf(ctx)
  const pre = prefetchedFull(ctx)
  const loaded = pre === undefined ? await requireFull(ctx.store, reportId) : (pre ?? fail('NOT_FOUND', '没有找到这个问题'))
  const report = loaded.report
  requireView(report, viewer)
  const d = decide(toFlow(report), action, { userId: ctx.userId, grants: viewer.grants }, now)
  if (!d.ok) return fail(d.code, d.message)
  const calendar = lazy(async () => prefetchedCalendar(ctx) ?? loadCalendar(ctx.store, now))
  const out = await build({ loaded, report, to: d.to, as: d.as, now, calendar })
  const moved = d.to !== report.status
  const write = stepWrite(report, { action, to: d.to, as: d.as, by: ctx.userId, byName: ctx.user?.name ?? '' }, out, now, moved ? await calendar() : null)
  const written = await commitStep(ctx.store, { ...write, history: loaded.events }, now, alsoInTx)
  if (moved) await notifyStatus(written.report, d.to, now)
  const next: Loaded = { report: written.report, events: [...loaded.events, written.event], letters: written.letter ? [...loaded.letters, written.letter] : loaded.letters }
  return detailOf(ctx, next, now, viewer)
}
