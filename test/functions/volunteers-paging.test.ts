/**
 * The organisers' two working lists a page at a time: the roster (sign-up order, the totals of all
 * of it on every page, the export still everything) and the hours waiting for a second person
 * (oldest first; deciding rows between pages skips nothing).
 */
import ExcelJS from 'exceljs'
import type { HoursPendingItem, RosterPage, RosterRow } from '../../src/contract'
import { MAX_PAGE_SIZE } from '../../src/contract'
import { localCloud } from '../../local-cloud'
import { clockAt } from '../helpers/reports'
import { callAs, freshTown, ok } from '../helpers/town'
import { givenVolunteers, publishedActivity, seedActivityId, storedSignups } from '../helpers/volunteers'

const NOW = '2026-11-15T02:00:00Z'
const past1 = seedActivityId('ds-env-past-1')
const ADMIN = 'village-admin-dongshan'

async function rosterPages(who: string, activityId: string, pageSize: number): Promise<RosterPage[]> {
  const pages: RosterPage[] = []
  let cursor: string | undefined
  do {
    const page = await ok(who, 'volunteers.roster', { activityId, pageSize, ...(cursor ? { cursor } : {}) })
    pages.push(page)
    cursor = page.next ?? undefined
  } while (cursor && pages.length < 100)
  return pages
}

async function pendingPages(who: string, pageSize: number, villageId?: string): Promise<Array<{ items: HoursPendingItem[]; next: string | null }>> {
  const pages: Array<{ items: HoursPendingItem[]; next: string | null }> = []
  let cursor: string | undefined
  do {
    const page = await ok(who, 'volunteers.pendingHours', { pageSize, ...(villageId ? { villageId } : {}), ...(cursor ? { cursor } : {}) })
    pages.push(page)
    cursor = page.next ?? undefined
  } while (cursor && pages.length < 100)
  return pages
}

/** What the organiser sees as totals, counted from the stored sign-ups. */
function storedCounts(activityId: string) {
  const rows = storedSignups(activityId)
  const signed = rows.filter((s) => s.status === 'signed')
  return {
    signed: signed.length,
    waitlisted: rows.filter((s) => s.status === 'waitlisted').length,
    checkedIn: signed.filter((s) => s.checkInAt).length,
    flagged: rows.filter((s) => s.flags.length > 0 || s.pendingId || (s as { relaySuspect?: unknown }).relaySuspect).length,
    relaySuspect: rows.filter((s) => (s as { relaySuspect?: unknown }).relaySuspect).length
  }
}

/** A published activity with `capacity` places and `people` sign-ups, all at the same instant (the clock stands still). */
async function crowded(capacity: number, people: number): Promise<{ activityId: string; openids: string[] }> {
  const activityId = await publishedActivity({ capacity })
  const openids = givenVolunteers(people, `page-${capacity}-${people}`)
  for (const openid of openids) expect((await callAs({ openid }, 'volunteers.signup', { activityId })).res).toMatchObject({ ok: true })
  return { activityId, openids }
}

const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id)

