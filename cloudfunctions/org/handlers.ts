import type { Grid, TownSafeguards, Unit, Village } from '@/contract'
import type { Ctx, Handlers } from '../_shared/router'
import { C, TOWN_ID } from '../_shared/collections'
import type { GridDoc, UnitDoc, VillageDoc } from '../_shared/docs'
import { fail } from '../_shared/errors'
import { newId } from '../_shared/ids'
import { auditEntry, insertAudited, updateAudited } from '../_shared/audit'
import { loadSafeguards, safeguardsOf, SAFEGUARDS_ID, type SafeguardsDoc } from '../_shared/safeguards'
import { byOrder, villageWithGrids } from '../_shared/villages'
import { findTownVillage, loadTown, nextOrder, renameInProfiles, staffOf, townUnits, villagesWithGrids, type OrgCollection } from './repo'

const toGrid = (g: GridDoc): Grid => ({ id: g._id, villageId: g.villageId, name: g.name, order: g.order })
const toUnit = (u: UnitDoc): Unit => ({ id: u._id, name: u.name, phone: u.phone, order: u.order })
const toVillage = (v: VillageDoc, grids: GridDoc[]): Village => ({ id: v._id, townId: v.townId, name: v.name, order: v.order, grids: grids.map(toGrid) })

/** Their audit entries' targetType. */
const TARGET_TYPE = { villages: 'village', grids: 'grid', units: 'unit' } as const

/**
 * Updates a village, grid or unit (found by id, and only within `within`: its town or village) with
 * its audit entry, in one transaction. A save that changes nothing (a retry after a timeout) writes
 * neither; a record not found (or outside `within`) is 没有找到.
 */
async function updateExisting(ctx: Ctx, collection: OrgCollection, id: string, within: Record<string, unknown>, patch: Record<string, unknown>, missing: string): Promise<void> {
  await updateAudited<Record<string, unknown>>(ctx, collection, id, TARGET_TYPE[collection], 'update', (cur) => {
    if (!cur || Object.entries(within).some(([k, v]) => cur[k] !== v)) return fail('NOT_FOUND', missing)
    return Object.entries(patch).every(([k, v]) => cur[k] === v) ? null : { patch, detail: patch }
  })
}

const SAFEGUARD_FIELDS = ['correctionThreshold', 'reportsPerDay', 'declarationsPerDay', 'nominationsPerDay'] as const

/**
 * Saves the town's safeguards with an audit entry (before and after) in one transaction; a save that
 * changes nothing (a retry) writes neither. They apply from the next call on.
 */
async function saveSafeguards(input: TownSafeguards, ctx: Ctx): Promise<TownSafeguards> {
  const next: TownSafeguards = {
    correctionThreshold: input.correctionThreshold,
    reportsPerDay: input.reportsPerDay,
    declarationsPerDay: input.declarationsPerDay,
    nominationsPerDay: input.nominationsPerDay
  }
  await ctx.store.transaction(async (tx) => {
    const cur = await tx.get<SafeguardsDoc>(C.town_settings, SAFEGUARDS_ID)
    const before = cur ? safeguardsOf(cur) : null
    if (before && SAFEGUARD_FIELDS.every((k) => before[k] === next[k])) return
    await tx.set(C.town_settings, SAFEGUARDS_ID, { ...next, updatedAt: ctx.now(), updatedBy: ctx.userId })
    await tx.insert(C.audit_log, auditEntry(ctx, 'town_settings', SAFEGUARDS_ID, 'saveSafeguards', { before, after: next }))
  })
  return next
}

export const handlers: Handlers<'org'> = {
  async overview(_input, ctx) {
    // The town and its villages with their grids: two requests (the caller's profile is the third).
    const [t, villages] = await Promise.all([loadTown(ctx.store), villagesWithGrids(ctx.store)])
    return {
      town: t ? { id: t._id, name: t.name } : null,
      villages: villages.map(({ grids, ...v }) => toVillage(v, byOrder(grids)))
    }
  },

  async listUnits(_input, ctx) {
    const units = await townUnits(ctx.store)
    return units.map(toUnit)
  },

  async listStaff(input, ctx) {
    const rows = await staffOf(ctx.store, input.villageId)
    return rows.flatMap((u) => u.grants.filter((g) => !input.villageId || g.villageId === input.villageId).map((grant) => ({ userId: u._id, name: u.name, grant })))
  },

  async saveVillage(input, ctx) {
    const now = ctx.now()
    if (!input.id) {
      const doc: VillageDoc = { _id: newId('v'), townId: TOWN_ID, name: input.name, order: input.order ?? (await nextOrder(ctx.store, 'villages', { townId: TOWN_ID })), createdAt: now }
      await insertAudited(ctx, C.villages, doc, 'village', 'create', { name: doc.name })
      return toVillage(doc, [])
    }
    const patch: Partial<VillageDoc> = { name: input.name }
    if (input.order !== undefined) patch.order = input.order
    await updateExisting(ctx, C.villages, input.id, { townId: TOWN_ID }, patch, '没有找到这个村（居）')
    // Profiles carry the village name for one-request reads; keep them in step (a retry mends a save cut short here).
    await renameInProfiles(ctx.store, 'villageId', input.id, input.name)
    const got = await villageWithGrids(ctx.store, input.id)
    if (!got) return fail('NOT_FOUND')
    return toVillage(got.village, got.grids)
  },

  async saveGrid(input, ctx) {
    const now = ctx.now()
    const village = await findTownVillage(ctx.store, input.villageId)
    if (!village) return fail('NOT_FOUND', '没有找到这个村（居）')
    if (!input.id) {
      const doc: GridDoc = {
        _id: newId('g'),
        townId: TOWN_ID,
        villageId: input.villageId,
        name: input.name,
        order: input.order ?? (await nextOrder(ctx.store, 'grids', { villageId: input.villageId })),
        createdAt: now
      }
      await insertAudited(ctx, C.grids, doc, 'grid', 'create', { name: doc.name, villageId: doc.villageId })
      return toGrid(doc)
    }
    const patch: Partial<GridDoc> = { name: input.name }
    if (input.order !== undefined) patch.order = input.order
    // Only within the given village: keeps a village admin inside their own village.
    await updateExisting(ctx, C.grids, input.id, { villageId: input.villageId }, patch, '没有找到这个网格')
    await renameInProfiles(ctx.store, 'gridId', input.id, input.name)
    const got = await ctx.store.findOne<GridDoc>(C.grids, { _id: input.id })
    if (!got) return fail('NOT_FOUND')
    return toGrid(got)
  },

  async saveUnit(input, ctx) {
    const now = ctx.now()
    if (!input.id) {
      const doc: UnitDoc = {
        _id: newId('unit'),
        townId: TOWN_ID,
        name: input.name,
        phone: input.phone ?? null,
        order: input.order ?? (await nextOrder(ctx.store, 'units', { townId: TOWN_ID })),
        createdAt: now
      }
      await insertAudited(ctx, C.units, doc, 'unit', 'create', { name: doc.name })
      return toUnit(doc)
    }
    const patch: Partial<UnitDoc> = { name: input.name }
    if (input.phone !== undefined) patch.phone = input.phone
    if (input.order !== undefined) patch.order = input.order
    await updateExisting(ctx, C.units, input.id, { townId: TOWN_ID }, patch, '没有找到这个责任单位')
    const got = await ctx.store.findOne<UnitDoc>(C.units, { _id: input.id })
    if (!got) return fail('NOT_FOUND')
    return toUnit(got)
  },

  async safeguards(_input, ctx) {
    return loadSafeguards(ctx.store)
  },

  saveSafeguards
}
