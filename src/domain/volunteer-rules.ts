/**
 * The volunteer rules (志愿服务): hours from check-in and check-out (capped and rounded down), the
 * check-in and check-out windows, the distance to the venue, an organiser's corrections and the
 * team flags. Pure and platform-free (no database, no clock of its own) — the volunteers function
 * decides with it, the pages show what is allowed with it. The rotating codes (an HMAC, server
 * only), relayed scans and list keys stay in cloudfunctions/volunteers/rules.ts.
 */
import { TEAM_RULES, type VolunteerSettings } from '@/contract'
import { chinaDateTime } from './china-time'

/** The town's settings until it saves its own (管理 → 志愿服务设置). */
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

/** An activity's span from its stored (Date) or shown (ISO string) times. */
export function spanOf(a: { startAt: Date | string; endAt: Date | string; hoursCredit: number }): Span {
  return { startAt: new Date(a.startAt), endAt: new Date(a.endAt), hoursCredit: a.hoursCredit }
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

/** Why an organiser's corrected hours are refused (message, and the field's own words), or null. */
export function correctedHoursProblem(hours: number, span: Span, roundingHours: number): { message: string; field: string } | null {
  const max = maxHours(span, roundingHours)
  if (hours > max) return { message: `时长不能超过 ${max} 小时（活动时长与可记时长的较小者）`, field: `最多 ${max} 小时` }
  const units = hours / roundingHours
  if (Math.abs(units - Math.round(units)) > 1e-9) return { message: `时长应为 ${roundingHours} 小时的整数倍`, field: `应为 ${roundingHours} 小时的整数倍` }
  return null
}

/* ---------------------------------------------------------------- where */

/** Great-circle distance in metres (haversine). */
export function distanceM(a: { lng: number; lat: number }, b: { lng: number; lat: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2
  return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** Why a scan at `at` is too far from the venue (more than `maxDistanceM`), or null. */
export function distanceProblem(venue: { lng: number; lat: number }, at: { lng: number; lat: number }, maxDistanceM: number): string | null {
  const d = distanceM(venue, at)
  return d > maxDistanceM ? `您距离活动地点约 ${Math.round(d)} 米，超出 ${maxDistanceM} 米的签到范围，请到现场后再扫码` : null
}

/* ---------------------------------------------------------------- when */

/** When check-in opens: `opensMinutes` before the start. */
export function checkinOpensAt(span: Span, opensMinutes: number): Date {
  return new Date(span.startAt.getTime() - opensMinutes * MINUTE)
}

/** When check-out closes: CHECKOUT_GRACE_MS after the end. */
export function checkoutClosesAt(span: Span): Date {
  return new Date(span.endAt.getTime() + CHECKOUT_GRACE_MS)
}

/** Why a check-in is refused at `now`, or null when it is open. */
export function checkinWindowProblem(span: Span, now: Date, opensMinutes: number): string | null {
  const opens = checkinOpensAt(span, opensMinutes)
  if (now < opens) return `签到尚未开始：${chinaDateTime(opens)} 起可签到（活动开始前 ${opensMinutes} 分钟）`
  if (now > span.endAt) return '活动已结束，不能再签到；如确实参加了活动，请联系组织者补签'
  return null
}

/** Why a check-out is refused at `now`, or null when it is open. */
export function checkoutWindowProblem(span: Span, now: Date): string | null {
  const closes = checkoutClosesAt(span)
  if (now > closes) return `签退时间已过（活动结束后 2 小时内，即 ${chinaDateTime(closes)} 前），系统将按活动结束时间为您签退`
  return null
}

/** Why an organiser's manual check-in or check-out at `at` is refused: it must fall between check-in opening and check-out closing. */
export function manualTimeProblem(span: Span, at: Date, opensMinutes: number): string | null {
  return at < checkinOpensAt(span, opensMinutes) || at > checkoutClosesAt(span) ? '时间应在活动时间内' : null
}

/**
 * The page offers check-in (the scanner, or the personal code) from a day before the start to a day
 * after the end: wider than the windows above, which the town's settings may move and the server
 * applies with its own words; outside it the page only says to come back on the day.
 */
export const CHECKIN_SHOWN_MS = 24 * HOUR

export function checkinShown(span: Span, now: Date): boolean {
  return now.getTime() >= span.startAt.getTime() - CHECKIN_SHOWN_MS && now.getTime() <= span.endAt.getTime() + CHECKIN_SHOWN_MS
}

/* ---------------------------------------------------------------- teams */

export interface TeamStats {
  memberCount: number
  activitiesThisMonth: number
}

/** The rules a team falls below this month (TEAM_RULES). */
export function teamFlags(s: TeamStats): string[] {
  const flags: string[] = []
  if (s.memberCount < TEAM_RULES.minMembers) flags.push(`队员不足 ${TEAM_RULES.minMembers} 人`)
  if (s.activitiesThisMonth < TEAM_RULES.minActivitiesPerMonth) flags.push(`本月活动不足 ${TEAM_RULES.minActivitiesPerMonth} 次`)
  return flags
}
