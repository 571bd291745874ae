/**
 * 积分超市. A redemption checks the goods' stock and the person's balance and writes the ledger
 * entry, the stock and the redemption in ONE transaction: a concurrent redemption touching the
 * same goods or the same balance conflicts and is retried against the new state.
 */
import { randomInt } from 'crypto'
import type { ActionName, Goods, Page, ParsedInputOf, Redemption } from '@/contract'
import type { Ctx } from '../../_shared/router'
import { C } from '../../_shared/collections'
import { auditEntry, insertAudited, updateAudited } from '../../_shared/audit'
import type { UserDoc } from '../../_shared/docs'
import { fail } from '../../_shared/errors'
import { tempUrls } from '../../_shared/files'
import { newId } from '../../_shared/ids'
import { mapPage, offsetPage, type PageInput } from '../../_shared/paging'
import { holderOf, refundInTx, spendInTx } from '../../_shared/points'
import type { Filter } from '../../_shared/store'
import { isVillageAdminOf } from '../access'
import type { GoodsDoc, RedemptionDoc } from '../docs'
import { toGoods, toRedemption } from '../view'

type In<A extends ActionName> = ParsedInputOf<A>

const MAX_GOODS = 100

async function goodsViews(rows: GoodsDoc[]): Promise<Goods[]> {
  const urls = await tempUrls(rows.flatMap((g) => (g.photo ? [g.photo] : [])))
  return rows.map((g) => toGoods(g, urls))
}

export async function goods(input: In<'deeds.goods'>, ctx: Ctx): Promise<Goods[]> {
  const villageId = input.villageId ?? ctx.user?.villageId
  if (!villageId) return []
  const all = input.all === true && isVillageAdminOf(ctx, villageId)
  const filter: Filter = all ? { villageId } : { villageId, enabled: true }
  return goodsViews(await ctx.store.find<GoodsDoc>(C.shop_goods, filter, { sort: [['createdAt', 'desc']], limit: MAX_GOODS }))
}

export async function saveGoods(input: In<'deeds.saveGoods'>, ctx: Ctx): Promise<Goods> {
  const now = ctx.now()
  const fields = { villageId: input.villageId, name: input.name, price: input.price, stock: input.stock, photo: input.photo, enabled: input.enabled, updatedAt: now }
  let doc: GoodsDoc
  if (input.id) {
    // the goods and its audit entry in one transaction; a save that changes nothing (a retry) writes neither
    const { read, written } = await updateAudited<GoodsDoc>(ctx, C.shop_goods, input.id, 'goods', 'save', (cur) => {
      if (!cur || cur.villageId !== input.villageId) return fail('NOT_FOUND', '没有找到这件商品')
      const same = cur.name === fields.name && cur.price === fields.price && cur.stock === fields.stock && cur.photo === fields.photo && cur.enabled === fields.enabled
      return same ? null : { patch: fields, detail: fields }
    })
    doc = written ? { ...(read as GoodsDoc), ...fields } : (read as GoodsDoc)
  } else {
    doc = { _id: newId('gd'), ...fields, createdAt: now }
    await insertAudited(ctx, C.shop_goods, doc, 'goods', 'save', fields)
  }
  return (await goodsViews([doc]))[0]
}

const pickupCode = () => String(randomInt(0, 100_000_000)).padStart(8, '0')

/**
 * The goods are read once, in the transaction, and checked there. Requests: the profile, then start,
 * goods, the person's balance (does it cover the price?), entry, balance, the household's increment,
 * stock, redemption, commit = 10 (the new redemption's entry cannot exist: not looked for).
 */
