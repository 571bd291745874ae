/**
 * 保洁考核 writes: an inspection of a zone, the village's appeal and the town office's decision.
 *
 * An inspection, its findings (each with the rule's amount as it is now), the day's counts of the
 * village (and of the unit, for an office area), its 整改通知 (numbered in the transaction, 通报 when
 * the unit had one within 30 days) and the audit entry are one transaction. The inspection's id
 * follows from the inspector and the form's key and the audit entry's from the inspection, so a retry
 * (or the same form sent twice at once) finds the first and records nothing twice.
 * Appeal and decision are conditional on the finding's status read in their transaction: a double tap
 * or two officers deciding at once decide once; a withdrawal takes its amount back off the counts.
 */
import { keyedId } from '../_shared/ids'
import { APPEAL_OUTCOME_LABELS, APPEAL_WORKDAYS, BULLETIN_WINDOW_DAYS, RECTIFY_WORKDAYS, type CleaningFinding, type CleaningInspection, type Escalation, type ParsedInputOf } from '@/contract'
import { chinaDay, chinaStamp } from '@/domain/china-time'
import { auditEntry } from '../_shared/audit'
import { C } from '../_shared/collections'
import { AppError, fail, isDuplicateKeyError } from '../_shared/errors'
import { tempUrls } from '../_shared/files'
import { prefetchedDoc, prefetchedOne, withPrefetch } from '../_shared/prefetch'
import type { Ctx } from '../_shared/router'
import { checkPhotos, checkText } from '../_shared/security'
import type { Store, TxStore } from '../_shared/store'
import type { WorkCalendar } from '../_shared/workdays'
import { chineseDate, chineseDateOf, chinaYear } from '../reports/model'
import { loadCalendar, nextNumber, prefetchCalendar, prefetchedCalendar } from '../reports/repo'
import { mayAppeal, mayInspect } from './cleaning-access'
import { CLEANING_RULES_ID, type CleaningRulesDoc, type FindingDoc, type InspectionDoc, type NoticeDoc, type UnitCountsDoc, type UnitNoticeState, type ZoneDoc } from './cleaning-docs'
import { findingPhotos, toFinding, toNotice, toRules } from './cleaning-view'
import type { CountsDoc } from './docs'
import { bumpCounts, docsByIds, updateWholeInTx, writeCounts, type CountsKnown } from './repo'

const WRITE_ATTEMPTS = 8
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 15 * attempt))
const DAY_MS = 24 * 3600 * 1000
export const TOWN_OFFICE = '镇创建办'

export const inspectionIdFor = (userId: string, key: string) => keyedId('ci', userId, key)
export const findingIdFor = (inspectionId: string, i: number) => `${inspectionId}_${i + 1}`
export const noticeIdFor = (inspectionId: string) => `${inspectionId}_notice`
export const noticeCounterId = (year: number) => `rectify-${year}`
export const unitStateId = (unitId: string) => `rectify-unit-${unitId}`
export const unitCountsIdFor = (unitId: string, date: string) => `${unitId}_${date}`
/** 整改〔2026〕3号 */
export const formatNoticeNo = (year: number, n: number) => `整改〔${year}〕${n}号`

export async function loadRules(store: Store): Promise<CleaningRulesDoc | null> {
  return store.findOne<CleaningRulesDoc>(C.town_settings, { _id: CLEANING_RULES_ID })
}

export async function requireZone(store: Store, id: string): Promise<ZoneDoc> {
  return (await store.findOne<ZoneDoc>(C.cleaning_zones, { _id: id })) ?? fail('NOT_FOUND', '没有找到这个保洁区域')
}

export async function requireFinding(store: Store, id: string): Promise<FindingDoc> {
  return (await store.findOne<FindingDoc>(C.cleaning_findings, { _id: id })) ?? fail('NOT_FOUND', '没有找到这条扣款记录')
}

/** What a finding takes off the month's payroll: its amount from each responsible cleaner. */
export const deductedYuan = (f: Pick<FindingDoc, 'amountYuan' | 'cleanerIds'>) => f.amountYuan * f.cleanerIds.length

/** 通报 when the unit's previous 整改通知 is at most 30 days old. */
export function escalationOf(lastAt: Date | null, now: Date): Escalation {
  return lastAt && now.getTime() - new Date(lastAt).getTime() <= BULLETIN_WINDOW_DAYS * DAY_MS ? 'bulletin' : 'notice'
}

