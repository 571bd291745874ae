/** 保洁考核: the town's rules, cleaners, zones, findings, the monthly sheet and its export, 整改通知. */
import {
  CLEANER_SHEET_DEFINITION,
  DEFAULT_CLEANING_ITEMS,
  TOWN_CENTRE_NAME,
  type ActionName,
  type Cleaner,
  type CleanerSheet,
  type CleaningExport,
  type CleaningFinding,
  type CleaningRules,
  type CleaningZone,
  type Page,
  type ParsedInputOf,
  type RectifyNotice
} from '@/contract'
import { auditEntry, insertAudited, setAudited } from '../../_shared/audit'
import { C } from '../../_shared/collections'
import type { UnitDoc, UserDoc, VillageDoc } from '../../_shared/docs'
import { fail } from '../../_shared/errors'
import { tempUrls } from '../../_shared/files'
import { newId } from '../../_shared/ids'
import { mapPage, offsetPage } from '../../_shared/paging'
import type { Ctx } from '../../_shared/router'
import type { Filter } from '../../_shared/store'
import { appealFinding, decideAppeal, inspectZone, loadRules, requireFinding, requireZone } from '../cleaning'
import { listPlace, managesPlace, villagesOf, worksInPlace } from '../cleaning-access'
import { CLEANING_RULES_ID, placeIdOf, type CleanerDoc, type CleaningRulesDoc, type FindingDoc, type NoticeDoc, type ZoneDoc } from '../cleaning-docs'
import { exportSheets, sheetOf } from '../cleaning-export'
import { findingPhotos, toCleaner, toFinding, toNotice, toRules, toZone } from '../cleaning-view'
import { docsByIds, updateWholeInTx } from '../repo'

type In<A extends ActionName> = ParsedInputOf<A>

export { appealFinding, decideAppeal, inspectZone }

/** A cleaner's findings in a month stay far below this; so do a village's cleaners. */
const MAX_ROWS = 1000

/* ---------------------------------------------------------------- rules */

export async function cleaningRules(_input: In<'supervision.cleaningRules'>, ctx: Ctx): Promise<CleaningRules> {
  return toRules(await loadRules(ctx.store))
}

/** The whole rule set in one save, conditional on the revision the form was loaded at; an item keeps its key. */
export async function saveCleaningRules(input: In<'supervision.saveCleaningRules'>, ctx: Ctx): Promise<CleaningRules> {
  let written: CleaningRulesDoc | null = null
  await setAudited<CleaningRulesDoc>(ctx, C.town_settings, CLEANING_RULES_ID, 'town_settings', 'saveCleaningRules', (cur) => {
    if ((cur?.rev ?? 0) !== input.rev) fail('CONFLICT', '保洁考核规则刚被他人修改，请刷新后再改')
    const known = new Set((cur?.items ?? DEFAULT_CLEANING_ITEMS).map((i) => i.key))
    if (input.items.some((i) => i.key !== undefined && !known.has(i.key))) fail('INVALID_INPUT', '检查项编号不属于这套规则', { items: '检查项编号不正确' })
    let nextKey = cur?.nextKey ?? DEFAULT_CLEANING_ITEMS.length + 1
    const items = input.items.map((i) => ({ key: i.key ?? `c${nextKey++}`, text: i.text }))
    const next = { items, nextKey, deductionYuan: input.deductionYuan, rev: input.rev + 1, updatedAt: ctx.now(), updatedBy: ctx.userId }
    written = { _id: CLEANING_RULES_ID, ...next }
    return { doc: next, detail: { before: cur ? { items: cur.items, deductionYuan: cur.deductionYuan } : null, after: { items, deductionYuan: input.deductionYuan } } }
  })
  return toRules(written)
}

/* ---------------------------------------------------------------- places and cleaners */

async function placeName(ctx: Ctx, villageId: string | null): Promise<string> {
  if (villageId === null) return TOWN_CENTRE_NAME
  const v = await ctx.store.findOne<VillageDoc>(C.villages, { _id: villageId })
  return v?.name ?? fail('INVALID_INPUT', '所选村（居）不存在', { villageId: '所选村（居）不存在' })
}