export async function redeem(input: In<'deeds.redeem'>, ctx: Ctx): Promise<Redemption> {
  const user = ctx.user as UserDoc
  const now = ctx.now()
  const id = newId('rd')
  const doc = await ctx.store.transaction(async (tx) => {
    const cur = await tx.get<GoodsDoc>(C.shop_goods, input.goodsId)
    if (!cur || !cur.enabled) return fail('NOT_FOUND', '没有找到这件商品，或已下架')
    if (user.villageId !== cur.villageId) fail('FORBIDDEN', '只能兑换本村（居）积分超市的商品')
    if (cur.stock < 1) return fail('CONFLICT', '商品已兑完')
    const posted = await spendInTx(tx, holderOf(user), { price: cur.price, refId: id, operatorId: ctx.userId, note: `兑换：${cur.name}` }, now)
    await tx.update(C.shop_goods, cur._id, { stock: cur.stock - 1, updatedAt: now })
    const r: RedemptionDoc = {
      _id: id,
      villageId: cur.villageId,
      goodsId: cur._id,
      goodsName: cur.name,
      price: cur.price,
      userId: user._id,
      userName: user.name,
      householdId: user.householdId ?? null,
      code: pickupCode(),
      status: 'awaiting',
      entryId: posted.entry._id,
      createdAt: now,
      handedOverAt: null,
      handedOverBy: null,
      cancelledAt: null,
      cancelReason: null
    }
    await tx.insert(C.redemptions, r)
    return r
  })
  return toRedemption(doc)
}

async function redemptionPage(ctx: Ctx, filter: Filter, input: PageInput): Promise<Page<Redemption>> {
  const page = await offsetPage(input, (skip, limit) => ctx.store.find<RedemptionDoc>(C.redemptions, filter, { sort: [['createdAt', 'desc']], skip, limit }))
  return mapPage(page, (rows) => rows.map(toRedemption))
}

export async function myRedemptions(input: In<'deeds.myRedemptions'>, ctx: Ctx): Promise<Page<Redemption>> {
  return redemptionPage(ctx, { userId: ctx.userId }, input)
}

export async function redemptions(input: In<'deeds.redemptions'>, ctx: Ctx): Promise<Page<Redemption>> {
  return redemptionPage(ctx, { villageId: input.villageId }, input)
}

export async function handOver(input: In<'deeds.handOver'>, ctx: Ctx): Promise<Redemption> {
  const r = await ctx.store.findOne<RedemptionDoc>(C.redemptions, { villageId: input.villageId, code: input.code })
  if (!r) return fail('NOT_FOUND', '兑换码不正确，请核对')
  if (r.status !== 'awaiting') fail('CONFLICT', r.status === 'handed_over' ? '这份兑换已经发放过了' : '这份兑换已取消')
  const now = ctx.now()
  const patch = { status: 'handed_over' as const, handedOverAt: now, handedOverBy: ctx.userId }
  if ((await ctx.store.updateWhere(C.redemptions, { _id: r._id, status: 'awaiting' }, patch)) !== 1) fail('CONFLICT', '这份兑换已经发放过了')
  return toRedemption({ ...r, ...patch })
}

export async function cancelRedemption(input: In<'deeds.cancelRedemption'>, ctx: Ctx): Promise<Redemption> {
  const now = ctx.now()
  const done = await ctx.store.transaction(async (tx) => {
    const r = await tx.get<RedemptionDoc>(C.redemptions, input.redemptionId)
    if (!r || r.villageId !== input.villageId) return fail('NOT_FOUND', '没有找到这份兑换')
    if (r.status !== 'awaiting') return fail('CONFLICT', '只能取消尚未发放的兑换')
    const holder = { userId: r.userId, name: r.userName, householdId: r.householdId, villageId: r.villageId }
    await refundInTx(tx, holder, { price: r.price, refId: r._id, operatorId: ctx.userId, note: `取消兑换：${input.reason}` }, now)
    // the stock back by an increment (nothing is decided on it); goods since deleted: the update changes nothing
    await tx.update(C.shop_goods, r.goodsId, { stock: tx.op.inc(1), updatedAt: now })
    const patch = { status: 'cancelled' as const, cancelledAt: now, cancelReason: input.reason }
    await tx.update(C.redemptions, r._id, patch)
    await tx.insert(C.audit_log, auditEntry(ctx, 'redemption', r._id, 'cancel', { reason: input.reason }))
    return { ...r, ...patch }
  })
  return toRedemption(done)
}