export function noticeBody(z: ZoneDoc, findings: FindingDoc[], escalation: Escalation, deadline: string, now: Date): string {
  return [
    `${z.unitName ?? '责任单位'}：`,
    `${chineseDateOf(now)}，${TOWN_OFFICE}检查你单位办公区域「${z.name}」（${z.villageName}），发现以下问题：`,
    ...findings.map((f, i) => `${i + 1}. ${f.itemText}：${f.note}`),
    escalation === 'bulletin' ? `你单位办公区域在 ${BULLETIN_WINDOW_DAYS} 天内再次被查出问题，予以通报。` : '',
    `请于${chineseDate(deadline)}前整改到位，并将整改情况报${TOWN_OFFICE}。`,
    TOWN_OFFICE,
    chineseDateOf(now)
  ]
    .filter((l) => l.length > 0)
    .join('\n')
}

async function addUnitCounts(
  tx: TxStore,
  unitId: string,
  date: string,
  change: Partial<Record<'findings' | 'withdrawn' | 'deductionYuan' | 'notices' | 'bulletins', number>>,
  now: Date
): Promise<void> {
  const id = unitCountsIdFor(unitId, date)
  const cur = await tx.get<UnitCountsDoc>(C.cleaning_unit_counts, id)
  const next: Omit<UnitCountsDoc, '_id'> = { unitId, date, findings: 0, withdrawn: 0, deductionYuan: 0, notices: 0, bulletins: 0, ...(cur ?? {}), updatedAt: now }
  for (const [k, n] of Object.entries(change) as Array<[keyof typeof change, number]>) next[k] += n
  delete (next as Partial<UnitCountsDoc>)._id
  await tx.set(C.cleaning_unit_counts, id, next)
}

/* ---------------------------------------------------------------- inspection */

type InspectIn = ParsedInputOf<'supervision.inspectZone'>

/** `known`: the findings and notice just written with the inspection (else they are read). */
export async function showInspection(ctx: Ctx, i: InspectionDoc, known?: { findings: FindingDoc[]; notice: NoticeDoc | null }): Promise<CleaningInspection> {
  const [findings, notice] = known
    ? [[...known.findings], known.notice]
    : await Promise.all([
        i.findingIds.length ? docsByIds<FindingDoc>(ctx.store, C.cleaning_findings, i.findingIds) : Promise.resolve([]),
        i.noticeId ? ctx.store.findOne<NoticeDoc>(C.rectify_notices, { _id: i.noticeId }) : Promise.resolve(null)
      ])
  const order = new Map(i.findingIds.map((id, k) => [id, k]))
  findings.sort((a, b) => (order.get(a._id) ?? 0) - (order.get(b._id) ?? 0))
  const urls = await tempUrls(findingPhotos(findings))
  const now = ctx.now()
  return {
    id: i._id,
    zoneId: i.zoneId,
    zoneName: i.zoneName,
    date: i.date,
    at: i.at.toISOString(),
    byName: i.byName,
    findings: findings.map((f) => toFinding(f, ctx, urls, now)),
    notice: notice ? toNotice(notice) : null
  }
}

interface Planned {
  inspection: InspectionDoc
  findings: FindingDoc[]
  zone: ZoneDoc
  deadline: string
}