function requireManage(ctx: Ctx, villageId: string | null): void {
  if (!managesPlace(ctx, placeIdOf(villageId))) fail('FORBIDDEN', villageId === null ? '集镇的保洁考核由镇创建办负责' : '只能管理本村（居）的保洁考核')
}

/** Everything (the town office, no place asked) or one place's rows. */
const placeFilter = (placeId: string | null): Filter => (placeId === null ? {} : { placeId })

export async function cleaners(input: In<'supervision.cleaners'>, ctx: Ctx): Promise<Page<Cleaner>> {
  const filter = placeFilter(listPlace(ctx, input.villageId, false))
  const page = await offsetPage(input, (skip, limit) => ctx.store.find<CleanerDoc>(C.cleaners, filter, { sort: [['name', 'asc']], skip, limit }))
  return mapPage(page, (rows) => rows.filter((c) => c.enabled || input.includeDisabled === true).map((c) => toCleaner(c, ctx)))
}

export async function saveCleaner(input: In<'supervision.saveCleaner'>, ctx: Ctx): Promise<Cleaner> {
  const now = ctx.now()
  requireManage(ctx, input.villageId)
  const [villageName, existing, user] = await Promise.all([
    placeName(ctx, input.villageId),
    input.id ? ctx.store.findOne<CleanerDoc>(C.cleaners, { _id: input.id }) : Promise.resolve(null),
    input.userId ? ctx.store.findOne<UserDoc>(C.users, { _id: input.userId }) : Promise.resolve(null)
  ])
  if (input.id && (!existing || !managesPlace(ctx, existing.placeId))) fail('NOT_FOUND', '没有找到这位保洁员')
  if (input.userId && !user) fail('INVALID_INPUT', '关联的用户不存在', { userId: '关联的用户不存在' })
  const fields = {
    name: input.name,
    phone: input.phone ?? null,
    villageId: input.villageId,
    placeId: placeIdOf(input.villageId),
    villageName,
    userId: input.userId ?? null,
    enabled: input.enabled,
    updatedAt: now,
    updatedBy: ctx.userId
  }
  if (!existing) {
    const doc: CleanerDoc = { _id: newId('cln'), ...fields, rev: 1, createdAt: now, createdBy: ctx.userId }
    await insertAudited(ctx, C.cleaners, doc, 'cleaner', 'create', { name: doc.name, villageId: doc.villageId, userId: doc.userId })
    return toCleaner(doc, ctx)
  }
  if (input.rev !== existing.rev) fail('CONFLICT', '保洁员信息刚被他人修改，请刷新后再改')
  const doc: CleanerDoc = { ...existing, ...fields, rev: existing.rev + 1 }
  await ctx.store.transaction(async (tx) => {
    const cur = await tx.get<CleanerDoc>(C.cleaners, existing._id)
    if (cur?.rev !== existing.rev) fail('CONFLICT', '保洁员信息刚被他人修改，请刷新后再改')
    await tx.update(C.cleaners, existing._id, { ...fields, rev: doc.rev })
    await tx.insert(
      C.audit_log,
      auditEntry(ctx, 'cleaner', existing._id, 'update', {
        before: { name: cur.name, villageId: cur.villageId, enabled: cur.enabled },
        after: { name: doc.name, villageId: doc.villageId, enabled: doc.enabled }
      })
    )
  })
  return toCleaner(doc, ctx)
}

/* ---------------------------------------------------------------- zones */

export async function zones(input: In<'supervision.zones'>, ctx: Ctx): Promise<Page<CleaningZone>> {
  const filter = placeFilter(listPlace(ctx, input.villageId, true))
  const page = await offsetPage(input, (skip, limit) => ctx.store.find<ZoneDoc>(C.cleaning_zones, filter, { sort: [['name', 'asc']], skip, limit }))
  return mapPage(page, (rows) => rows.filter((z) => z.enabled || input.includeDisabled === true).map((z) => toZone(z, ctx)))
}

export async function zone(input: In<'supervision.zone'>, ctx: Ctx): Promise<CleaningZone> {
  const z = await requireZone(ctx.store, input.zoneId)
  if (!worksInPlace(ctx, z.placeId)) fail('NOT_FOUND', '没有找到这个保洁区域')
  return toZone(z, ctx)
}

