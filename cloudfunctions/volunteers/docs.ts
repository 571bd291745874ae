/** Stored shapes of the volunteer service. Dates are stored as Date; views expose ISO strings. */
import type { ActivityCategory, ActivityStatus, CheckInMode, HoursPendingItem, HoursStatus, SignupStatus, Venue } from '@/contract'

/** A registration, keyed by the user's id (one per person); its ID number is kept as IdAtRest. */
export type VolunteerDoc = VolunteerFields & (IdAtRest | LegacyId)

export interface VolunteerFields {
  _id: string
  userId: string
  openid: string
  realName: string
  phone: string
  skills: string[]
  villageId: string
  villageName: string
  registeredAt: Date
  /** When the person agreed to the ID number's use at registration (absent on registrations made before it was asked). */
  idConsentAt?: Date
  /** The last certificate issued; reissued with a new number only when the hours change. */
  certificate: { no: string; totalHours: number; activityCount: number; issuedAt: Date } | null
  updatedAt: Date
}

/**
 * The ID number at rest (./id-number.ts): encrypted, because the town office may see it in full;
 * masked, for every other view, so that those need no key; and a keyed hash, which carries the
 * unique index (one registration per ID number).
 */
export interface IdAtRest {
  /** `v1:` + base64url(iv ‖ tag ‖ AES-256-GCM ciphertext). */
  idCipher: string
  /** 110***********1234 */
  idMasked: string
  /** `{hmac}` + base64url(HMAC-SHA256). */
  idHash: string
}

/**
 * How registrations were stored before the number was encrypted: in plain text, with its unsalted
 * SHA-256 as `idHash`. The volunteer job rewrites them as IdAtRest (./id-migration.ts).
 */
export interface LegacyId {
  idNumber: string
  idHash: string
}

export interface TeamDoc {
  _id: string
  villageId: string
  villageName: string
  name: string
  /** The leader (a registered volunteer): approves members and organises the team's activities. */
  leaderId: string | null
  leaderName: string | null
  createdAt: Date
  createdBy: string
  updatedAt: Date
}

export type MemberStatus = 'pending' | 'approved' | 'rejected'

/** A person's place in a team, keyed (team, user). */
export interface MemberDoc {
  _id: string
  teamId: string
  teamName: string
  villageId: string
  userId: string
  /** The applicant's, for the decision's 订阅消息; applications made before it was kept have none. */
  openid?: string
  name: string
  phone: string
  status: MemberStatus
  leader: boolean
  appliedAt: Date
  reviewedAt: Date | null
  reviewedBy: string | null
}

export interface ActivityDoc {
  _id: string
  title: string
  description: string
  category: ActivityCategory
  villageId: string
  villageName: string
  teamId: string | null
  teamName: string | null
  venue: Venue
  startAt: Date
  endAt: Date
  signupDeadline: Date
  capacity: number
  hoursCredit: number
  status: ActivityStatus
  organiserId: string
  organiserName: string
  /** Places taken: only ever changed by conditional updates (see signups.ts). */
  signedCount: number
  /** People waiting (including one joining right now). */
  waitlistCount: number
  /**
   * Bumped by every change of signedCount / waitlistCount (see signups.ts), so the repair of the
   * counters can tell that nothing moved since it looked. Absent until the first change.
   */
  countsRev?: number
  /** A difference between the counters and the sign-ups, as the job first saw it (see count-check.ts). */
  countCheck?: CountCheck
  /** Places in line handed out (bounded by MAX_TICKETS); the order of the line is the sign-ups' `waitSeq`. */
  tickets: number
  /** Only on activities whose line began before `waitSeq` became the moment of joining: the old ticket tokens, no longer read. */
  queue?: string[]
  /** Server-side secret of the rotating check-in code (and of the personal codes); never leaves the function. */
  codeSecret: string
  /** How volunteers check in; absent on activities made before there was a choice: 'activity_code'. */
  checkInMode?: CheckInMode
  facets: string[]
  /** When the day-before reminder is due; null once sent (or when none is due). */
  remindAt: Date | null
  /** When missing check-outs are closed (end + grace); null once done. */
  closeAt: Date | null
  cancelReason: string | null
  /**
   * What the last cancel or edit still has to do (sign-ups, notices, the line): written in the
   * transaction of the change, removed once all of it is done (see follow-up.ts). Absent: nothing.
   */
  followUp?: FollowUp
  /** When that follow-up was started or last taken over; the job finishes ones idle for 5 minutes (indexed). */
  followUpAt?: Date
  publishedAt: Date | null
  cancelledAt: Date | null
  createdAt: Date
  updatedAt: Date
  rev: number
}