async function plan(ctx: Ctx, input: InspectIn, zone: ZoneDoc, id: string, now: Date): Promise<Planned> {
  const rules = toRules(await prefetchedOne<CleaningRulesDoc>(ctx, 'rules', () => loadRules(ctx.store)))
  const items = new Map(rules.items.map((i) => [i.key, i.text]))
  input.findings.forEach((f, i) => {
    if (!items.has(f.itemKey)) fail('INVALID_INPUT', `第 ${i + 1} 条的检查项不存在，请刷新后重新填写`, { [`findings.${i}.itemKey`]: '检查项不存在' })
  })
  const fresh = [...new Set(input.findings.flatMap((f) => f.photos))]
  const [textVerdict, checked, calendar] = await Promise.all([
    checkText(
      ctx.openid,
      input.findings.flatMap((f) => [f.note, f.address])
    ),
    checkPhotos(fresh, [ctx.openid, ctx.userId]),
    prefetchedCalendar(ctx) ?? loadCalendar(ctx.store, now)
  ])
  const kept = await checked.keep()
  const photoOf = new Map(fresh.map((f, i) => [f, { kept: kept[i], verdict: checked.verdicts[i] }]))
  const date = chinaDay(now)
  const byName = ctx.user?.name ?? ''
  const appealDueAt = calendar.addWorkdays(now, APPEAL_WORKDAYS).due
  const findings = input.findings.map(
    (f, i): FindingDoc => ({
      _id: findingIdFor(id, i),
      inspectionId: id,
      zoneId: zone._id,
      zoneName: zone.name,
      zoneKind: zone.kind,
      villageId: zone.villageId,
      placeId: zone.placeId,
      villageName: zone.villageName,
      unitId: zone.unitId,
      unitName: zone.unitName,
      date,
      month: date.slice(0, 7),
      at: now,
      itemKey: f.itemKey,
      itemText: items.get(f.itemKey) as string,
      note: f.note,
      photos: [...new Set(f.photos.map((p) => photoOf.get(p)?.kept ?? p))],
      secStatus: textVerdict === 'pass' && f.photos.every((p) => photoOf.get(p)?.verdict === 'pass') ? 'pass' : 'review',
      location: [f.location.lng, f.location.lat],
      address: f.address ?? null,
      amountYuan: rules.deductionYuan,
      cleanerIds: zone.cleanerIds,
      cleaners: zone.cleaners,
      status: 'standing',
      appealDueAt,
      appeal: null,
      decision: null,
      noticeId: null,
      noticeNo: null,
      escalation: null,
      by: ctx.userId,
      byName,
      rev: 1
    })
  )
  const inspection: InspectionDoc = {
    _id: id,
    key: input.key,
    zoneId: zone._id,
    zoneName: zone.name,
    placeId: zone.placeId,
    date,
    at: now,
    by: ctx.userId,
    byName,
    findingIds: findings.map((f) => f._id),
    noticeId: null
  }
  return { inspection, findings, zone, deadline: chinaDay(rectifyDue(calendar, now)) }
}

const rectifyDue = (calendar: WorkCalendar, now: Date) => calendar.addWorkdays(now, RECTIFY_WORKDAYS).due

/** The unit's 整改通知 for an office area's findings, numbered in the transaction; the findings learn its number. */
async function issueNotice(tx: TxStore, ctx: Ctx, p: Planned, now: Date): Promise<{ notice: NoticeDoc; findings: FindingDoc[] }> {
  const unitId = p.zone.unitId as string
  const state = await tx.get<UnitNoticeState>(C.counters, unitStateId(unitId))
  const escalation = escalationOf(state?.lastAt ?? null, now)
  const year = chinaYear(now)
  const seq = await nextNumber(tx, noticeCounterId(year))
  const notice: NoticeDoc = {
    _id: noticeIdFor(p.inspection._id),
    no: formatNoticeNo(year, seq),
    year,
    seq,
    unitId,
    unitName: p.zone.unitName ?? '',
    zoneId: p.zone._id,
    zoneName: p.zone.name,
    placeId: p.zone.placeId,
    villageName: p.zone.villageName,
    inspectionId: p.inspection._id,
    findingIds: p.findings.map((f) => f._id),
    escalation,
    deadline: p.deadline,
    body: noticeBody(p.zone, p.findings, escalation, p.deadline, now),
    issuedAt: now,
    issuedBy: ctx.userId
  }
  await tx.insert(C.rectify_notices, notice)
  await tx.set(C.counters, unitStateId(unitId), { value: (state?.value ?? 0) + 1, lastAt: now })
  return { notice, findings: p.findings.map((f) => ({ ...f, noticeId: notice._id, noticeNo: notice.no, escalation })) }
}

interface Written {
  doc: InspectionDoc
  findings: FindingDoc[]
  notice: NoticeDoc | null
}

