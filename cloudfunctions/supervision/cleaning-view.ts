/** Stored 保洁考核 documents → what the contract returns. */
import {
  APPEAL_OUTCOME_LABELS,
  DEFAULT_CLEANING_DEDUCTION_YUAN,
  DEFAULT_CLEANING_ITEMS,
  ESCALATION_LABELS,
  FINDING_STATUS_LABELS,
  ZONE_KIND_LABELS,
  type Cleaner,
  type CleaningFinding,
  type CleaningRules,
  type CleaningZone,
  type RectifyNotice
} from '@/contract'
import { iso, maskPhone } from '../_shared/docs'
import type { Ctx } from '../_shared/router'
import { managesPlace, mayAppeal, mayInspect } from './cleaning-access'
import type { CleanerDoc, CleaningRulesDoc, FindingDoc, NoticeDoc, ZoneDoc } from './cleaning-docs'

export function toRules(doc: CleaningRulesDoc | null): CleaningRules {
  return {
    items: (doc?.items ?? DEFAULT_CLEANING_ITEMS).map((i) => ({ key: i.key, text: i.text })),
    deductionYuan: doc?.deductionYuan ?? DEFAULT_CLEANING_DEDUCTION_YUAN,
    deductionSet: doc?.deductionYuan != null,
    rev: doc?.rev ?? 0
  }
}

/** The phone in full for the town office and the cleaner's village admins; masked for anyone else. */
export function toCleaner(c: CleanerDoc, ctx: Ctx): Cleaner {
  return {
    id: c._id,
    name: c.name,
    phone: managesPlace(ctx, c.placeId) ? c.phone : maskPhone(c.phone),
    villageId: c.villageId,
    villageName: c.villageName,
    userId: c.userId,
    enabled: c.enabled,
    rev: c.rev
  }
}

export function toZone(z: ZoneDoc, ctx: Ctx): CleaningZone {
  return {
    id: z._id,
    villageId: z.villageId,
    villageName: z.villageName,
    name: z.name,
    description: z.description,
    kind: z.kind,
    kindLabel: ZONE_KIND_LABELS[z.kind],
    unitId: z.unitId,
    unitName: z.unitName,
    centre: { lng: z.centre[0], lat: z.centre[1] },
    radiusM: z.radiusM,
    cleaners: z.cleaners.map((c) => ({ id: c.id, name: c.name })),
    enabled: z.enabled,
    rev: z.rev,
    canEdit: managesPlace(ctx, z.placeId),
    canInspect: z.enabled && mayInspect(ctx, z)
  }
}

const urlsOf = (files: string[], urls: Map<string, string>) => files.map((f) => urls.get(f) ?? '').filter((u) => u.length > 0)

export function toFinding(f: FindingDoc, ctx: Ctx, urls: Map<string, string>, now: Date): CleaningFinding {
  return {
    id: f._id,
    inspectionId: f.inspectionId,
    zoneId: f.zoneId,
    zoneName: f.zoneName,
    zoneKind: f.zoneKind,
    villageId: f.villageId,
    villageName: f.villageName,
    unitName: f.unitName,
    date: f.date,
    at: iso(f.at) as string,
    itemKey: f.itemKey,
    itemText: f.itemText,
    note: f.note,
    photoUrls: urlsOf(f.photos, urls),
    location: { lng: f.location[0], lat: f.location[1] },
    address: f.address,
    amountYuan: f.amountYuan,
    cleaners: f.cleaners.map((c) => ({ id: c.id, name: c.name })),
    status: f.status,
    statusLabel: FINDING_STATUS_LABELS[f.status],
    deducts: f.status !== 'withdrawn',
    appealDueAt: iso(f.appealDueAt) as string,
    appeal: f.appeal ? { reason: f.appeal.reason, photoUrls: urlsOf(f.appeal.photos, urls), byName: f.appeal.byName, at: iso(f.appeal.at) as string } : null,
    decision: f.decision
      ? { outcome: f.decision.outcome, outcomeLabel: APPEAL_OUTCOME_LABELS[f.decision.outcome], reason: f.decision.reason, byName: f.decision.byName, at: iso(f.decision.at) as string }
      : null,
    notice: f.noticeId && f.noticeNo && f.escalation ? { id: f.noticeId, no: f.noticeNo, escalation: f.escalation, escalationLabel: ESCALATION_LABELS[f.escalation] } : null,
    inspectedByName: f.byName,
    canAppeal: f.status === 'standing' && now.getTime() <= new Date(f.appealDueAt).getTime() && mayAppeal(ctx, f.villageId),
    canDecide: f.status === 'appealed' && ctx.isTown
  }
}

/** Every photo a finding shows (its own and its appeal's). */
export const findingPhotos = (rows: FindingDoc[]) => rows.flatMap((f) => [...f.photos, ...(f.appeal?.photos ?? [])])

export function toNotice(n: NoticeDoc): RectifyNotice {
  return {
    id: n._id,
    no: n.no,
    unitId: n.unitId,
    unitName: n.unitName,
    zoneId: n.zoneId,
    zoneName: n.zoneName,
    villageName: n.villageName,
    escalation: n.escalation,
    escalationLabel: ESCALATION_LABELS[n.escalation],
    findings: n.findingIds.length,
    deadline: n.deadline,
    body: n.body,
    issuedAt: iso(n.issuedAt) as string
  }
}
