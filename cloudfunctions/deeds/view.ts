import { DEED_CATEGORY_LABELS, DEED_GROUP_LABELS, DEED_STATUS_LABELS, POINT_SOURCE_LABELS, type Deed, type Goods, type PointEntry, type Redemption } from '@/contract'
import { iso } from '../_shared/docs'
import { tempUrls } from '../_shared/files'
import type { PointEntryDoc } from '../_shared/points'
import type { DeedDoc, GoodsDoc, RedemptionDoc } from './docs'

export function toDeed(d: DeedDoc, urls: Map<string, string>): Deed {
  return {
    id: d._id,
    villageId: d.villageId,
    subjectUserId: d.subjectUserId,
    subjectName: d.subjectName,
    householdId: d.householdId,
    householdName: d.householdName,
    declarerName: d.declarerName,
    onBehalf: d.onBehalf,
    category: d.category,
    categoryLabel: DEED_CATEGORY_LABELS[d.category],
    group: d.group,
    groupLabel: DEED_GROUP_LABELS[d.group],
    title: d.title,
    occurredOn: d.occurredOn,
    place: d.place,
    description: d.description,
    photos: d.photos.map((fileID) => ({ fileID, url: urls.get(fileID) ?? '' })),
    status: d.status,
    statusLabel: DEED_STATUS_LABELS[d.status],
    reason: d.reason,
    points: d.points,
    capped: d.capped,
    createdAt: iso(d.createdAt) as string,
    reviewedAt: iso(d.reviewedAt)
  }
}

export async function toDeeds(rows: DeedDoc[]): Promise<Deed[]> {
  const urls = await tempUrls(rows.flatMap((d) => d.photos))
  return rows.map((d) => toDeed(d, urls))
}

/**
 * A deed as its declarer sees it: the subject's household only when the declarer named it (a
 * subject without an account), is the subject, or lives in it — declaring about a neighbour does not
 * tell which household they belong to.
 */
export async function toDeclarersDeeds(rows: DeedDoc[], declarer: { userId: string; householdId: string | null }): Promise<Deed[]> {
  const knows = (d: DeedDoc) => d.subjectUserId === null || d.subjectUserId === declarer.userId || (d.householdId !== null && d.householdId === declarer.householdId)
  return (await toDeeds(rows)).map((deed, i) => (knows(rows[i]) ? deed : { ...deed, householdId: null, householdName: null }))
}

export function toEntry(e: PointEntryDoc): PointEntry {
  // Entries written before rewards were paid in daily batches named the report (id and number): they
  // never leave with it, so a ledger shown to an admin or a household head cannot point to a reporter.
  const namesReport = e.source === 'report_accepted' && !e.refId.startsWith('rb_')
  const label = POINT_SOURCE_LABELS[e.source]
  return { id: e._id, delta: e.delta, source: e.source, sourceLabel: label, refId: namesReport ? '' : e.refId, note: namesReport ? label : e.note, capped: e.capped, at: iso(e.at) as string }
}

export function toGoods(g: GoodsDoc, urls: Map<string, string>): Goods {
  return { id: g._id, villageId: g.villageId, name: g.name, price: g.price, stock: g.stock, photo: g.photo, photoUrl: g.photo ? (urls.get(g.photo) ?? null) : null, enabled: g.enabled }
}

export function toRedemption(r: RedemptionDoc): Redemption {
  return {
    id: r._id,
    villageId: r.villageId,
    goodsId: r.goodsId,
    goodsName: r.goodsName,
    price: r.price,
    userId: r.userId,
    userName: r.userName,
    code: r.code,
    status: r.status,
    createdAt: iso(r.createdAt) as string,
    handedOverAt: iso(r.handedOverAt)
  }
}