async function writeInspection(ctx: Ctx, p: Planned, now: Date, counts: CountsKnown): Promise<Written> {
  return ctx.store.transaction(async (tx) => {
    const { inspection, zone } = p
    await tx.insert(C.audit_log, {
      _id: `${inspection._id}.inspect`,
      ...auditEntry(ctx, 'cleaning_zone', zone._id, 'inspect', {
        inspectionId: inspection._id,
        key: inspection.key,
        findings: p.findings.length,
        amountYuan: p.findings[0]?.amountYuan ?? null,
        cleaners: zone.cleanerIds
      })
    })
    const office = zone.kind === 'office' && zone.unitId !== null && p.findings.length > 0
    const issued = office ? await issueNotice(tx, ctx, p, now) : null
    const findings = issued?.findings ?? p.findings
    const doc: InspectionDoc = { ...inspection, noticeId: issued?.notice._id ?? null }
    await tx.insert(C.cleaning_inspections, doc)
    for (const f of findings) await tx.insert(C.cleaning_findings, f)
    const written = { doc, findings, notice: issued?.notice ?? null }
    if (findings.length === 0) return written
    const yuan = findings.reduce((s, f) => s + deductedYuan(f), 0)
    await writeCounts(tx, counts, zone.placeId, inspection.date, { cleaningFindings: findings.length, cleaningWithdrawn: 0, deductionYuan: yuan }, now)
    if (issued) {
      const escalated = issued.notice.escalation === 'bulletin'
      await addUnitCounts(tx, zone.unitId as string, inspection.date, { findings: findings.length, deductionYuan: yuan, notices: escalated ? 0 : 1, bulletins: escalated ? 1 : 0 }, now)
    }
    return written
  })
}

/** What the prefetched counts say of the inspection's day (not prefetched, or another day: read them). */
function countsKnown(ctx: Ctx, placeId: string, date: string): CountsKnown {
  const rows = ctx.prefetched?.get('counts') as Array<Pick<CountsDoc, 'villageId' | 'date'>> | undefined
  const zone = prefetchedDoc<ZoneDoc>(ctx, 'zone')
  if (!rows || !zone || zone.placeId !== placeId) return 'read'
  if (rows.some((r) => r.villageId === placeId && r.date === date)) return 'yes'
  return rows.length === 0 && chinaDay(ctx.now()) === date ? 'no' : 'read'
}

/**
 * The form's inspection (a retry finds it), the zone, the rules, the calendar and the day's counts of
 * the zone's place come with the caller's profile (../_shared/prefetch.ts): one request.
 */
export const inspectZone = withPrefetch<'supervision.inspectZone'>(
  (input, caller) => ({
    again: { coll: C.cleaning_inspections, match: { _id: inspectionIdFor(caller.userId, input.key) } },
    zone: { coll: C.cleaning_zones, match: { _id: input.zoneId } },
    rules: { coll: C.town_settings, match: { _id: CLEANING_RULES_ID } },
    calendar: prefetchCalendar(caller.op, caller.now),
    counts: { coll: C.supervision_counts, match: { date: chinaDay(caller.now) }, join: { key: 'zone', field: 'placeId', on: 'villageId' } }
  }),
  inspect
)

async function inspect(input: InspectIn, ctx: Ctx): Promise<CleaningInspection> {
  const now = ctx.now()
  const id = inspectionIdFor(ctx.userId, input.key)
  const again = await prefetchedOne<InspectionDoc>(ctx, 'again', () => ctx.store.findOne<InspectionDoc>(C.cleaning_inspections, { _id: id }))
  if (again) return showInspection(ctx, again)
  const zone = (await prefetchedOne<ZoneDoc>(ctx, 'zone', () => ctx.store.findOne<ZoneDoc>(C.cleaning_zones, { _id: input.zoneId }))) ?? fail('NOT_FOUND', '没有找到这个保洁区域')
  if (!mayInspect(ctx, zone)) fail('FORBIDDEN', '只能检查本村（居）的保洁区域')
  if (!zone.enabled) fail('CONFLICT', '这个保洁区域已停用')
  const planned = await plan(ctx, input, zone, id, now)
  for (let attempt = 1; ; attempt++) {
    try {
      // a retry reads the counts in its transaction: what was prefetched may be out of date
      const written = await writeInspection(ctx, planned, now, attempt === 1 ? countsKnown(ctx, zone.placeId, planned.inspection.date) : 'read')
      return await showInspection(ctx, written.doc, written)
    } catch (e) {
      // the same form recorded meanwhile, or another inspection took the notice number or the counts
      const lost = isDuplicateKeyError(e) || (e instanceof AppError && e.code === 'CONFLICT')
      if (!lost || attempt >= WRITE_ATTEMPTS) throw e
      const first = await ctx.store.findOne<InspectionDoc>(C.cleaning_inspections, { _id: id })
      if (first) return showInspection(ctx, first)
      await pause(attempt)
    }
  }
}

