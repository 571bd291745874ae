/** Shared pieces of the volunteers function tests. */
import { PRIVACY_VERSION, type InputOf } from '../../src/contract'
import { localCloud } from '../../local-cloud'
import { userIdFor } from '../../cloudfunctions/_shared/ids'
import { sealIdNumber } from '../../cloudfunctions/volunteers/id-number'
import { makeIdNumber, seedActivityId, seedTeamId, seedUserId, seedVenuePoint } from '../../local-server/seed-volunteers'
import { ok } from './town'

export { makeIdNumber, seedActivityId, seedTeamId, seedUserId, seedVenuePoint }

const HOUR = 3600 * 1000

/** ISO time `hours` from now (the test clock). */
export const inHours = (hours: number, from = Date.now()) => new Date(from + hours * HOUR).toISOString()

export const VENUE = { lng: 120.31, lat: 30.41 }

/** A valid new activity of 东山村 (open to all), starting in two days, 3 hours long. */
export function activityInput(extra: Partial<InputOf<'volunteers.saveActivity'>> = {}): InputOf<'volunteers.saveActivity'> {
  return {
    title: '村道环境整治',
    description: '清理村道两侧的垃圾和杂物',
    category: 'environment',
    villageId: 'v_dongshan',
    teamId: null,
    venue: { name: '东山村村委会', address: '东山村村委会门口', location: VENUE },
    startAt: inHours(48),
    endAt: inHours(51),
    signupDeadline: inHours(24),
    capacity: 20,
    hoursCredit: 3,
    ...extra
  }
}

/** Creates and publishes an activity as `who` (default: 东山村's admin); returns its id. */
export async function publishedActivity(extra: Partial<InputOf<'volunteers.saveActivity'>> = {}, who = 'village-admin-dongshan'): Promise<string> {
  const created = await ok(who, 'volunteers.saveActivity', activityInput(extra))
  await ok(who, 'volunteers.publishActivity', { activityId: created.id })
  return created.id
}

let made = 0

/**
 * `n` registered volunteers of 东山村 written straight into the database (profile + registration),
 * for crowds; returns their openids.
 */
export function givenVolunteers(n: number, prefix = 'crowd'): string[] {
  // the open cloud gives the functions (and sealIdNumber here) their ID number key
  const engine = localCloud.engine
  const now = new Date()
  const users: object[] = []
  const vols: object[] = []
  const openids: string[] = []
  for (let i = 0; i < n; i++) {
    made++
    const openid = `${prefix}-${made}`
    const id = userIdFor(openid)
    const idNumber = makeIdNumber(5000 + made)
    openids.push(openid)
    users.push({
      _id: id,
      openid,
      name: `志愿者${made}`,
      phone: `136${String(made).padStart(8, '0')}`,
      villageId: 'v_dongshan',
      villageName: '东山村',
      gridId: 'g_dongshan_1',
      gridName: '东山一组网格',
      grants: [],
      scopeKeys: [],
      isVolunteer: true,
      largeFont: false,
      privacyVersion: PRIVACY_VERSION,
      privacyAcceptedAt: new Date(0),
      createdAt: new Date(0),
      updatedAt: new Date(0),
      rev: 0
    })
    vols.push({
      _id: id,
      userId: id,
      openid,
      realName: `志愿者${made}`,
      ...sealIdNumber(idNumber),
      phone: `136${String(made).padStart(8, '0')}`,
      skills: [],
      villageId: 'v_dongshan',
      villageName: '东山村',
      registeredAt: now,
      certificate: null,
      updatedAt: now
    })
  }
  engine.insert('users', users)
  engine.insert('volunteers', vols)
  return openids
}

export interface StoredActivity {
  _id: string
  signedCount: number
  waitlistCount: number
  capacity: number
  tickets: number
  status: string
}
export interface StoredSignup {
  _id: string
  userId: string
  status: 'signed' | 'waitlisted' | 'cancelled'
  waitSeq: number | null
  checkInAt: Date | null
  checkOutAt: Date | null
  hours: number
  hoursStatus: string
  flags: string[]
  pendingId: string | null
  pointsAwarded?: number
  pointsOwed?: number
  autoClosed: boolean
  remindedAt: Date | null
}

export const storedActivity = (id: string) => localCloud.engine.get('volunteer_activities', id) as unknown as StoredActivity
export const storedSignups = (activityId: string) => localCloud.engine.all('activity_signups').filter((s) => s.activityId === activityId) as unknown as StoredSignup[]
export const storedSignup = (activityId: string, userId: string) => localCloud.engine.get('activity_signups', `${activityId}_${userId}`) as unknown as StoredSignup | null

/** The stored counts agree with the sign-ups: signed = signedCount ≤ capacity, waiting = waitlistCount. */
export function expectCountsConsistent(activityId: string): { signed: StoredSignup[]; waiting: StoredSignup[] } {
  const a = storedActivity(activityId)
  const rows = storedSignups(activityId)
  const signed = rows.filter((s) => s.status === 'signed')
  const waiting = rows.filter((s) => s.status === 'waitlisted')
  expect(a.signedCount).toBe(signed.length)
  expect(a.signedCount).toBeLessThanOrEqual(a.capacity)
  expect(a.waitlistCount).toBe(waiting.length)
  // nobody waits while a place is free
  if (waiting.length > 0) expect(a.signedCount).toBe(a.capacity)
  return { signed, waiting }
}

/**
 * An hours correction filed by 东山村's admin and approved by the town office (the second person);
 * returns the request's id.
 */
export async function approvedCorrection(activityId: string, userId: string, hours: number, reason = '按实际服务时长更正'): Promise<string> {
  await ok('village-admin-dongshan', 'volunteers.correctHours', { activityId, userId, hours, reason })
  const requestId = storedSignup(activityId, userId)?.pendingId
  if (!requestId) throw new Error(`no pending request for ${activityId}_${userId}`)
  await ok('town-admin', 'volunteers.approveHours', { pendingId: requestId, approve: true })
  return requestId
}
