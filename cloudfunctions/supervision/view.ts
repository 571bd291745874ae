/** Stored documents → what the contract returns. */
import { PATROL_STATUS_LABELS, type ChecklistItem, type PatrolDetail, type PatrolSummary, type PatrolTemplate } from '@/contract'
import { iso } from '../_shared/docs'
import type { Ctx } from '../_shared/router'
import { isPatroller, managesVillage, maySubmit } from './access'
import type { ItemDoc, PatrolDoc, TemplateDoc } from './docs'

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
    canCancel: p.status === 'scheduled' && managesVillage(ctx, p.villageId)
  }
}