/** The zone's cleaners, in the order chosen: registered, on duty, of the zone's village (or the town centre). */
async function zoneCleaners(ctx: Ctx, ids: string[], placeId: string): Promise<Array<{ id: string; name: string }>> {
  if (ids.length === 0) return []
  const rows = await docsByIds<CleanerDoc>(ctx.store, C.cleaners, ids)
  const byId = new Map(rows.map((c) => [c._id, c]))
  return ids.map((id) => {
    const c = byId.get(id)
    if (!c || !c.enabled || c.placeId !== placeId) return fail('INVALID_INPUT', `${c?.name ?? '所选保洁员'}不是本区域所在村（居）在岗的保洁员`, { cleanerIds: '保洁员不正确' })
    return { id: c._id, name: c.name }
  })
}

async function unitOf(ctx: Ctx, unitId: string | null | undefined): Promise<UnitDoc | null> {
  if (!unitId) return null
  return (await ctx.store.findOne<UnitDoc>(C.units, { _id: unitId })) ?? fail('INVALID_INPUT', '所选责任单位不存在', { unitId: '所选责任单位不存在' })
}

export async function saveZone(input: In<'supervision.saveZone'>, ctx: Ctx): Promise<CleaningZone> {
  const now = ctx.now()
  requireManage(ctx, input.villageId)
  const placeId = placeIdOf(input.villageId)
  const [villageName, existing, unit, people] = await Promise.all([
    placeName(ctx, input.villageId),
    input.id ? ctx.store.findOne<ZoneDoc>(C.cleaning_zones, { _id: input.id }) : Promise.resolve(null),
    unitOf(ctx, input.unitId),
    zoneCleaners(ctx, input.cleanerIds, placeId)
  ])
  if (input.id && (!existing || !managesPlace(ctx, existing.placeId))) fail('NOT_FOUND', '没有找到这个保洁区域')
  const fields = {
    villageId: input.villageId,
    placeId,
    villageName,
    name: input.name,
    description: input.description ?? null,
    kind: input.kind,
    unitId: unit?._id ?? null,
    unitName: unit?.name ?? null,
    centre: [input.centre.lng, input.centre.lat] as [number, number],
    radiusM: input.radiusM,
    cleanerIds: people.map((p) => p.id),
    cleaners: people,
    enabled: input.enabled,
    updatedAt: now,
    updatedBy: ctx.userId
  }
  const detail = { name: fields.name, kind: fields.kind, villageId: fields.villageId, unitId: fields.unitId, cleaners: fields.cleanerIds, enabled: fields.enabled }
  if (!existing) {
    const doc: ZoneDoc = { _id: newId('zone'), ...fields, rev: 1, createdAt: now, createdBy: ctx.userId }
    await insertAudited(ctx, C.cleaning_zones, doc, 'cleaning_zone', 'create', detail)
    return toZone(doc, ctx)
  }
  if (input.rev !== existing.rev) fail('CONFLICT', '保洁区域刚被他人修改，请刷新后再改')
  const doc: ZoneDoc = { ...existing, ...fields, rev: existing.rev + 1 }
  await ctx.store.transaction(async (tx) => {
    const cur = await tx.get<ZoneDoc>(C.cleaning_zones, existing._id)
    if (cur?.rev !== existing.rev) fail('CONFLICT', '保洁区域刚被他人修改，请刷新后再改')
    await updateWholeInTx(ctx.store, tx, C.cleaning_zones, existing._id, { ...fields, rev: doc.rev }, { centre: fields.centre, cleanerIds: fields.cleanerIds, cleaners: fields.cleaners })
    await tx.insert(C.audit_log, auditEntry(ctx, 'cleaning_zone', existing._id, 'update', detail))
  })
  return toZone(doc, ctx)
}

/* ---------------------------------------------------------------- findings and sheets */

