/**
 * What callers see. The ID number is masked (first 3 + last 4) for everyone but the town office, the
 * only viewer for whom the stored cipher is opened; a phone number is full only for its owner and the
 * town office. The code secret and the waitlist tokens never leave the function.
 */
import {
  ACTIVITY_CATEGORY_LABELS,
  ACTIVITY_STATUS_LABELS,
  type Activity,
  type ActivityDetail,
  type HoursEntry,
  type HoursPendingItem,
  type MySignup,
  type RosterRow,
  type Team,
  type TeamMember,
  type VolunteerProfile
} from '@/contract'
import { iso, maskPhone } from '../_shared/docs'
import type { ActivityDoc, HoursRequestDoc, MemberDoc, SignupDoc, TeamDoc, VolunteerDoc } from './docs'
import { fullIdNumber, maskedIdNumber } from './id-number'
import { teamFlags } from '@/domain/volunteer-rules'
import { chinaDay } from '@/domain/china-time'
import { roundHours } from './repo'

export const PENDING_FLAG = '时长待审核'

export interface Viewer {
  userId: string
  isTown: boolean
}

const isoOf = (d: Date | string): string => new Date(d).toISOString()

/** Full for the person themself and the town office. */
export function phoneFor(phone: string, ownerId: string, v: Viewer): string {
  return v.isTown || v.userId === ownerId ? phone : (maskPhone(phone) ?? '')
}

export function toProfile(doc: VolunteerDoc, members: MemberDoc[], totalHours: number, v: Viewer): VolunteerProfile {
  return {
    userId: doc._id,
    realName: doc.realName,
    idNumber: v.isTown ? fullIdNumber(doc) : maskedIdNumber(doc),
    phone: phoneFor(doc.phone, doc._id, v),
    skills: doc.skills,
    villageId: doc.villageId,
    villageName: doc.villageName,
    registeredAt: isoOf(doc.registeredAt),
    totalHours: roundHours(totalHours),
    teams: members.filter((m) => m.status !== 'rejected').map((m) => ({ teamId: m.teamId, teamName: m.teamName, status: m.status as 'pending' | 'approved', leader: m.leader }))
  }
}

export interface TeamFigures {
  memberCount: number
  activitiesThisMonth: number
  hoursThisMonth: number
}

export function toTeam(t: TeamDoc, f: TeamFigures): Team {
  return {
    id: t._id,
    villageId: t.villageId,
    villageName: t.villageName,
    name: t.name,
    leaderId: t.leaderId,
    leaderName: t.leaderName,
    memberCount: f.memberCount,
    activitiesThisMonth: f.activitiesThisMonth,
    hoursThisMonth: roundHours(f.hoursThisMonth),
    flags: teamFlags(f)
  }
}

export function toMember(m: MemberDoc, hours: number, v: Viewer): TeamMember {
  return { userId: m.userId, name: m.name, phone: phoneFor(m.phone, m.userId, v), status: m.status, appliedAt: isoOf(m.appliedAt), hours: roundHours(hours) }
}

export function toMine(s: SignupDoc | null, position: number | null): MySignup | null {
  if (!s) return null
  return {
    status: s.status,
    position: s.status === 'waitlisted' ? position : null,
    checkInAt: iso(s.checkInAt),
    checkOutAt: iso(s.checkOutAt),
    hours: s.hours,
    hoursStatus: s.hoursStatus
  }
}

export function toActivity(a: ActivityDoc, mine: MySignup | null): Activity {
  return {
    id: a._id,
    title: a.title,
    category: a.category,
    categoryLabel: ACTIVITY_CATEGORY_LABELS[a.category],
    villageId: a.villageId,
    villageName: a.villageName,
    teamId: a.teamId,
    teamName: a.teamName,
    venue: a.venue,
    startAt: isoOf(a.startAt),
    endAt: isoOf(a.endAt),
    signupDeadline: isoOf(a.signupDeadline),
    capacity: a.capacity,
    signedCount: Math.min(a.signedCount, a.capacity),
    waitlistCount: Math.max(0, a.waitlistCount),
    remaining: Math.max(0, a.capacity - a.signedCount),
    hoursCredit: a.hoursCredit,
    status: a.status,
    statusLabel: ACTIVITY_STATUS_LABELS[a.status],
    mine
  }
}

export function toDetail(a: ActivityDoc, mine: MySignup | null, canManage: boolean): ActivityDetail {
  return { ...toActivity(a, mine), description: a.description, organiserName: a.organiserName, canManage, checkInMode: a.checkInMode ?? 'activity_code' }
}

export function toRosterRow(s: SignupDoc, position: number | null, v: Viewer): RosterRow {
  return {
    id: s._id,
    userId: s.userId,
    name: s.name,
    phone: phoneFor(s.phone, s.userId, v),
    status: s.status,
    position: s.status === 'waitlisted' ? position : null,
    signedAt: isoOf(s.signedAt),
    checkInAt: iso(s.checkInAt),
    checkOutAt: iso(s.checkOutAt),
    hours: s.hours,
    hoursStatus: s.hoursStatus,
    flags: s.pendingId ? [...s.flags, PENDING_FLAG] : s.flags,
    relaySuspect: s.relaySuspect?.reason ?? null
  }
}

/** The roster in sign-up order, waitlisted people with their place in line. */
export function rosterOf(rows: SignupDoc[], v: Viewer): RosterRow[] {
  const waiting = rows.filter((s) => s.status === 'waitlisted').sort((a, b) => (a.waitSeq ?? 0) - (b.waitSeq ?? 0))
  const place = new Map(waiting.map((s, i) => [s._id, i + 1]))
  return [...rows].sort((a, b) => +new Date(a.signedAt) - +new Date(b.signedAt)).map((s) => toRosterRow(s, place.get(s._id) ?? null, v))
}

export function toPending(r: HoursRequestDoc): HoursPendingItem {
  return {
    id: r._id,
    activityId: r.activityId,
    activityTitle: r.activityTitle,
    userId: r.userId,
    name: r.name,
    kind: r.kind,
    hours: r.hours,
    reason: r.reason,
    requestedBy: r.requestedBy,
    requestedByName: r.requestedByName,
    at: iso(r.at),
    requestedAt: isoOf(r.requestedAt)
  }
}

export function toHoursEntry(s: SignupDoc): HoursEntry {
  return { activityId: s.activityId, title: s.activityTitle, date: chinaDay(new Date(s.activityStartAt)), hours: s.hours, status: s.hoursStatus }
}