/* ---------------------------------------------------------------- appeal and decision */

async function showFinding(ctx: Ctx, f: FindingDoc): Promise<CleaningFinding> {
  return toFinding(f, ctx, await tempUrls(findingPhotos([f])), ctx.now())
}

export async function appealFinding(input: ParsedInputOf<'supervision.appealFinding'>, ctx: Ctx): Promise<CleaningFinding> {
  const now = ctx.now()
  const f = await requireFinding(ctx.store, input.findingId)
  if (!mayAppeal(ctx, f.villageId)) fail('FORBIDDEN', '只能对本村（居）保洁区域的扣款提出申诉')
  if (f.status !== 'standing') fail('CONFLICT', '这条扣款已经申诉过')
  // the calendar as it is now: a holiday the office entered since the finding counts
  const due = (await loadCalendar(ctx.store, now)).addWorkdays(new Date(f.at), APPEAL_WORKDAYS).due
  if (now.getTime() > due.getTime()) fail('CONFLICT', `已超过申诉期限（${chinaStamp(due)} 前，发现后 ${APPEAL_WORKDAYS} 个工作日内）`)
  const [textVerdict, checked] = await Promise.all([checkText(ctx.openid, [input.reason]), checkPhotos([...new Set(input.photos)], [ctx.openid, ctx.userId])])
  const photos = [...new Set(await checked.keep())]
  const appeal = { reason: input.reason, photos, by: ctx.userId, byName: ctx.user?.name ?? '', at: now }
  const written = await ctx.store.transaction(async (tx) => {
    const cur = await tx.get<FindingDoc>(C.cleaning_findings, f._id)
    if (!cur || cur.status !== 'standing') return fail('CONFLICT', '这条扣款已经申诉过')
    await updateWholeInTx(ctx.store, tx, C.cleaning_findings, f._id, { status: 'appealed', rev: cur.rev + 1 }, { appeal })
    await tx.insert(
      C.audit_log,
      auditEntry(ctx, 'cleaning_finding', f._id, 'appeal', { reason: input.reason, photos, secStatus: textVerdict === 'pass' && checked.verdict === 'pass' ? 'pass' : 'review' })
    )
    return { ...cur, status: 'appealed' as const, appeal, rev: cur.rev + 1 }
  })
  return showFinding(ctx, written)
}

export async function decideAppeal(input: ParsedInputOf<'supervision.decideAppeal'>, ctx: Ctx): Promise<CleaningFinding> {
  const now = ctx.now()
  // (no read before the transaction: it reads the finding and answers a missing one itself)
  const decision = { outcome: input.outcome, reason: input.reason, by: ctx.userId, byName: ctx.user?.name ?? '', at: now }
  const status = input.outcome === 'withdraw' ? ('withdrawn' as const) : ('upheld' as const)
  const written = await ctx.store.transaction(async (tx) => {
    const cur = await tx.get<FindingDoc>(C.cleaning_findings, input.findingId)
    if (!cur) return fail('NOT_FOUND', '没有找到这条扣款记录')
    if (cur.status !== 'appealed') return fail('CONFLICT', cur.decision ? `这条申诉已处理（${APPEAL_OUTCOME_LABELS[cur.decision.outcome]}）` : '这条扣款没有待处理的申诉')
    await updateWholeInTx(ctx.store, tx, C.cleaning_findings, cur._id, { status, rev: cur.rev + 1 }, { decision })
    await tx.insert(
      C.audit_log,
      auditEntry(ctx, 'cleaning_finding', cur._id, input.outcome === 'withdraw' ? 'withdraw' : 'uphold', { reason: input.reason, amountYuan: cur.amountYuan, cleaners: cur.cleanerIds })
    )
    if (status === 'withdrawn') {
      // the day the finding was made gives back what it took
      const yuan = deductedYuan(cur)
      await bumpCounts(tx, cur.placeId, cur.date, { cleaningWithdrawn: 1, deductionYuan: -yuan }, now)
      if (cur.unitId && cur.noticeId) await addUnitCounts(tx, cur.unitId, cur.date, { withdrawn: 1, deductionYuan: -yuan }, now)
    }
    return { ...cur, status, decision, rev: cur.rev + 1 }
  })
  return showFinding(ctx, written)
}
