/** 善行义举四德榜: residents' list and detail, the admins' drafts, publishing. */
import type { ActionName, HonourBoardDetail, HonourBoardSummary, Page, ParsedInputOf } from '@/contract'
import type { Ctx } from '../../_shared/router'
import { C } from '../../_shared/collections'
import { insertAudited, updateAudited } from '../../_shared/audit'
import { fail } from '../../_shared/errors'
import { tempUrls } from '../../_shared/files'
import { newId } from '../../_shared/ids'
import { mapPage, offsetPage, type PageInput } from '../../_shared/paging'
import { checkPhotos, checkText, isCheckedPhoto, type SecVerdict } from '../../_shared/security'
import { mayManage, maySee, requireManage, scopesOf } from '../access'
import { TOWN_SCOPE, type BoardDoc, type EntryDoc } from '../docs'
import { findBoardsOf, findPublishedBoards, requireBoard, scopeOf, townName } from '../repo'
import { periodKey } from '../rules'
import { toBoardDetail, toBoardSummary } from '../view'

type In<A extends ActionName> = ParsedInputOf<A>

async function page(input: PageInput, read: (skip: number, limit: number) => Promise<BoardDoc[]>): Promise<Page<HonourBoardSummary>> {
  return mapPage(await offsetPage(input, read), (rows) => rows.map(toBoardSummary))
}

/** Published boards of the caller's village and of the town, newest first (one index range per scope, merged). */
export async function boards(input: In<'honour.boards'>, ctx: Ctx): Promise<Page<HonourBoardSummary>> {
  return page(input, (skip, limit) => findPublishedBoards(ctx.store, scopesOf(ctx), skip, limit))
}

export async function manageBoards(input: In<'honour.manageBoards'>, ctx: Ctx): Promise<Page<HonourBoardSummary>> {
  const scope = input.villageId ?? TOWN_SCOPE
  requireManage(ctx, input.villageId ?? null)
  return page(input, (skip, limit) => findBoardsOf(ctx.store, scope, skip, limit))
}

/** `town`: the town's name when already read (publishWinners prefetches it). */
export async function detailOf(ctx: Ctx, b: BoardDoc, town?: string): Promise<HonourBoardDetail> {
  const [name, urls] = await Promise.all([town ?? townName(ctx.store), tempUrls(b.entries.map((e) => e.photo ?? ''))])
  return toBoardDetail(b, name, urls, mayManage(ctx, b.villageId))
}

export async function board(input: In<'honour.board'>, ctx: Ctx): Promise<HonourBoardDetail> {
  const b = await requireBoard(ctx.store, input.boardId)
  const visible = b.status === 'published' ? maySee(ctx, b.villageId) : mayManage(ctx, b.villageId)
  if (!visible) fail('NOT_FOUND', '没有找到这期光荣榜')
  return detailOf(ctx, b)
}

/**
 * The entries with their photos as checked copies: a photo the board already holds as a checked copy
 * keeps its verdict; any other is checked and copied (refused when risky, too large or missing).
 */
async function entriesOf(input: In<'honour.saveBoard'>, existing: BoardDoc | null): Promise<EntryDoc[]> {
  const known = new Map((existing?.entries ?? []).filter((e) => e.photo && e.secStatus && isCheckedPhoto(e.photo)).map((e) => [e.photo as string, e.secStatus as SecVerdict]))
  const fresh = [...new Set(input.entries.map((e) => e.photo ?? null).filter((p): p is string => p !== null && !known.has(p)))]
  const checked = await checkPhotos(fresh, [])
  const kept = await checked.keep()
  const copies = new Map(fresh.map((p, i) => [p, { photo: kept[i], secStatus: checked.verdicts[i] }]))
  return input.entries.map((e) => {
    const photo = e.photo ? (copies.get(e.photo) ?? { photo: e.photo, secStatus: known.get(e.photo) as SecVerdict }) : { photo: null, secStatus: 'pass' as const }
    return { subject: e.subject, name: e.name, userId: e.userId ?? null, category: e.category, story: e.story, ...photo }
  })
}

/** Photos of a board that hold it back from publishing: not yet a checked copy, or awaiting the town office. */
function heldPhotos(b: Pick<BoardDoc, 'entries'>): { unchecked: number; review: number } {
  const photos = b.entries.filter((e) => e.photo !== null)
  const checked = photos.filter((e) => e.secStatus && isCheckedPhoto(e.photo as string))
  return { unchecked: photos.length - checked.length, review: checked.filter((e) => e.secStatus === 'review').length }
}

