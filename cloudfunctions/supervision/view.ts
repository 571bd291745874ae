/** Stored documents → what the contract returns. */
import { PATROL_STATUS_LABELS, VISIT_OUTCOME_LABELS, type ChecklistItem, type PatrolDetail, type PatrolSummary, type PatrolTemplate, type VisitDetail, type VisitSummary } from '@/contract'
import { iso } from '../_shared/docs'
import type { Ctx } from '../_shared/router'
import { isPatroller, managesVillage, maySubmit } from './access'
import type { ItemDoc, PatrolDoc, TemplateDoc, VisitDoc } from './docs'

const toItem = (i: ItemDoc): ChecklistItem => ({ key: i.key, text: i.text, category: i.category, categoryName: i.categoryName, deduction: i.deduction })

export function toTemplate(t: TemplateDoc): PatrolTemplate {
  return { id: t._id, name: t.name, description: t.description, version: t.version, items: t.items.map(toItem), enabled: t.enabled, rev: t.rev, updatedAt: iso(t.updatedAt) as string }
}

export function toSummary(p: PatrolDoc, ctx: Ctx): PatrolSummary {
  return {
    id: p._id,
    date: p.date,
    villageId: p.villageId,
    villageName: p.villageName,
    gridId: p.gridId,
    gridName: p.gridName,
    templateId: p.templateId,
    templateName: p.templateName,
    version: p.version,
    patrollers: p.patrollers.map((x) => ({ userId: x.userId, name: x.name })),
    status: p.status,
    statusLabel: p.late ? '已补交' : PATROL_STATUS_LABELS[p.status],
    late: p.late,
    itemCount: p.items.length,
    score: p.score,
    findings: p.findings,
    submittedAt: iso(p.submittedAt),
    mine: isPatroller(ctx, p)
  }
}

/** `today`: the China day now; a patrol can be submitted from its day on (and after 缺巡, as a late one). */
export function toDetail(p: PatrolDoc, ctx: Ctx, urls: Map<string, string>, today: string): PatrolDetail {
  const open = p.status === 'scheduled' || (p.status === 'missed' && !p.late)
  return {
    ...toSummary(p, ctx),
    items: p.items.map(toItem),
    results:
      p.results?.map((r) => ({
        itemKey: r.itemKey,
        result: r.result,
        note: r.note,
        photoUrls: r.photos.map((f) => urls.get(f) ?? '').filter((u) => u.length > 0),
        location: r.location ? { lng: r.location[0], lat: r.location[1] } : null,
        address: r.address,
        problem: r.reportId && r.reportNo ? { reportId: r.reportId, reportNo: r.reportNo, linked: r.linked } : null
      })) ?? null,
    deductions: p.deductions,
    scoreFormula: p.scoreFormula,
    submittedByName: p.submittedByName,
    cancelReason: p.cancelReason,
    canSubmit: open && p.date <= today && maySubmit(ctx, p),
    canCancel: p.status === 'scheduled' && p.date > today && managesVillage(ctx, p.villageId)
  }
}

/** A visit in a list: who, where, when and how many problems — the notes only in the detail. */
export function toVisitSummary(v: Omit<VisitDoc, 'situation' | 'suggestions' | 'issues'>, ctx: Ctx): VisitSummary {
  return {
    id: v._id,
    date: v.date,
    villageId: v.villageId,
    villageName: v.villageName,
    gridId: v.gridId,
    gridName: v.gridName,
    householdId: v.householdId,
    householdName: v.householdName,
    visitors: v.visitors.map((x) => ({ userId: x.userId, name: x.name })),
    problems: v.problems.length,
    solved: v.problems.filter((p) => p.outcome === 'solved').length,
    filed: v.problems.filter((p) => p.outcome === 'report').length,
    hasPhoto: v.photos.length > 0,
    createdAt: iso(v.createdAt) as string,
    mine: v.visitorIds.includes(ctx.userId)
  }
}

export function toVisitDetail(v: VisitDoc, ctx: Ctx, urls: Map<string, string>): VisitDetail {
  return {
    ...toVisitSummary(v, ctx),
    situation: v.situation,
    suggestions: v.suggestions,
    issues: v.issues,
    problemList: v.problems.map((p) => ({
      text: p.text,
      outcome: p.outcome,
      outcomeLabel: VISIT_OUTCOME_LABELS[p.outcome],
      done: p.done,
      report: p.reportId && p.reportNo ? { reportId: p.reportId, reportNo: p.reportNo, categoryName: p.categoryName ?? '' } : null
    })),
    photoUrls: v.photos.map((f) => urls.get(f) ?? '').filter((u) => u.length > 0),
    recordedByName: v.createdByName
  }
}