describe('the roster a page at a time', () => {
  beforeEach(async () => {
    clockAt(NOW)
    await freshTown()
  })
  afterEach(() => jest.useRealTimers())

  test('pages of 2 walk the whole roster once, in sign-up order (ties by id), and end with next null', async () => {
    const { activityId, openids } = await crowded(3, 6)
    // one of the places is given back: the first in line moves up, the row stays (cancelled)
    expect((await callAs({ openid: openids[0] }, 'volunteers.cancelSignup', { activityId })).res).toMatchObject({ ok: true })
    const pages = await rosterPages(ADMIN, activityId, 2)
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 2])
    expect(pages.map((p) => p.next === null)).toEqual([false, false, true])
    const walked = pages.flatMap((p) => p.items)
    expect(new Set(ids(walked)).size).toBe(6)
    // the same rows, in the same order, as one big page
    const whole = await ok(ADMIN, 'volunteers.roster', { activityId, pageSize: MAX_PAGE_SIZE })
    expect(whole.next).toBeNull()
    expect(walked).toEqual(whole.items)
    // every sign-up arrived at the same instant: the id decides, and asking again gives the same
    expect(new Set(walked.map((r) => r.signedAt)).size).toBe(1)
    expect(ids(walked)).toEqual(ids(walked).slice().sort())
    expect(ids((await rosterPages(ADMIN, activityId, 2)).flatMap((p) => p.items))).toEqual(ids(walked))
    // the waiting people have their place in line, whatever page they are on
    const waiting = walked.filter((r) => r.status === 'waitlisted')
    expect(waiting.map((r) => r.position).sort()).toEqual([1, 2])
    const seq = new Map(storedSignups(activityId).map((s) => [s._id, s.waitSeq ?? 0]))
    const inLine = waiting
      .slice()
      .sort((a, b) => (a.position ?? 0) - (b.position ?? 0))
      .map((r) => seq.get(r.id) ?? 0)
    expect(inLine).toEqual(inLine.slice().sort((a, b) => a - b))
    expect(walked.filter((r) => r.status !== 'waitlisted').every((r) => r.position === null)).toBe(true)
    // the first page alone already carries the totals of the whole roster
    expect(pages[0].counts).toEqual({ signed: 3, waitlisted: 2, checkedIn: 0, flagged: 0, relaySuspect: 0 })
    expect(pages.every((p) => JSON.stringify(p.counts) === JSON.stringify(pages[0].counts))).toBe(true)
  })

  test('the totals count checked-in and flagged people beyond the page', async () => {
    const first = await ok(ADMIN, 'volunteers.roster', { activityId: past1, pageSize: 1 })
    expect(first.items).toHaveLength(1)
    expect(first.counts).toEqual(storedCounts(past1))
    // flagged: the auto-closed sign-up and 林志愿's own hours, approved by the village admin
    expect(first.counts).toMatchObject({ signed: 6, checkedIn: 5, flagged: 2 })
    // a request waiting for approval flags its row (时长待审核) and the total with it
    const who = storedSignups(past1).find((s) => s.status === 'signed' && s.hours > 0 && s.flags.length === 0 && !s.pendingId)
    if (!who) throw new Error('no unflagged sign-up on past-1')
    await ok(ADMIN, 'volunteers.correctHours', { activityId: past1, userId: who.userId, hours: 1, reason: '中途离开' })
    const again = await ok(ADMIN, 'volunteers.roster', { activityId: past1, pageSize: 1 })
    expect(again.counts).toEqual({ ...first.counts, flagged: first.counts.flagged + 1 })
    expect(again.counts).toEqual(storedCounts(past1))
  })

  test('who may read it is unchanged, and a cursor from elsewhere is refused', async () => {
    const first = await ok(ADMIN, 'volunteers.roster', { activityId: past1, pageSize: 2 })
    const cursor = first.next ?? undefined
    expect(cursor).toBeDefined()
    // a plain member of the team, another village's admin, a resident: not with a cursor either
    for (const who of [{ openid: 'demo-vol-ds-env-4' }, 'village-admin-xigang', 'resident-1'] as const) {
      expect((await callAs(who, 'volunteers.roster', { activityId: past1, pageSize: 2, cursor })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    }
    // the team's leader and the town office read the same pages
    for (const who of ['volunteer-1', 'town-admin']) {
      expect(ids((await ok(who, 'volunteers.roster', { activityId: past1, pageSize: 2, cursor })).items)).toEqual(
        ids((await ok(ADMIN, 'volunteers.roster', { activityId: past1, pageSize: 2, cursor })).items)
      )
    }
    const offset = Buffer.from('o:2').toString('base64url')
    for (const bad of ['not-a-cursor', offset]) {
      expect((await callAs(ADMIN, 'volunteers.roster', { activityId: past1, cursor: bad })).res).toEqual({ ok: false, code: 'INVALID_INPUT', message: '分页参数不正确' })
    }
    expect((await callAs(ADMIN, 'volunteers.roster', { activityId: past1, pageSize: MAX_PAGE_SIZE + 1 })).res).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
  })

  test(`the export still holds every row, more than one page (${MAX_PAGE_SIZE + 5} people)`, async () => {
    const people = MAX_PAGE_SIZE + 5
    const { activityId } = await crowded(MAX_PAGE_SIZE, people)
    const pages = await rosterPages(ADMIN, activityId, MAX_PAGE_SIZE)
    expect(pages.map((p) => p.items.length)).toEqual([MAX_PAGE_SIZE, 5])
    expect(pages[0].counts).toEqual({ signed: MAX_PAGE_SIZE, waitlisted: 5, checkedIn: 0, flagged: 0, relaySuspect: 0 })
    const file = await ok(ADMIN, 'volunteers.exportRoster', { activityId })
    expect(file.rows).toBe(people)
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(localCloud.resolveFilePath(file.fileID) as string)
    const sheet = book.worksheets[0]
    const names = Array.from({ length: people }, (_, i) => String(sheet.getRow(3 + i).getCell(2).value))
    const walked: RosterRow[] = pages.flatMap((p) => p.items)
    // the same people in the same order as the pages on screen, the waiting ones with their place
    expect(names).toEqual(walked.map((r) => r.name))
    expect(Array.from({ length: people }, (_, i) => sheet.getRow(3 + i).getCell(5).value || null)).toEqual(walked.map((r) => r.position))
    expect(sheet.getRow(3 + people).getCell(2).value ?? null).toBeNull()
  })
})

