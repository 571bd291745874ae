/**
 * Residents and households: finding a resident by name (declaring someone else's deed, 代录), a
 * village's household list, one household's record, and saving a household. A save writes the
 * household, every member's householdId and the audit entry in ONE transaction: a concurrent save
 * touching the same household or the same people conflicts and is retried against the new state.
 */
import type { ActionName, Household, HouseholdRecord, HouseholdSummary, Page, ParsedInputOf, ResidentMatch } from '@/contract'
import type { Ctx } from '../../_shared/router'
import { C } from '../../_shared/collections'
import { auditEntry } from '../../_shared/audit'
import type { UserDoc } from '../../_shared/docs'
import { fail } from '../../_shared/errors'
import { newId } from '../../_shared/ids'
import { mapPage, offsetPage } from '../../_shared/paging'
import { householdBalanceId, type PointEntryDoc } from '../../_shared/points'
import type { TxStore } from '../../_shared/store'
import { isVillageAdminOf } from '../access'
import type { DeedDoc, HouseholdDoc } from '../docs'
import { householdPage, householdRecord } from '../repo'
import { toDeeds, toEntry } from '../view'

type In<A extends ActionName> = ParsedInputOf<A>

const HOUSEHOLD_DEEDS = 20
/** Enough to tell namesakes apart by grid; more means the name is too common to pick from. */
const RESIDENT_MATCHES = 5
/** Members of one household, the head included (each is read and written in the save's transaction). */
const MAX_MEMBERS = 20

function toHousehold(h: HouseholdDoc, names: Map<string, string>): Household {
  return { id: h._id, villageId: h.villageId, name: h.name, headUserId: h.headUserId, members: h.memberIds.map((userId) => ({ userId, name: names.get(userId) ?? '' })) }
}

/** Exact name within one village; only the grid is shown, never a phone, household or openid. */
export async function findResidents(input: In<'deeds.findResidents'>, ctx: Ctx): Promise<ResidentMatch[]> {
  const rows = await ctx.store.find<Pick<UserDoc, '_id' | 'name' | 'villageId' | 'gridName'>>(
    C.users,
    { villageId: input.villageId, name: input.name },
    { limit: RESIDENT_MATCHES, fields: { name: true, villageId: true, gridName: true } }
  )
  return rows.map((u) => ({ userId: u._id, name: u.name, villageId: input.villageId, gridName: u.gridName ?? null }))
}

/** The village's households by name, with members and cached balances (one request per page: deeds/repo.ts). */
export async function households(input: In<'deeds.households'>, ctx: Ctx): Promise<Page<HouseholdSummary>> {
  const page = await offsetPage(input, (skip, limit) => householdPage<HouseholdDoc>(ctx.store, input.villageId, skip, limit))
  return mapPage(page, (rows) => rows.map((r) => ({ ...toHousehold(r.household, r.names), balance: r.balance?.balance ?? 0 })))
}

/** The household, its members, balance, newest approved deeds and a page of entries: one request (deeds/repo.ts). */
export async function household(input: In<'deeds.household'>, ctx: Ctx): Promise<HouseholdRecord> {
  const householdId = input.householdId ?? ctx.user?.householdId ?? null
  if (!householdId) return fail('NOT_FOUND', '您还没有登记家庭，请联系村（居）')
  let record: Awaited<ReturnType<typeof householdRecord<HouseholdDoc, DeedDoc, PointEntryDoc>>> = null
  // the entries' page as entryPage reads it (points.ts): a bad cursor is refused before anything is read
  const ledger = await offsetPage(input, async (skip, limit) => {
    record = await householdRecord<HouseholdDoc, DeedDoc, PointEntryDoc>(ctx.store, householdId, householdBalanceId(householdId), HOUSEHOLD_DEEDS, { skip, limit })
    return record?.entries ?? []
  })
  const r = record as Awaited<ReturnType<typeof householdRecord<HouseholdDoc, DeedDoc, PointEntryDoc>>>
  if (!r) return fail('NOT_FOUND', '没有找到这个家庭')
  const h = r.household
  if (h.headUserId !== ctx.userId && !isVillageAdminOf(ctx, h.villageId)) fail('FORBIDDEN', '家庭档案只有户主和村（居）管理员可以查看')
  return { household: toHousehold(h, r.names), balance: r.balance?.balance ?? 0, deeds: await toDeeds(r.deeds), ledger: await mapPage(ledger, (rows) => rows.map(toEntry)) }
}

/** Reads the people inside the transaction, so a concurrent change to any of them conflicts. */
async function readMembers(tx: TxStore, villageId: string, ids: string[], householdId: string): Promise<UserDoc[]> {
  const users: UserDoc[] = []
  for (const id of ids) {
    const u = await tx.get<UserDoc>(C.users, id)
    if (!u || u.villageId !== villageId) return fail('INVALID_INPUT', '成员须是本村（居）的居民', { memberIds: '成员须是本村（居）的居民' })
    users.push(u)
  }
  if (users.some((u) => u.householdId && u.householdId !== householdId)) fail('CONFLICT', '有成员已登记在其他家庭')
  return users
}

export async function saveHousehold(input: In<'deeds.saveHousehold'>, ctx: Ctx): Promise<Household> {
  const now = ctx.now()
  const ids = [...new Set([input.headUserId, ...input.memberIds])]
  if (ids.length > MAX_MEMBERS) fail('INVALID_INPUT', `成员最多 ${MAX_MEMBERS} 人（含户主）`, { memberIds: `成员最多 ${MAX_MEMBERS} 人（含户主）` })
  const householdId = input.id ?? newId('hh')
  const { doc, names } = await ctx.store.transaction(async (tx) => {
    const before = input.id ? await tx.get<HouseholdDoc>(C.households, input.id) : null
    if (input.id && (!before || before.villageId !== input.villageId)) return fail('NOT_FOUND', '没有找到这个家庭')
    const members = await readMembers(tx, input.villageId, ids, householdId)
    const doc: HouseholdDoc = { _id: householdId, villageId: input.villageId, name: input.name, headUserId: input.headUserId, memberIds: ids, createdAt: before?.createdAt ?? now, updatedAt: now }
    const { _id: householdKey, ...stored } = doc
    await tx.set(C.households, householdKey, stored)
    for (const u of members) if (u.householdId !== householdId) await tx.update(C.users, u._id, { householdId, updatedAt: now, rev: u.rev + 1 })
    for (const id of (before?.memberIds ?? []).filter((m) => !ids.includes(m))) {
      // A person removed here who has since joined another household keeps that one.
      const u = await tx.get<UserDoc>(C.users, id)
      if (u?.householdId === householdId) await tx.update(C.users, id, { householdId: null, updatedAt: now, rev: u.rev + 1 })
    }
    await tx.insert(C.audit_log, auditEntry(ctx, 'household', householdId, 'save', { name: doc.name, headUserId: doc.headUserId, memberIds: ids }))
    return { doc, names: new Map(members.map((u) => [u._id, u.name])) }
  })
  return toHousehold(doc, names)
}
