/**
 * The volunteer rules as pure functions (no database, no clock of their own): hours from check-in
 * and check-out, the rotating check-in code, the scan window, the distance to the venue, masking,
 * team flags and the list keys (facets) of an activity.
 */
import { createHmac, timingSafeEqual } from 'crypto'
import { TEAM_RULES, type ActivityStatus, type VolunteerSettings } from '@/contract'
import { chinaDateTime } from '@/domain/china-time'

export const DEFAULT_SETTINGS: VolunteerSettings = { roundingHours: 0.5, maxDistanceM: 500, rotateSeconds: 60, checkinOpensMinutes: 30 }

const MINUTE = 60_000
const HOUR = 60 * MINUTE
/** Check-out stays open this long after the end; then the job closes what is left. */
export const CHECKOUT_GRACE_MS = 2 * HOUR
/** The reminder goes out this long before the start. */
export const REMIND_BEFORE_MS = 24 * HOUR
/** A second scan this soon after the check-in is the same scan again, not a check-out. */
export const RESCAN_GUARD_MS = MINUTE

/* ---------------------------------------------------------------- hours */

export interface Span {
  startAt: Date
  endAt: Date
  hoursCredit: number
}

/**
 * Hours of one attendance: (check-out − check-in), capped at the activity's length and at its
 * hours credit, then rounded DOWN to a multiple of `roundingHours`. Computed in whole minutes so
 * 0.25/0.5/1 never meet floating-point error.
 */
export function hoursBetween(checkIn: Date, checkOut: Date, span: Span, roundingHours: number): number {
  const raw = Math.floor((checkOut.getTime() - checkIn.getTime()) / MINUTE)
  const length = Math.floor((span.endAt.getTime() - span.startAt.getTime()) / MINUTE)
  const capped = Math.max(0, Math.min(raw, length, Math.round(span.hoursCredit * 60)))
  const unit = Math.round(roundingHours * 60)
  return (Math.floor(capped / unit) * unit) / 60
}

/** The most hours an activity can credit (its length and its credit, rounded down). */
export function maxHours(span: Span, roundingHours: number): number {
  return hoursBetween(span.startAt, span.endAt, span, roundingHours)
}

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

/* ---------------------------------------------------------------- where and when */

/** Great-circle distance in metres (haversine). */
export function distanceM(a: { lng: number; lat: number }, b: { lng: number; lat: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2
  return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** Why a check-in is refused at `now`, or null when it is open. */
export function checkinWindowProblem(span: Span, now: Date, opensMinutes: number): string | null {
  const opens = new Date(span.startAt.getTime() - opensMinutes * MINUTE)
  if (now < opens) return `签到尚未开始：${chinaDateTime(opens)} 起可签到（活动开始前 ${opensMinutes} 分钟）`
  if (now > span.endAt) return '活动已结束，不能再签到；如确实参加了活动，请联系组织者补签'
  return null
}

/** Why a check-out is refused at `now`, or null when it is open. */
export function checkoutWindowProblem(span: Span, now: Date): string | null {
  const closes = new Date(span.endAt.getTime() + CHECKOUT_GRACE_MS)
  if (now > closes) return `签退时间已过（活动结束后 2 小时内，即 ${chinaDateTime(closes)} 前），系统将按活动结束时间为您签退`
  return null
}

/* ---------------------------------------------------------------- people */

/** 110***********1234: the first 3 and last 4 characters of an ID number. */
export function maskIdNumber(id: string): string {
  return id.length > 7 ? `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}` : '*'.repeat(id.length)
}

/* ---------------------------------------------------------------- teams */

export interface TeamStats {
  memberCount: number
  activitiesThisMonth: number
}

/** The seeds' rules a team falls below this month. */
export function teamFlags(s: TeamStats): string[] {
  const flags: string[] = []
  if (s.memberCount < TEAM_RULES.minMembers) flags.push(`队员不足 ${TEAM_RULES.minMembers} 人`)
  if (s.activitiesThisMonth < TEAM_RULES.minActivitiesPerMonth) flags.push(`本月活动不足 ${TEAM_RULES.minActivitiesPerMonth} 次`)
  return flags
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
