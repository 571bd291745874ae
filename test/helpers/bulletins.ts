/** 周通报 / 月通报 helpers: a draft, a draft opened for 申诉, a 工作提示函 for a place. */
import type { BulletinDetail, BulletinKind, BulletinPlaceKind } from '../../src/contract'
import { localCloud } from '../../local-cloud'
import { bulletinLetterIdOf, type BulletinLetterDoc } from '../../cloudfunctions/supervision/bulletin-docs'
import { SENDER_OF } from './supervision-info'
import { keyOfPeriod } from '../../src/domain/bulletin'
import { monthOf, weekOf } from '../../src/domain/indicators'
import { callAs } from './town'

/** The place a persona answers for (a village admin's village, unit staff's unit); others: 东山村. */
export function placeOf(who: string): { placeKind: BulletinPlaceKind; placeId: string } {
  const s = SENDER_OF[who] ?? SENDER_OF['village-admin-dongshan']
  return { placeKind: s.submitterKind, placeId: s.submitterId }
}

/** A period well past (four weeks / three months back) that the demo seed leaves alone. */
export function pastKey(kind: BulletinKind, now = new Date()): string {
  return kind === 'week' ? keyOfPeriod('week', weekOf(new Date(now.getTime() - 28 * 86_400_000))) : keyOfPeriod('month', monthOf(new Date(now.getTime() - 92 * 86_400_000)))
}

export async function givenDraft(kind: BulletinKind = 'week', periodKey = pastKey(kind)): Promise<BulletinDetail> {
  const { res } = await callAs('town-admin', 'supervision.generateBulletin', { kind, periodKey })
  if (!res.ok) throw new Error(`generateBulletin: ${res.message}`)
  return res.data
}

/** Last week's draft opened to villages and units (the 申诉 window runs from now). */
export async function givenReview(kind: BulletinKind = 'week', periodKey = pastKey(kind)): Promise<BulletinDetail> {
  const d = await givenDraft(kind, periodKey)
  const { res } = await callAs('town-admin', 'supervision.openBulletinReview', { bulletinId: d.id, rev: d.rev })
  if (!res.ok) throw new Error(`openBulletinReview: ${res.message}`)
  return res.data
}

/** A 工作提示函 addressed to the place, stored as publishing writes it (no answer yet). */
export function givenLetter(placeKind: BulletinPlaceKind, placeId: string, month = '2026-10'): string {
  const _id = bulletinLetterIdOf(month, placeKind, placeId)
  const doc: BulletinLetterDoc = {
    _id,
    no: '提示〔2026〕99号',
    year: 2026,
    seq: 99,
    month,
    bulletinId: `bulletin-month-${month}`,
    placeKind,
    placeId,
    placeName: placeId,
    to: `${placeId}主要负责人`,
    reasons: ['本月周通报中 2 次列入黑榜'],
    body: '工作提示',
    issuedAt: new Date('2026-11-01T02:00:00Z'),
    answer: null,
    answeredAt: null,
    answeredBy: null,
    answeredByName: null
  }
  localCloud.engine.insert('bulletin_letters', doc)
  return _id
}

/** Moves a bulletin straight to a state (as if the time had passed): review with the window over, or published. */
export function forceState(bulletinId: string, state: 'closedReview' | 'published'): void {
  const past = new Date('2020-01-01T00:00:00Z')
  const patch =
    state === 'published' ? { status: 'published', shared: true, publishedAt: past, reviewFrom: past, reviewUntil: past } : { status: 'review', shared: true, reviewFrom: past, reviewUntil: past }
  localCloud.engine.replace('bulletins', bulletinId, { ...(localCloud.engine.get('bulletins', bulletinId) as object), ...patch })
}

/** Last week's bulletin whose 申诉 window is over with nothing contested: it may be published. */
export async function givenPublishable(): Promise<BulletinDetail> {
  const d = await givenDraft()
  forceState(d.id, 'closedReview')
  return d
}

export async function givenPublished(): Promise<BulletinDetail> {
  const d = await givenDraft()
  forceState(d.id, 'published')
  return d
}