describe('hours waiting for approval a page at a time', () => {
  beforeEach(async () => {
    clockAt(NOW)
    await freshTown()
  })
  afterEach(() => jest.useRealTimers())

  /** Three more corrections on past-1 (filed at the same instant) beside the three seeded requests. */
  async function moreRequests(): Promise<void> {
    const free = storedSignups(past1).filter((s) => s.status === 'signed' && s.hours > 0 && !s.pendingId)
    expect(free.length).toBeGreaterThanOrEqual(3)
    for (const s of free.slice(0, 3)) await ok(ADMIN, 'volunteers.correctHours', { activityId: past1, userId: s.userId, hours: 1, reason: '中途离开' })
  }

  test('pages of 2 give the whole list once, oldest first (ties by id), and end with next null', async () => {
    await moreRequests()
    const pages = await pendingPages('town-admin', 2)
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 2])
    expect(pages.map((p) => p.next === null)).toEqual([false, false, true])
    const walked = pages.flatMap((p) => p.items)
    expect(new Set(ids(walked)).size).toBe(6)
    const whole = await ok('town-admin', 'volunteers.pendingHours', { pageSize: MAX_PAGE_SIZE })
    expect(whole.next).toBeNull()
    expect(walked).toEqual(whole.items)
    const key = (p: HoursPendingItem) => [Date.parse(p.requestedAt), p.id] as const
    const sorted = walked.slice().sort((a, b) => key(a)[0] - key(b)[0] || (key(a)[1] < key(b)[1] ? -1 : 1))
    expect(ids(walked)).toEqual(ids(sorted))
    // three were filed at the same instant: the id decides
    expect(walked.filter((p) => p.requestedAt === new Date(NOW).toISOString())).toHaveLength(3)
  })

  test('deciding the rows of a page does not make the next page skip any', async () => {
    await moreRequests()
    const before = ids((await ok('town-admin', 'volunteers.pendingHours', { pageSize: MAX_PAGE_SIZE })).items)
    const first = await ok('town-admin', 'volunteers.pendingHours', { pageSize: 2 })
    for (const item of first.items) await ok('town-admin', 'volunteers.approveHours', { pendingId: item.id, approve: true })
    const second = await ok('town-admin', 'volunteers.pendingHours', { pageSize: 2, cursor: first.next ?? undefined })
    expect(ids(second.items)).toEqual(before.slice(2, 4))
    // and from the start, what is left
    expect(ids((await ok('town-admin', 'volunteers.pendingHours', { pageSize: MAX_PAGE_SIZE })).items)).toEqual(before.slice(2))
  })

  test('each organiser pages through their own requests only, the village filter in the query', async () => {
    await moreRequests()
    const all = ids((await ok('town-admin', 'volunteers.pendingHours', { pageSize: MAX_PAGE_SIZE })).items)
    const dongshan = ids((await pendingPages('town-admin', 1, 'v_dongshan')).flatMap((p) => p.items))
    expect(dongshan).toEqual(all.filter((id) => id !== 'hr_seed_3'))
    expect(ids((await pendingPages('town-admin', 1, 'v_xigang')).flatMap((p) => p.items))).toEqual(['hr_seed_3'])
    // the village admin and the team's leader: the same five, page by page
    for (const who of [ADMIN, 'volunteer-1']) {
      const pages = await pendingPages(who, 2)
      expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1])
      expect(ids(pages.flatMap((p) => p.items))).toEqual(dongshan)
    }
    expect(ids((await pendingPages('village-admin-xigang', 2)).flatMap((p) => p.items))).toEqual(['hr_seed_3'])
    expect((await pendingPages('village-admin-dongshan', 2, 'v_xigang')).flatMap((p) => p.items)).toEqual([])
    // a plain volunteer has nothing to decide; a resident is no organiser
    expect((await callAs({ openid: 'demo-vol-ds-env-1' }, 'volunteers.pendingHours', {})).res).toEqual({ ok: true, data: { items: [], next: null } })
    expect((await callAs('resident-1', 'volunteers.pendingHours', {})).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await callAs('town-admin', 'volunteers.pendingHours', { cursor: 'bogus' })).res).toEqual({ ok: false, code: 'INVALID_INPUT', message: '分页参数不正确' })
  })
})