/** The rest of a cancel or an edit, kept on the activity until done (see follow-up.ts). */
export interface FollowUp {
  kind: 'edit' | 'cancel'
  /** The activity's rev after the change: a sign-up told of it carries `toldRev` = rev. */
  rev: number
  /** Edit: the title or start changed, so the sign-ups' copies are rewritten. */
  copy: boolean
  /** Whether the people signed up or waiting are told (a cancel always; an edit when a noticed field changed). */
  notify: boolean
  /** Edit: more places, so the line moves up. */
  promote: boolean
  /** Cancel: the reason, for the notice. */
  reason: string | null
  /** How many times a retried call or the job took it over. */
  tries: number
}

/** What the job saw when an activity's counters disagreed with its committed sign-ups. */
export interface CountCheck {
  signedCount: number
  waitlistCount: number
  /** The activity's countsRev then (null: it had none yet). */
  countsRev: number | null
  /** Sign-ups counted then, per status. */
  signed: number
  waitlisted: number
  at: Date
}

/** One person's sign-up for one activity, keyed (activity, user): a double tap cannot make two. */
export interface SignupDoc {
  _id: string
  activityId: string
  userId: string
  openid: string
  name: string
  phone: string
  /** Copied from the activity for the per-person, per-team and per-village lists. */
  villageId: string
  teamId: string | null
  activityTitle: string
  activityStartAt: Date
  status: SignupStatus
  /** Order in the waitlist: the moment of joining (signups.ts waitSeqAt; small numbers on older sign-ups); the place in line is the rank among those still waiting. */
  waitSeq: number | null
  /** When this sign-up (attempt) arrived. */
  signedAt: Date
  promotedAt: Date | null
  cancelledAt: Date | null
  checkInAt: Date | null
  checkOutAt: Date | null
  /** Counted hours only (approved); a pending change waits in hours_requests. */
  hours: number
  hoursStatus: HoursStatus
  pendingId: string | null
  /**
   * What this sign-up's volunteer_hours entries add up to (awards less take-backs), written in the
   * transaction of each entry, so a cut in hours takes back a share of what was really awarded.
   * Absent on sign-ups written before it was kept: see ./hours-points.ts.
   */
  pointsAwarded?: number
  /**
   * Part of `pointsAwarded` that a cut should have taken back but the balance no longer held (it
   * never goes below zero): taken back by the next change of this sign-up's hours, as far as the
   * balance then allows. Absent means 0.
   */
  pointsOwed?: number
  flags: string[]
  /** Where and how the check-in and the check-out were scanned (absent: not scanned, e.g. a manual check or older data). */
  checkInScan?: ScanRecord
  checkOutScan?: ScanRecord
  /**
   * Grid cells (see relayCell in ./rules.ts) of this person's own scans of the activity code: the
   * (activity, scanCells) index finds other people's scans at the same spot.
   */
  scanCells?: string[]
  /** A scan of this person repeated another person's position (./relay.ts); absent: none. */
  relaySuspect?: RelaySuspect
  /** Wrong short-code tries in the current window (./rules.ts SHORT_CODE_*); absent: none. */
  shortCodeTries?: { since: Date; n: number } | null
  autoClosed: boolean
  remindedAt: Date | null
  /** The rev of an activity change (cancel, edit) this person is still to be told of (see follow-up.ts); absent: none. */
  noticeDue?: number
  /** The rev of the last activity change this person was sent a notice of. */
  toldRev?: number
  updatedAt: Date
  rev: number
}

/** One scan of a code: where the scanning phone was, when, and whose phone it was. */
export interface ScanRecord {
  at: Date
  lng: number
  lat: number
  /** Metres, as the phone reported it; null when it gave none. */
  accuracy: number | null
  /** 'self': the volunteer scanned the activity code; 'organiser': an organiser scanned the volunteer's personal code. */
  by: 'self' | 'organiser'
  /** The organiser who scanned (by: 'organiser'); null for the volunteer's own scan. */
  scannedBy: string | null
}

/** Why a sign-up's scan looks relayed: the first match found (later ones do not rewrite it). */
export interface RelaySuspect {
  reason: string
  /** The other people whose scans were at the same spot. */
  withUserIds: string[]
  at: Date
}

export type RequestKind = HoursPendingItem['kind']

/** A manual check-in/out or a correction waiting for a second person. */
export interface HoursRequestDoc {
  _id: string
  activityId: string
  activityTitle: string
  villageId: string
  teamId: string | null
  signupId: string
  userId: string
  name: string
  kind: RequestKind
  /** The time a manual check-in/out records. */
  at: Date | null
  /** Hours the change would count (for a correction: the new value). */
  hours: number
  reason: string
  requestedBy: string
  requestedByName: string
  requestedAt: Date
  status: 'pending' | 'approved' | 'rejected'
  decidedBy: string | null
  decidedAt: Date | null
  note: string | null
  /** 'all', 'v:<village>', 't:<team>': who may see and decide it (index key). */
  scopes: string[]
}

export interface SettingsDoc {
  _id: string
  roundingHours: number
  maxDistanceM: number
  rotateSeconds: number
  checkinOpensMinutes: number
  updatedAt: Date
  updatedBy: string
}

export const SETTINGS_ID = 'rules'