export async function findings(input: In<'supervision.findings'>, ctx: Ctx): Promise<Page<CleaningFinding>> {
  const placeId = listPlace(ctx, input.villageId, false)
  const filter = placeFilter(placeId)
  if (input.month) filter.month = input.month
  if (input.status) filter.status = input.status
  const page = await offsetPage(input, (skip, limit) => ctx.store.find<FindingDoc>(C.cleaning_findings, filter, { sort: [['at', 'desc']], skip, limit }))
  const urls = await tempUrls(findingPhotos(page.items))
  const now = ctx.now()
  return mapPage(page, (rows) => rows.map((f) => toFinding(f, ctx, urls, now)))
}

export async function finding(input: In<'supervision.finding'>, ctx: Ctx): Promise<CleaningFinding> {
  const f = await requireFinding(ctx.store, input.findingId)
  if (!managesPlace(ctx, f.placeId)) fail('NOT_FOUND', '没有找到这条扣款记录')
  return toFinding(f, ctx, await tempUrls(findingPhotos([f])), ctx.now())
}

async function requireCleaner(ctx: Ctx, id: string): Promise<CleanerDoc> {
  const c = await ctx.store.findOne<CleanerDoc>(C.cleaners, { _id: id })
  if (!c || !managesPlace(ctx, c.placeId)) return fail('NOT_FOUND', '没有找到这位保洁员')
  return c
}

async function cleanerFindings(ctx: Ctx, cleanerId: string, month: string): Promise<FindingDoc[]> {
  return ctx.store.find<FindingDoc>(C.cleaning_findings, { cleanerIds: cleanerId, month }, { sort: [['at', 'asc']], limit: MAX_ROWS })
}

export async function cleanerSheet(input: In<'supervision.cleanerSheet'>, ctx: Ctx): Promise<CleanerSheet> {
  const c = await requireCleaner(ctx, input.cleanerId)
  const rows = await cleanerFindings(ctx, c._id, input.month)
  const urls = await tempUrls(findingPhotos(rows))
  const now = ctx.now()
  const sheet = sheetOf(rows)
  return { cleaner: toCleaner(c, ctx), month: input.month, findings: rows.map((f) => toFinding(f, ctx, urls, now)), ...sheet, definition: CLEANER_SHEET_DEFINITION }
}

export async function exportCleanerSheets(input: In<'supervision.exportCleanerSheets'>, ctx: Ctx): Promise<CleaningExport> {
  if (input.cleanerId) {
    const c = await requireCleaner(ctx, input.cleanerId)
    return exportSheets([c], await cleanerFindings(ctx, c._id, input.month), input.month, ctx.now())
  }
  const placeId = listPlace(ctx, input.villageId, false)
  const filter = placeFilter(placeId)
  const [people, rows] = await Promise.all([
    ctx.store.find<CleanerDoc>(C.cleaners, filter, { sort: [['name', 'asc']], limit: MAX_ROWS }),
    ctx.store.find<FindingDoc>(C.cleaning_findings, { ...filter, month: input.month }, { sort: [['at', 'desc']], limit: MAX_ROWS })
  ])
  return exportSheets(people, rows.reverse(), input.month, ctx.now())
}

/* ---------------------------------------------------------------- 整改通知 */

function noticeFilter(ctx: Ctx, unitId: string | undefined): Filter {
  if (ctx.isTown) return unitId ? { unitId } : {}
  const units = (ctx.user?.grants ?? []).flatMap((g) => (g.role === 'unit_staff' && g.unitId ? [g.unitId] : []))
  if (unitId) {
    if (!units.includes(unitId)) fail('FORBIDDEN', '只能查看本单位的整改通知')
    return { unitId }
  }
  if (units.length > 0) return { unitId: units[0] }
  const village = villagesOf(ctx, false)[0]
  return village ? { placeId: village } : fail('FORBIDDEN', '您没有负责的村（居）或单位')
}

export async function rectifyNotices(input: In<'supervision.rectifyNotices'>, ctx: Ctx): Promise<Page<RectifyNotice>> {
  const filter = noticeFilter(ctx, input.unitId)
  const page = await offsetPage(input, (skip, limit) => ctx.store.find<NoticeDoc>(C.rectify_notices, filter, { sort: [['issuedAt', 'desc']], skip, limit }))
  return mapPage(page, (rows) => rows.map(toNotice))
}
