/**
 * The volunteers function's own pure rules (no database, no clock of their own): the rotating
 * check-in codes (an HMAC: server only), relayed scans, masking, the list keys (facets) of an
 * activity and document ids. Hours, windows, distance and team flags, which the pages show too, are
 * src/domain/volunteer-rules.ts.
 */
import { createHmac, timingSafeEqual } from 'crypto'
import type { ActivityStatus } from '@/contract'
import { distanceM } from '@/domain/volunteer-rules'

const MINUTE = 60_000

/* ---------------------------------------------------------------- the rotating codes */

/*
 * Two codes, one mechanism: an HMAC with the activity's secret over what the code names and the
 * time slot (rotateSeconds long). The activity code names the activity (the organiser shows it,
 * every volunteer scans it); a personal code names the activity and one volunteer (the volunteer
 * shows it, the organiser scans it). The MAC inputs differ in shape — `<activity>.<slot>` against
 * `p.<activity>.<user>.<slot>`, ids having no dots — so neither code can pass for the other.
 */
const CODE_RE = /^ZY1\.([A-Za-z0-9_-]{1,64})\.(\d{1,12})\.([A-Za-z0-9_-]{16})$/
const PERSONAL_RE = /^ZP1\.([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{1,64})\.(\d{1,12})\.([A-Za-z0-9_-]{16})$/

export const slotOf = (now: Date, rotateSeconds: number): number => Math.floor(now.getTime() / (rotateSeconds * 1000))

function mac(secret: string, subject: string, slot: number): string {
  return createHmac('sha256', secret).update(`${subject}.${slot}`).digest('base64url').slice(0, 16)
}

const personalSubject = (activityId: string, userId: string) => `p.${activityId}.${userId}`

/** The text of the QR code for `slot`: ZY1.<activity>.<slot>.<HMAC of both with the activity's secret>. */
export function makeCode(activityId: string, secret: string, slot: number): string {
  return `ZY1.${activityId}.${slot}.${mac(secret, activityId, slot)}`
}

/** A volunteer's personal code for `slot`: ZP1.<activity>.<user>.<slot>.<HMAC with the activity's secret>. */
export function makePersonalCode(activityId: string, userId: string, secret: string, slot: number): string {
  return `ZP1.${activityId}.${userId}.${slot}.${mac(secret, personalSubject(activityId, userId), slot)}`
}

export interface ParsedCode {
  activityId: string
  /** Set for a personal code: the volunteer it names. */
  userId?: string
  slot: number
  mac: string
}

export function parseCode(code: string): ParsedCode | null {
  const m = CODE_RE.exec(code.trim())
  return m ? { activityId: m[1], slot: Number(m[2]), mac: m[3] } : null
}

export function parsePersonalCode(code: string): (ParsedCode & { userId: string }) | null {
  const m = PERSONAL_RE.exec(code.trim())
  return m ? { activityId: m[1], userId: m[2], slot: Number(m[3]), mac: m[4] } : null
}

export type CodeVerdict = 'ok' | 'forged' | 'expired'

/** The current and the previous slot are accepted (a code shown just before it turned still works). */
export function verifyCode(parsed: ParsedCode, secret: string, now: Date, rotateSeconds: number): CodeVerdict {
  const subject = parsed.userId === undefined ? parsed.activityId : personalSubject(parsed.activityId, parsed.userId)
  const expected = Buffer.from(mac(secret, subject, parsed.slot))
  const given = Buffer.from(parsed.mac)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'forged'
  const current = slotOf(now, rotateSeconds)
  if (parsed.slot > current) return 'forged'
  return parsed.slot >= current - 1 ? 'ok' : 'expired'
}

/*
 * The short code: six digits for a volunteer whose browser cannot scan, shown under the activity
 * code. The same secret and time slot, its own MAC input (`s.<activity>.<slot>`), so it tells nothing
 * of the QR code and the QR code nothing of it. Six digits can be guessed where 22 characters cannot:
 * it is only taken from the activity's own page (the activity is named), from a volunteer with a
 * place, and wrong tries are limited per sign-up (SHORT_CODE_MAX_TRIES in SHORT_CODE_WINDOW_MS).
 */
export const SHORT_CODE_RE = /^\d{6}$/
export const SHORT_CODE_MAX_TRIES = 5
export const SHORT_CODE_WINDOW_MS = 10 * MINUTE
/** How many slots back a short code is still recognised, to say 已过期 rather than 无效. */
const SHORT_CODE_EXPIRED_SLOTS = 10

export function makeShortCode(activityId: string, secret: string, slot: number): string {
  const digest = createHmac('sha256', secret).update(`s.${activityId}.${slot}`).digest()
  return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0')
}

/** The current and the previous slot are accepted, as for the QR code; one of the slots before those is expired. */
export function verifyShortCode(activityId: string, secret: string, code: string, now: Date, rotateSeconds: number): CodeVerdict {
  const current = slotOf(now, rotateSeconds)
  const given = Buffer.from(code.trim())
  const matches = (slot: number) => {
    const expected = Buffer.from(makeShortCode(activityId, secret, slot))
    return expected.length === given.length && timingSafeEqual(expected, given)
  }
  if (matches(current) || matches(current - 1)) return 'ok'
  for (let back = 2; back <= SHORT_CODE_EXPIRED_SLOTS; back++) if (matches(current - back)) return 'expired'
  return 'forged'
}

/** The tries of a sign-up's window after one more: a new window when the last one has run out. */
export function nextShortCodeTries(cur: { since: Date; n: number } | null | undefined, now: Date): { since: Date; n: number } {
  const open = cur && now.getTime() - new Date(cur.since).getTime() < SHORT_CODE_WINDOW_MS
  return open ? { since: new Date(cur.since), n: cur.n + 1 } : { since: now, n: 1 }
}

/** Whole minutes until a full window of tries opens again (null: tries are left). */
export function shortCodeLockedMinutes(cur: { since: Date; n: number } | null | undefined, now: Date): number | null {
  if (!cur || cur.n < SHORT_CODE_MAX_TRIES) return null
  const left = new Date(cur.since).getTime() + SHORT_CODE_WINDOW_MS - now.getTime()
  return left > 0 ? Math.ceil(left / MINUTE) : null
}

/* ---------------------------------------------------------------- relayed scans */

/**
 * A photo of the activity code sent to someone absent only works with a position near the venue:
 * typically copied from the sender or faked by an app, so the same coordinates come back for a
 * second person; so do several accounts scanned on one phone. Honest phones side by side read
 * positions several metres apart (GPS error). The rule: two different people's own scans of the same
 * activity within RELAY_RADIUS_M of each other and within RELAY_WINDOW_MS of each other are both
 * suspect, unless either fix says it is coarse (RELAY_MAX_ACCURACY_M). A flag never refuses a scan: it shows on the roster, and the hours wait for an organiser.
 */
export const RELAY_RADIUS_M = 2
export const RELAY_WINDOW_MS = 10 * MINUTE
/**
 * A coarse fix is not compared: indoors a phone often gets a network position, the same for everyone
 * in the hall, reported with an accuracy of tens of metres; it would flag honest volunteers. A fix
 * that reports no accuracy is compared.
 */
export const RELAY_MAX_ACCURACY_M = 20
/** Grid cells of 5e-5° (≈5.5 m north–south, ≥3 m east–west anywhere in China): a point within RELAY_RADIUS_M is in the same or a neighbouring cell. */
const CELLS_PER_DEGREE = 20_000

export function relayCell(p: { lng: number; lat: number }): string {
  return `${Math.floor(p.lat * CELLS_PER_DEGREE)}:${Math.floor(p.lng * CELLS_PER_DEGREE)}`
}

/** The cell of `p` and its eight neighbours. */
export function relayCellsAround(p: { lng: number; lat: number }): string[] {
  const y = Math.floor(p.lat * CELLS_PER_DEGREE)
  const x = Math.floor(p.lng * CELLS_PER_DEGREE)
  const out: string[] = []
  for (const dy of [-1, 0, 1]) for (const dx of [-1, 0, 1]) out.push(`${y + dy}:${x + dx}`)
  return out
}

/** Whether two scans (of two different people) are at the same spot at about the same time. */
type Fix = { lng: number; lat: number; at: Date; accuracy?: number | null }

const precise = (f: Fix) => typeof f.accuracy !== 'number' || f.accuracy <= RELAY_MAX_ACCURACY_M

export function sameSpot(a: Fix, b: Fix): boolean {
  return precise(a) && precise(b) && Math.abs(new Date(a.at).getTime() - new Date(b.at).getTime()) <= RELAY_WINDOW_MS && distanceM(a, b) <= RELAY_RADIUS_M
}

/* ---------------------------------------------------------------- people */

/** 110***********1234: the first 3 and last 4 characters of an ID number. */
export function maskIdNumber(id: string): string {
  return id.length > 7 ? `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}` : '*'.repeat(id.length)
}

/* ---------------------------------------------------------------- list keys */

export interface FacetSource {
  status: ActivityStatus
  villageId: string
  teamId: string | null
  category: string
}

/**
 * Index keys of the activity lists, each served by (facets, startAt):
 * - the organisers' list ('managed'): 'm' (town office), 'm:v:<village>', 'm:t:<team>' — every status;
 * - browsing: 'pub', 'pub:v:<village>', 'pub:c:<category>', 'pub:v:<village>:c:<category>' — published only.
 */
export function facetsOf(a: FacetSource): string[] {
  const keys = ['m', `m:v:${a.villageId}`]
  if (a.teamId) keys.push(`m:t:${a.teamId}`)
  if (a.status === 'published') keys.push('pub', `pub:v:${a.villageId}`, `pub:c:${a.category}`, `pub:v:${a.villageId}:c:${a.category}`)
  return keys
}

export function browseKey(villageId: string | undefined, category: string | undefined): string {
  return `pub${villageId ? `:v:${villageId}` : ''}${category ? `:c:${category}` : ''}`
}

/* ---------------------------------------------------------------- ids */

export const signupIdOf = (activityId: string, userId: string): string => `${activityId}_${userId}`
export const memberIdOf = (teamId: string, userId: string): string => `${teamId}_${userId}`