export async function saveBoard(input: In<'honour.saveBoard'>, ctx: Ctx): Promise<HonourBoardDetail> {
  requireManage(ctx, input.villageId)
  const now = ctx.now()
  const [place, existing] = await Promise.all([scopeOf(ctx.store, input.villageId), input.id ? requireBoard(ctx.store, input.id) : Promise.resolve(null)])
  if (existing && existing.villageId !== input.villageId) fail('INVALID_INPUT', '榜单不属于该村（居）', { villageId: '榜单不属于该村（居）' })
  if (existing && existing.status !== 'draft') fail('CONFLICT', '已发布的榜单不能再修改')
  const entries = await entriesOf(input, existing)
  const fields = { title: input.title, period: input.period, periodKey: periodKey(input.period), entries, entryCount: entries.length, updatedAt: now }
  const detail = { title: fields.title, entries: fields.entryCount }
  let doc: BoardDoc
  if (existing) {
    doc = { ...existing, ...fields, rev: existing.rev + 1 }
    await updateAudited<BoardDoc>(ctx, C.honour_boards, existing._id, 'honour_board', 'update', (cur) =>
      cur?.status === 'draft' && cur.rev === existing.rev ? { patch: { ...fields, rev: doc.rev }, detail } : fail('CONFLICT', '榜单刚被他人修改或已发布，请刷新后再试')
    )
  } else {
    doc = { _id: newId('hb'), villageId: input.villageId, ...place, ...fields, status: 'draft', selectionId: null, createdAt: now, createdBy: ctx.userId, publishedAt: null, publishedBy: null, rev: 1 }
    await insertAudited(ctx, C.honour_boards, doc, 'honour_board', 'create', detail)
  }
  return detailOf(ctx, doc)
}

/** Every text of a board, for the content check before it becomes public. */
export const boardTexts = (b: Pick<BoardDoc, 'title' | 'entries'>): string[] => [b.title, ...b.entries.flatMap((e) => [e.name, e.story])]

/**
 * What publishing the draft `b` writes — the board's patch and the audit entry's detail — once it may
 * be published (refused with fail otherwise). Every photo must be a checked copy that passed the
 * check: a photo the check could not decide waits for the town office, whose publishing with
 * `photosReviewed` (they have looked at each one) clears it. The text passes the content check first.
 */
export async function publishChange(ctx: Ctx, b: BoardDoc, photosReviewed = false): Promise<{ patch: Partial<BoardDoc>; detail: Record<string, unknown> }> {
  const held = heldPhotos(b)
  if (held.unchecked > 0) fail('CONFLICT', '榜单中有照片还没有经过安全检查，请打开草稿重新保存后再发布')
  if (held.review > 0 && !ctx.isTown) fail('CONFLICT', `有 ${held.review} 张照片未能通过自动安全检查，正在等待镇创建办人工复核，复核通过后才能发布`)
  if (held.review > 0 && !photosReviewed) fail('CONFLICT', `有 ${held.review} 张照片未能通过自动安全检查：请逐张查看，确认没有不当内容后选择「已复核发布」`)
  const verdict = await checkText(ctx.openid, boardTexts(b))
  if (verdict !== 'pass') fail('INVALID_INPUT', '榜单内容未能通过自动安全检查，请修改文字后再发布')
  const now = ctx.now()
  const cleared = held.review > 0 ? { entries: b.entries.map((e) => ({ ...e, secStatus: 'pass' as const })) } : {}
  // A board withdrawn for a correction keeps its first publication time (and its place in the list).
  const patch = { status: 'published' as const, publishedAt: b.publishedAt ?? now, publishedBy: ctx.userId, updatedAt: now, rev: b.rev + 1, ...cleared }
  const detail = held.review > 0 ? { title: b.title, photosReviewed: held.review } : { title: b.title }
  return { patch, detail }
}

/** Publishes a draft (conditional on its revision) with its audit entry: publishChange, then one audited update. */
export async function publishDraft(ctx: Ctx, b: BoardDoc, photosReviewed = false): Promise<BoardDoc> {
  if (b.status === 'published') return b
  const { patch, detail } = await publishChange(ctx, b, photosReviewed)
  await updateAudited<BoardDoc>(ctx, C.honour_boards, b._id, 'honour_board', 'publish', (cur) =>
    cur?.status === 'draft' && cur.rev === b.rev ? { patch, detail } : fail('CONFLICT', '榜单刚被他人修改或已发布，请刷新后再试')
  )
  return { ...b, ...patch }
}

export async function publishBoard(input: In<'honour.publishBoard'>, ctx: Ctx): Promise<HonourBoardDetail> {
  const b = await requireBoard(ctx.store, input.boardId)
  requireManage(ctx, b.villageId)
  return detailOf(ctx, await publishDraft(ctx, b, input.photosReviewed === true))
}

/**
 * Takes a published board back to a draft (residents stop seeing it) so a mistake can be corrected
 * and the board published again; the reason goes into the audit log. Withdrawing a draft is a no-op.
 */
export async function withdrawBoard(input: In<'honour.withdrawBoard'>, ctx: Ctx): Promise<HonourBoardDetail> {
  const b = await requireBoard(ctx.store, input.boardId)
  requireManage(ctx, b.villageId)
  if (b.status === 'draft') return detailOf(ctx, b)
  const patch = { status: 'draft' as const, updatedAt: ctx.now(), rev: b.rev + 1 }
  await updateAudited<BoardDoc>(ctx, C.honour_boards, b._id, 'honour_board', 'withdraw', (cur) =>
    cur?.status === 'published' && cur.rev === b.rev ? { patch, detail: { title: b.title, reason: input.reason } } : fail('CONFLICT', '榜单刚被他人修改，请刷新后再试')
  )
  return detailOf(ctx, { ...b, ...patch })
}
