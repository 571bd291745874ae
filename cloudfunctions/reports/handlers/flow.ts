/** The steps of the loop taken by staff (受理 … 验收) and by the reporter (评价, 重新处理). */
import type { ActionName, ParsedInputOf } from '@/contract'
import type { Ctx } from '../../_shared/router'
import { C, TOWN_ID } from '../../_shared/collections'
import type { UnitDoc, UserDoc } from '../../_shared/docs'
import { fail } from '../../_shared/errors'
import { prefetchedDoc, prefetchedOne } from '../../_shared/prefetch'
import { checkPhotos, checkText } from '../../_shared/security'
import { chinaDay } from '@/domain/china-time'
import { canView, viewerOf } from '../access'
import type { ReportDoc } from '../docs'
import { requireCategoryFor } from '../repo'
import { recordRewardInTx, type RewardDoc } from '../rewards'
import { runStep } from '../step'
import {
  acceptStep,
  answerStep,
  changeCategoryStep,
  dispatchStep,
  markDuplicateStep,
  rateStep,
  rectifyStep,
  rejectStep,
  reopenStep,
  resumeStep,
  returnStep,
  signStep,
  suspendStep,
  verifyFailStep,
  verifyPassStep
} from '../steps'

type In<A extends ActionName> = ParsedInputOf<A>

/** Free text other people will read passes the content check (once the step is known to be allowed). */
async function checked(ctx: Ctx, text: string | undefined | null): Promise<string | null> {
  if (!text) return null
  await checkText(ctx.openid, [text])
  return text
}

export async function accept(input: In<'reports.accept'>, ctx: Ctx) {
  return runStep(
    ctx,
    input.reportId,
    'accept',
    async () => acceptStep(await checked(ctx, input.note)),
    async (tx, report) => {
      // a resident's 随手拍 earns points once accepted, paid in the next daily batch (rewards.ts);
      // inspections filed by staff do not, and nobody earns from accepting their own or their household's
      // the reporter's profile came with the caller's (the accept's prefetch in ./index.ts)
      // and so did the report's reward, if one was ever recorded
      const reporter = prefetchedDoc<UserDoc>(ctx, 'reporter')
      const reward = prefetchedDoc<RewardDoc>(ctx, 'reward')
      await recordRewardInTx(tx, report, { userId: ctx.userId, householdId: ctx.user?.householdId ?? null }, ctx.now(), reporter, reward)
    }
  )
}

export async function reject(input: In<'reports.reject'>, ctx: Ctx) {
  return runStep(ctx, input.reportId, 'reject', async () => rejectStep(await checked(ctx, input.reason)))
}

export async function markDuplicate(input: In<'reports.markDuplicate'>, ctx: Ctx) {
  return runStep(ctx, input.reportId, 'markDuplicate', async () => {
    const original = await prefetchedOne<ReportDoc>(ctx, 'original', () => ctx.store.findOne<ReportDoc>(C.reports, { _id: input.originalId }))
    if (!original || !canView(original, viewerOf(ctx))) return fail('INVALID_INPUT', '没有找到原问题', { originalId: '没有找到原问题' })
    if (original.status === 'rejected' || original.status === 'duplicate') fail('INVALID_INPUT', '原问题已不予受理或本身是重复问题', { originalId: '原问题已不予受理或本身是重复问题' })
    return markDuplicateStep(original)
  })
}

export async function changeCategory(input: In<'reports.changeCategory'>, ctx: Ctx) {
  return runStep(ctx, input.reportId, 'changeCategory', async ({ report }) => {
    if (report.category === input.category) fail('INVALID_INPUT', '问题类别没有变化', { category: '问题类别没有变化' })
    return changeCategoryStep(report, await requireCategoryFor(ctx, input.category))
  })
}

