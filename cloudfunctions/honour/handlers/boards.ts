/** 善行义举四德榜: residents' list and detail, the admins' drafts, publishing. */
import type { ActionName, HonourBoardDetail, HonourBoardSummary, Page, ParsedInputOf } from '@/contract'
import type { Ctx } from '../../_shared/router'
import { C } from '../../_shared/collections'
import { insertAudited, updateAudited } from '../../_shared/audit'
import { fail } from '../../_shared/errors'
import { tempUrls } from '../../_shared/files'
import { newId } from '../../_shared/ids'
import { DEFAULT_PAGE_SIZE, decodeCursor, encodeCursor } from '../../_shared/paging'
import { checkPhotos, checkText } from '../../_shared/security'
import type { Filter, Sort } from '../../_shared/store'
import { mayManage, maySee, requireManage, scopesOf } from '../access'
import { TOWN_SCOPE, type BoardDoc, type EntryDoc } from '../docs'
import { requireBoard, scopeOf, townName } from '../repo'
import { periodKey } from '../rules'
import { toBoardDetail, toBoardSummary } from '../view'

type In<A extends ActionName> = ParsedInputOf<A>

/** Lists leave the entries (the bulk of a board) out of the reply. */
const NO_ENTRIES = { entries: false }

async function page(ctx: Ctx, filter: Filter, sort: Sort, cursor: string | undefined, size: number | undefined): Promise<Page<HonourBoardSummary>> {
  const offset = decodeCursor(cursor)
  const limit = size ?? DEFAULT_PAGE_SIZE
  const rows = await ctx.store.find<BoardDoc>(C.honour_boards, filter, { sort, skip: offset, limit: limit + 1, fields: NO_ENTRIES })
  return { items: rows.slice(0, limit).map(toBoardSummary), next: rows.length > limit ? encodeCursor(offset + limit) : null }
}

/** Published boards of the caller's village and of the town, newest first (one index range per scope, merged). */
export async function boards(input: In<'honour.boards'>, ctx: Ctx): Promise<Page<HonourBoardSummary>> {
  const _ = ctx.store.db.command
  const branches = scopesOf(ctx).map((scope) => ({ scope, status: 'published' }))
  const filter = (branches.length === 1 ? branches[0] : _.or(branches)) as Filter
  return page(ctx, filter, [['publishedAt', 'desc']], input.cursor, input.pageSize)
}

export async function manageBoards(input: In<'honour.manageBoards'>, ctx: Ctx): Promise<Page<HonourBoardSummary>> {
  const scope = input.villageId ?? TOWN_SCOPE
  requireManage(ctx, input.villageId ?? null)
  return page(ctx, { scope }, [['updatedAt', 'desc']], input.cursor, input.pageSize)
}

export async function detailOf(ctx: Ctx, b: BoardDoc): Promise<HonourBoardDetail> {
  const [town, urls] = await Promise.all([townName(ctx.store), tempUrls(b.entries.map((e) => e.photo ?? ''))])
  return toBoardDetail(b, town, urls, mayManage(ctx, b.villageId))
}

export async function board(input: In<'honour.board'>, ctx: Ctx): Promise<HonourBoardDetail> {
  const b = await requireBoard(ctx.store, input.boardId)
  const visible = b.status === 'published' ? maySee(ctx, b.villageId) : mayManage(ctx, b.villageId)
  if (!visible) fail('NOT_FOUND', '没有找到这期光荣榜')
  return detailOf(ctx, b)
}

function entriesOf(input: In<'honour.saveBoard'>): EntryDoc[] {
  return input.entries.map((e) => ({ subject: e.subject, name: e.name, userId: e.userId ?? null, category: e.category, story: e.story, photo: e.photo ?? null }))
}

export async function saveBoard(input: In<'honour.saveBoard'>, ctx: Ctx): Promise<HonourBoardDetail> {
  requireManage(ctx, input.villageId)
  const now = ctx.now()
  const [place, existing] = await Promise.all([scopeOf(ctx.store, input.villageId), input.id ? requireBoard(ctx.store, input.id) : Promise.resolve(null)])
  if (existing && existing.villageId !== input.villageId) fail('INVALID_INPUT', '榜单不属于该村（居）', { villageId: '榜单不属于该村（居）' })
  if (existing && existing.status !== 'draft') fail('CONFLICT', '已发布的榜单不能再修改')
  const entries = entriesOf(input)
  const known = new Set((existing?.entries ?? []).map((e) => e.photo))
  await checkPhotos([...new Set(entries.map((e) => e.photo).filter((p): p is string => p !== null && !known.has(p)))], [])
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

/** Publishes a draft (conditional on its revision); the text passes the content check first. */
export async function publishDraft(ctx: Ctx, b: BoardDoc): Promise<BoardDoc> {
  if (b.status === 'published') return b
  const verdict = await checkText(ctx.openid, boardTexts(b))
  if (verdict !== 'pass') fail('INVALID_INPUT', '榜单内容未能通过自动安全检查，请修改文字后再发布')
  const now = ctx.now()
  // A board withdrawn for a correction keeps its first publication time (and its place in the list).
  const patch = { status: 'published' as const, publishedAt: b.publishedAt ?? now, publishedBy: ctx.userId, updatedAt: now, rev: b.rev + 1 }
  await updateAudited<BoardDoc>(ctx, C.honour_boards, b._id, 'honour_board', 'publish', (cur) =>
    cur?.status === 'draft' && cur.rev === b.rev ? { patch, detail: { title: b.title } } : fail('CONFLICT', '榜单刚被他人修改或已发布，请刷新后再试')
  )
  return { ...b, ...patch }
}

export async function publishBoard(input: In<'honour.publishBoard'>, ctx: Ctx): Promise<HonourBoardDetail> {
  const b = await requireBoard(ctx.store, input.boardId)
  requireManage(ctx, b.villageId)
  return detailOf(ctx, await publishDraft(ctx, b))
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