export async function dispatch(input: In<'reports.dispatch'>, ctx: Ctx) {
  return runStep(ctx, input.reportId, 'dispatch', async ({ report, as, now }) => {
    if (input.rectifyDeadline < chinaDay(now)) fail('INVALID_INPUT', '整改期限不能早于今天', { rectifyDeadline: '整改期限不能早于今天' })
    // read with the caller's profile (the unit's prefetch in ./index.ts)
    const unit = await prefetchedOne<UnitDoc>(ctx, 'unit', () => ctx.store.findOne<UnitDoc>(C.units, { _id: input.unitId }))
    if (!unit || unit.townId !== TOWN_ID) return fail('INVALID_INPUT', '没有找到这个责任单位', { unitId: '没有找到这个责任单位' })
    const note = await checked(ctx, input.note)
    return dispatchStep(report, { unitId: unit._id, unitName: unit.name, by: ctx.userId, as, rectifyDeadline: input.rectifyDeadline, note }, now)
  })
}

export async function sign(input: In<'reports.sign'>, ctx: Ctx) {
  return runStep(ctx, input.reportId, 'sign', async ({ now, calendar }) => signStep(now, await calendar()))
}

export async function answer(input: In<'reports.answer'>, ctx: Ctx) {
  return runStep(ctx, input.reportId, 'answer', async ({ report, loaded, now }) => {
    if (input.plannedDate < chinaDay(now)) fail('INVALID_INPUT', '计划完成日期不能早于今天', { plannedDate: '计划完成日期不能早于今天' })
    if (report.rectifyDeadline && input.plannedDate > report.rectifyDeadline) {
      fail('INVALID_INPUT', `计划完成日期不能晚于整改期限 ${report.rectifyDeadline}`, { plannedDate: `不能晚于整改期限 ${report.rectifyDeadline}` })
    }
    await checkText(ctx.openid, [input.measures])
    return answerStep(report, loaded.letters, { measures: input.measures, plannedDate: input.plannedDate }, now)
  })
}

export async function returnReport(input: In<'reports.return'>, ctx: Ctx) {
  return runStep(ctx, input.reportId, 'return', async () => returnStep(await checked(ctx, input.reason)))
}

export async function rectify(input: In<'reports.rectify'>, ctx: Ctx) {
  return runStep(ctx, input.reportId, 'rectify', async ({ report, now }) => {
    const [textVerdict, checked] = await Promise.all([checkText(ctx.openid, [input.note]), checkPhotos([...new Set(input.photos)], [ctx.openid, ctx.userId])])
    const photos = [...new Set(await checked.keep())]
    return rectifyStep(report, { photos, note: input.note, verdict: textVerdict === 'pass' && checked.verdict === 'pass' ? 'pass' : 'review' }, now)
  })
}

export async function verify(input: In<'reports.verify'>, ctx: Ctx) {
  if (input.pass) return runStep(ctx, input.reportId, 'verifyPass', ({ now }) => verifyPassStep(now))
  // the schema requires the reason of a failed verification
  return runStep(ctx, input.reportId, 'verifyFail', async () => verifyFailStep(await checked(ctx, input.reason)))
}

/** 挂起 (town office): the reason is checked like every note; the reporter reads it only when the office says so. */
export async function suspend(input: In<'reports.suspend'>, ctx: Ctx) {
  return runStep(ctx, input.reportId, 'suspend', async () => suspendStep({ reason: (await checked(ctx, input.reason)) ?? input.reason, reasonPublic: input.reasonPublic === true }))
}

/** 恢复办理 (town office): a new 整改期限 in working days of the project calendar. */
export async function resume(input: In<'reports.resume'>, ctx: Ctx) {
  return runStep(ctx, input.reportId, 'resume', async ({ report, now, calendar }) => resumeStep(report, { workdays: input.workdays, note: await checked(ctx, input.note) }, now, await calendar()))
}

export async function rate(input: In<'reports.rate'>, ctx: Ctx) {
  return runStep(ctx, input.reportId, 'rate', async ({ now }) => rateStep({ value: input.value, comment: await checked(ctx, input.comment) }, now))
}

export async function reopen(input: In<'reports.reopen'>, ctx: Ctx) {
  return runStep(ctx, input.reportId, 'reopen', async ({ report }) => reopenStep(report, await checked(ctx, input.reason)))
}
