/**
 * The demo town's volunteer service: five teams (three healthy, two below the seeds' rules),
 * registered volunteers (林志愿 and 周小雨 plus generated people so teams have members), activities
 * past / ongoing / upcoming / draft / cancelled with sign-ups, a full one with a waitlist, scanned and
 * auto-closed hours, and three hours requests waiting for a second person. Written straight into the
 * engine with the same shapes and list keys the volunteers function writes.
 */
import { randomBytes } from 'node:crypto'
import { PRIVACY_VERSION, type ActivityCategory, type ActivityStatus, type HoursStatus, type SignupStatus } from '../src/contract'
import { scopeKeysOf, type UserDoc } from '../cloudfunctions/_shared/docs'
import { userIdFor } from '../cloudfunctions/_shared/ids'
import type { ActivityDoc, HoursRequestDoc, MemberDoc, SignupDoc, TeamDoc, VolunteerDoc } from '../cloudfunctions/volunteers/docs'
import { AUTO_CLOSED_FLAG } from '../cloudfunctions/volunteers/job'
import { sealIdNumber } from '../cloudfunctions/volunteers/id-number'
import { CHECKOUT_GRACE_MS, facetsOf, hoursBetween, memberIdOf, REMIND_BEFORE_MS, signupIdOf } from '../cloudfunctions/volunteers/rules'
import { chinaInstant, chinaParts } from '../src/domain/china-time'
import { hoursRequest } from '../cloudfunctions/volunteers/hours-requests'
import { DEMO_VILLAGES, demoOpenid, demoPerson, type SeedEngine } from './seed'

const HOUR = 3600 * 1000
const DAY = 24 * HOUR

/* ---------------------------------------------------------------- ID numbers */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

/** A valid (checksummed) resident ID number, different for every n. */
export function makeIdNumber(n: number): string {
  const y = 1960 + (n % 40)
  const m = 1 + (n % 12)
  const d = 1 + (n % 28)
  const body = `330106${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(body[i]), 0)
  return body + CHECK[sum % 11]
}

/* ---------------------------------------------------------------- people */

const GIVEN = ['晓明', '丽娟', '建军', '海燕', '志强', '春梅', '国庆', '玉兰', '文博', '秀珍', '子涵', '浩然', '雨欣', '俊杰', '美玲', '德华', '思远', '桂英']
/** No 王 or 刘: other tests search the demo people by those surnames. */
const SURNAMES = ['张', '陈', '杨', '赵', '黄', '吴', '徐', '孙', '胡', '朱', '高', '何', '郭', '马', '罗', '梁', '宋', '郑', '谢', '韩', '唐', '冯']

interface TeamSpec {
  key: string
  village: number
  name: string
  leader: string
  members: string[]
  pending: string[]
}

const TEAMS: TeamSpec[] = [
  { key: 'ds-env', village: 0, name: '东山村环境志愿队', leader: 'volunteer-1', members: ['volunteer-1', 'ds-env-1', 'ds-env-2', 'ds-env-3', 'ds-env-4', 'ds-env-5', 'ds-env-6'], pending: ['ds-env-7'] },
  { key: 'ds-elder', village: 0, name: '东山村助老服务队', leader: 'ds-elder-0', members: ['ds-elder-0', 'ds-elder-1', 'ds-elder-2', 'ds-elder-3', 'ds-elder-4'], pending: [] },
  { key: 'xg-traffic', village: 1, name: '西岗社区文明交通志愿队', leader: 'xg-traffic-0', members: ['xg-traffic-0', 'volunteer-2', 'xg-traffic-1', 'xg-traffic-2', 'xg-traffic-3', 'xg-traffic-4'], pending: ['xg-traffic-5'] },
  { key: 'nh-neigh', village: 2, name: '南湖村邻里守望队', leader: 'nh-neigh-0', members: ['nh-neigh-0', 'nh-neigh-1', 'nh-neigh-2'], pending: [] },
  { key: 'bl-culture', village: 3, name: '北岭村文艺志愿队', leader: 'bl-culture-0', members: ['bl-culture-0', 'bl-culture-1', 'bl-culture-2', 'bl-culture-3', 'bl-culture-4'], pending: [] }
]

export const seedTeamId = (key: string) => `vt_seed_${key}`
export const seedActivityId = (key: string) => `va_seed_${key}`
/** The openid of a seeded person: demo people ('volunteer-1') or generated ones ('ds-env-3'). */
export const seedOpenid = (key: string) => (key.startsWith('volunteer-') ? demoOpenid(key) : `demo-vol-${key}`)
export const seedUserId = (key: string) => userIdFor(seedOpenid(key))

interface Person {
  key: string
  userId: string
  openid: string
  name: string
  phone: string
  village: number
  idNumber: string
}

function people(): Map<string, Person> {
  const out = new Map<string, Person>()
  let n = 0
  for (const t of TEAMS) {
    for (const key of [...t.members, ...t.pending]) {
      if (out.has(key)) continue
      n++
      if (key.startsWith('volunteer-')) {
        const p = demoPerson(key)
        out.set(key, { key, userId: p.userId, openid: p.openid, name: p.name, phone: p.phone, village: t.village, idNumber: makeIdNumber(n) })
        continue
      }
      const name = `${SURNAMES[n % SURNAMES.length]}${GIVEN[(n * 7) % GIVEN.length]}`
      out.set(key, { key, userId: seedUserId(key), openid: seedOpenid(key), name, phone: `137${String(10000000 + n * 7919).slice(-8)}`, village: t.village, idNumber: makeIdNumber(n) })
    }
  }
  return out
}

/** The ID number a seeded person registered with (林志愿 = 'volunteer-1'). */
export function seedIdNumber(key: string): string {
  const p = people().get(key)
  if (!p) throw new Error(`no seeded volunteer ${key}`)
  return p.idNumber
}

/* ---------------------------------------------------------------- activities */

type Attendance = 'signed' | 'waitlisted' | 'in' | 'done' | 'auto' | 'noshow'

interface ActivitySpec {
  key: string
  title: string
  category: ActivityCategory
  village: number
  team: string | null
  organiser: string
  /**
   * A China day relative to the seed's day at a daytime hour (an activity people would hold), or, for
   * the one in progress, hours from the seed's instant.
   */
  start: { day: number; at: string } | { hoursFromNow: number }
  lengthHours: number
  capacity: number
  status?: ActivityStatus
  signups?: Array<[who: string, state: Attendance]>
  venue: string
  description: string
}

/** The start of an activity seeded at `now`, to the minute. */
function startOf(start: ActivitySpec['start'], now: Date): Date {
  if ('hoursFromNow' in start) return new Date(Math.round((now.getTime() + start.hoursFromNow * HOUR) / 60_000) * 60_000)
  const today = chinaParts(now)
  const [hour, minute] = start.at.split(':').map(Number)
  return chinaInstant(today.year, today.month, today.day + start.day, hour, minute)
}

const ACTIVITIES: ActivitySpec[] = [
  { key: 'ds-env-past-1', title: '东山村村道垃圾清理', category: 'environment', village: 0, team: 'ds-env', organiser: 'volunteer-1', start: { day: -5, at: '08:30' }, lengthHours: 2.5, capacity: 20, venue: '东山村村委会门口', description: '沿村道清理白色垃圾和卫生死角，工具由村里统一发放。', signups: [['volunteer-1', 'done'], ['ds-env-1', 'done'], ['ds-env-2', 'done'], ['ds-env-3', 'auto'], ['ds-env-4', 'done'], ['ds-env-5', 'noshow']] },
  { key: 'ds-env-past-2', title: '河塘沿岸环境整治', category: 'environment', village: 0, team: 'ds-env', organiser: 'volunteer-1', start: { day: -2, at: '15:00' }, lengthHours: 3, capacity: 15, venue: '东山村后塘', description: '清理河塘沿岸杂物，劝导村民不要向河塘倾倒垃圾。', signups: [['volunteer-1', 'done'], ['ds-env-1', 'done'], ['ds-env-2', 'done'], ['ds-env-6', 'done']] },
  { key: 'ds-env-ongoing', title: '东山村文明劝导（进行中）', category: 'environment', village: 0, team: 'ds-env', organiser: 'volunteer-1', start: { hoursFromNow: -1 }, lengthHours: 3, capacity: 15, venue: '东山村文化广场', description: '在文化广场劝导乱扔垃圾、乱停车辆等不文明行为。', signups: [['volunteer-1', 'signed'], ['ds-env-1', 'in'], ['ds-env-2', 'in'], ['ds-env-3', 'in'], ['ds-env-4', 'signed'], ['ds-env-5', 'signed']] },
  { key: 'ds-env-upcoming', title: '垃圾分类入户宣传', category: 'science', village: 0, team: 'ds-env', organiser: 'volunteer-1', start: { day: 3, at: '09:00' }, lengthHours: 2, capacity: 10, venue: '东山村一组', description: '入户发放垃圾分类宣传册，讲解分类要点。', signups: [['volunteer-1', 'signed'], ['ds-env-1', 'signed'], ['ds-env-6', 'signed']] },
  { key: 'ds-env-draft', title: '东山村环境志愿队月度活动', category: 'environment', village: 0, team: 'ds-env', organiser: 'volunteer-1', start: { day: 10, at: '09:00' }, lengthHours: 2, capacity: 15, status: 'draft', venue: '东山村村委会', description: '队伍月度集中活动，内容待定。' },
  { key: 'ds-open-upcoming', title: '重阳节敬老院慰问', category: 'elderly', village: 0, team: null, organiser: 'village-admin-dongshan', start: { day: 2, at: '09:00' }, lengthHours: 3, capacity: 5, venue: '西岗镇敬老院', description: '陪老人聊天、打扫房间、表演节目，名额有限。', signups: [['ds-elder-0', 'signed'], ['ds-elder-1', 'signed'], ['ds-elder-2', 'signed'], ['ds-elder-3', 'signed'], ['ds-elder-4', 'signed'], ['ds-env-1', 'waitlisted'], ['ds-env-6', 'waitlisted']] },
  { key: 'ds-open-tomorrow', title: '文明交通劝导岗', category: 'traffic', village: 0, team: null, organiser: 'village-admin-dongshan', start: { day: 1, at: '07:30' }, lengthHours: 2, capacity: 30, venue: '东山村村口路口', description: '早高峰在村口路口劝导行人和电动车遵守交通规则。', signups: [['ds-elder-1', 'signed'], ['ds-env-2', 'signed'], ['ds-env-3', 'signed']] },
  { key: 'ds-draft', title: '东山村文艺汇演志愿服务', category: 'culture', village: 0, team: null, organiser: 'village-admin-dongshan', start: { day: 7, at: '14:00' }, lengthHours: 3, capacity: 20, status: 'draft', venue: '东山村文化礼堂', description: '协助文艺汇演的场地布置、引导和秩序维护。' },
  { key: 'ds-cancelled', title: '周末义诊志愿服务', category: 'elderly', village: 0, team: null, organiser: 'village-admin-dongshan', start: { day: 4, at: '08:30' }, lengthHours: 3, capacity: 10, status: 'cancelled', venue: '东山村卫生室', description: '协助医生为村民量血压、测血糖。' },
  { key: 'ds-elder-past', title: '独居老人上门探访', category: 'elderly', village: 0, team: 'ds-elder', organiser: 'ds-elder-0', start: { day: -3, at: '14:30' }, lengthHours: 2, capacity: 10, venue: '东山村二组', description: '上门看望独居老人，帮助打扫和代购生活用品。', signups: [['ds-elder-1', 'done'], ['ds-elder-2', 'done'], ['ds-elder-3', 'done'], ['ds-elder-4', 'done']] },
  { key: 'xg-past', title: '西岗路口文明交通劝导', category: 'traffic', village: 1, team: 'xg-traffic', organiser: 'xg-traffic-0', start: { day: -4, at: '07:30' }, lengthHours: 2, capacity: 10, venue: '西岗社区十字路口', description: '劝导闯红灯、不戴头盔等交通不文明行为。', signups: [['volunteer-2', 'done'], ['xg-traffic-1', 'done'], ['xg-traffic-2', 'done'], ['xg-traffic-3', 'noshow'], ['xg-traffic-4', 'noshow']] },
  { key: 'xg-upcoming', title: '学校周边交通护学岗', category: 'traffic', village: 1, team: 'xg-traffic', organiser: 'xg-traffic-0', start: { day: 4, at: '07:20' }, lengthHours: 1.5, capacity: 8, venue: '西岗小学校门口', description: '上学时段在校门口护送学生过马路。', signups: [['volunteer-2', 'signed'], ['xg-traffic-1', 'signed']] },
  { key: 'xg-open-upcoming', title: '社区科普讲座志愿服务', category: 'science', village: 1, team: null, organiser: 'village-admin-xigang', start: { day: 5, at: '14:30' }, lengthHours: 2, capacity: 20, venue: '西岗社区党群服务中心', description: '协助科普讲座签到、引导和资料发放。', signups: [['volunteer-2', 'signed'], ['xg-traffic-2', 'signed']] },
  { key: 'xg-draft', title: '社区邻里节', category: 'neighbourhood', village: 1, team: null, organiser: 'village-admin-xigang', start: { day: 9, at: '09:00' }, lengthHours: 4, capacity: 30, status: 'draft', venue: '西岗社区广场', description: '邻里节游园活动的组织和服务。' },
  { key: 'nh-upcoming', title: '南湖村邻里守望夜巡', category: 'neighbourhood', village: 2, team: 'nh-neigh', organiser: 'village-admin-nanhu', start: { day: 6, at: '18:30' }, lengthHours: 2, capacity: 10, venue: '南湖村村委会', description: '夜间巡查村内消防通道和公共设施。', signups: [['nh-neigh-1', 'signed']] },
  { key: 'bl-past', title: '北岭村广场舞文艺演出', category: 'culture', village: 3, team: 'bl-culture', organiser: 'bl-culture-0', start: { day: -6, at: '15:00' }, lengthHours: 2, capacity: 20, venue: '北岭村文化广场', description: '组织广场舞展演，宣传文明新风。', signups: [['bl-culture-1', 'done'], ['bl-culture-2', 'done'], ['bl-culture-3', 'done'], ['bl-culture-4', 'done']] },
  { key: 'bl-upcoming', title: '北岭村文化礼堂布展', category: 'culture', village: 3, team: 'bl-culture', organiser: 'bl-culture-0', start: { day: 2, at: '14:00' }, lengthHours: 3, capacity: 12, venue: '北岭村文化礼堂', description: '布置善行义举四德榜和村史展板。', signups: [['bl-culture-1', 'signed'], ['bl-culture-2', 'signed']] }
]

/** Requests waiting for a second person: [activity, volunteer, kind, requested by, hours, reason]. */
const REQUESTS: Array<[activity: string, who: string, kind: HoursRequestDoc['kind'], by: string, hours: number, reason: string]> = [
  ['ds-env-past-2', 'ds-env-2', 'correction', 'village-admin-dongshan', 2.5, '提前半小时离开，按实际时长更正'],
  ['ds-env-ongoing', 'ds-env-5', 'manual_checkin', 'volunteer-1', 0, '手机没电无法扫码，现场确认已到岗'],
  ['xg-past', 'xg-traffic-3', 'manual_checkin', 'town-admin-2', 0, '到场后忘记扫码，由带队人员确认']
]

const TOWN_CENTRE = { lng: 120.3, lat: 30.4 }
const VILLAGE_OFFSETS: Array<[number, number]> = [
  [0.01, 0.01],
  [0, 0],
  [-0.01, 0.005],
  [0.005, -0.012]
]

/** The venue of the i-th seeded activity: near its village's centre. */
export function seedVenuePoint(village: number, i: number): { lng: number; lat: number } {
  const [dx, dy] = VILLAGE_OFFSETS[village] ?? [0, 0]
  return { lng: Math.round((TOWN_CENTRE.lng + dx + (i % 3) * 0.002) * 1e6) / 1e6, lat: Math.round((TOWN_CENTRE.lat + dy + (i % 2) * 0.0015) * 1e6) / 1e6 }
}

/* ---------------------------------------------------------------- building */

class Builder {
  readonly persons = people()
  readonly users: UserDoc[] = []
  readonly volunteers: VolunteerDoc[] = []
  readonly teams: TeamDoc[] = []
  readonly members: MemberDoc[] = []
  readonly activities: ActivityDoc[] = []
  readonly signups: SignupDoc[] = []
  readonly requests: HoursRequestDoc[] = []

  constructor(private readonly now: Date) {}

  person(key: string): Person {
    const p = this.persons.get(key)
    if (!p) throw new Error(`seed: no volunteer ${key}`)
    return p
  }

  people(): void {
    let i = 0
    for (const p of this.persons.values()) {
      i++
      const village = DEMO_VILLAGES[p.village]
      const registeredAt = new Date(this.now.getTime() - 40 * DAY - i * HOUR)
      this.volunteers.push({ _id: p.userId, userId: p.userId, openid: p.openid, realName: p.name, ...sealIdNumber(p.idNumber), phone: p.phone, skills: [['环境清洁'], ['交通劝导', '宣传讲解'], ['助老陪护'], ['文艺表演']][i % 4], villageId: village.id, villageName: village.name, registeredAt, certificate: null, updatedAt: registeredAt })
      if (p.key.startsWith('volunteer-')) continue
      // generated people are older than the demo people, so lists sorted newest first still start with those
      const createdAt = new Date(this.now.getTime() - 60 * DAY - i * 60_000)
      const grid = village.grids[i % village.grids.length]
      this.users.push({ _id: p.userId, openid: p.openid, name: p.name, phone: p.phone, villageId: village.id, villageName: village.name, gridId: grid.id, gridName: grid.name, grants: [], scopeKeys: scopeKeysOf([]), isVolunteer: true, largeFont: false, privacyVersion: PRIVACY_VERSION, privacyAcceptedAt: createdAt, createdAt, updatedAt: createdAt, rev: 0 })
    }
  }

  team(t: TeamSpec, i: number): void {
    const village = DEMO_VILLAGES[t.village]
    const leader = this.person(t.leader)
    const createdAt = new Date(this.now.getTime() - 35 * DAY + i * HOUR)
    const team: TeamDoc = { _id: seedTeamId(t.key), villageId: village.id, villageName: village.name, name: t.name, leaderId: leader.userId, leaderName: leader.name, createdAt, createdBy: demoPerson('town-admin').userId, updatedAt: createdAt }
    this.teams.push(team)
    const member = (key: string, status: MemberDoc['status'], j: number): MemberDoc => {
      const p = this.person(key)
      const appliedAt = new Date(createdAt.getTime() + (j + 1) * HOUR)
      return { _id: memberIdOf(team._id, p.userId), teamId: team._id, teamName: team.name, villageId: village.id, userId: p.userId, name: p.name, phone: p.phone, status, leader: key === t.leader, appliedAt, reviewedAt: status === 'pending' ? null : appliedAt, reviewedBy: status === 'pending' ? null : leader.userId }
    }
    t.members.forEach((key, j) => this.members.push(member(key, 'approved', j)))
    t.pending.forEach((key, j) => this.members.push(member(key, 'pending', t.members.length + j)))
  }

  /** When the job still has work on a published activity: its reminder (not yet past) and its auto check-out. */
  private schedule(status: ActivityStatus, startAt: Date, endAt: Date): Pick<ActivityDoc, 'remindAt' | 'closeAt'> {
    if (status !== 'published') return { remindAt: null, closeAt: null }
    const remindAt = new Date(startAt.getTime() - REMIND_BEFORE_MS)
    const closeAt = new Date(endAt.getTime() + CHECKOUT_GRACE_MS)
    return { remindAt: remindAt.getTime() > this.now.getTime() - HOUR ? remindAt : null, closeAt: closeAt > this.now ? closeAt : null }
  }

  private organiser(key: string): { userId: string; name: string } {
    return key.startsWith('village-admin') ? demoPerson(key) : this.person(key)
  }

  activity(spec: ActivitySpec, i: number): void {
    const village = DEMO_VILLAGES[spec.village]
    const team = this.teams.find((t) => spec.team !== null && t._id === seedTeamId(spec.team)) ?? null
    const startAt = startOf(spec.start, this.now)
    const endAt = new Date(startAt.getTime() + spec.lengthHours * HOUR)
    const status = spec.status ?? 'published'
    const organiser = this.organiser(spec.organiser)
    const createdAt = new Date(Math.min(startAt.getTime(), this.now.getTime()) - 6 * DAY)
    const published = status !== 'draft'
    const cancelled = status === 'cancelled'
    const a: ActivityDoc = {
      _id: seedActivityId(spec.key),
      title: spec.title,
      description: spec.description,
      category: spec.category,
      villageId: village.id,
      villageName: village.name,
      teamId: team?._id ?? null,
      teamName: team?.name ?? null,
      venue: { name: spec.venue, address: `${village.name}${spec.venue.replace(village.name, '')}`, location: seedVenuePoint(spec.village, i) },
      startAt,
      endAt,
      signupDeadline: new Date(startAt.getTime() - 12 * HOUR),
      capacity: spec.capacity,
      hoursCredit: spec.lengthHours,
      status,
      organiserId: organiser.userId,
      organiserName: organiser.name,
      signedCount: 0,
      waitlistCount: 0,
      tickets: 0,
      queue: [],
      codeSecret: randomBytes(24).toString('base64url'),
      facets: [],
      ...this.schedule(status, startAt, endAt),
      cancelReason: cancelled ? '场地调整，另行通知' : null,
      publishedAt: published ? new Date(createdAt.getTime() + HOUR) : null,
      cancelledAt: cancelled ? new Date(this.now.getTime() - DAY) : null,
      createdAt,
      updatedAt: createdAt,
      rev: published ? 2 : 1
    }
    a.facets = facetsOf(a)
    for (const [j, [who, state]] of (spec.signups ?? []).entries()) this.signups.push(this.signup(a, who, state, j))
    a.signedCount = this.signups.filter((s) => s.activityId === a._id && s.status === 'signed').length
    a.waitlistCount = this.signups.filter((s) => s.activityId === a._id && s.status === 'waitlisted').length
    a.tickets = a.waitlistCount
    a.queue = Array.from({ length: a.tickets }, () => randomBytes(6).toString('base64url'))
    this.activities.push(a)
  }

  signup(a: ActivityDoc, who: string, state: Attendance, j: number): SignupDoc {
    const p = this.person(who)
    const start = new Date(a.startAt)
    const end = new Date(a.endAt)
    const span = { startAt: start, endAt: end, hoursCredit: a.hoursCredit }
    const status: SignupStatus = state === 'waitlisted' ? 'waitlisted' : 'signed'
    const checkInAt = ['in', 'done', 'auto'].includes(state) ? new Date(start.getTime() - (5 + j) * 60_000) : null
    const checkOutAt = state === 'done' ? new Date(end.getTime() + j * 60_000) : state === 'auto' ? end : null
    const hours = checkInAt && checkOutAt ? hoursBetween(checkInAt, checkOutAt, span, 0.5) : 0
    const hoursStatus: HoursStatus = checkOutAt ? 'counted' : 'none'
    const waitSeq = status === 'waitlisted' ? this.signups.filter((s) => s.activityId === a._id && s.status === 'waitlisted').length + 1 : null
    return {
      _id: signupIdOf(a._id, p.userId),
      activityId: a._id,
      userId: p.userId,
      openid: p.openid,
      name: p.name,
      phone: p.phone,
      villageId: a.villageId,
      teamId: a.teamId,
      activityTitle: a.title,
      activityStartAt: a.startAt,
      status,
      waitSeq,
      signedAt: new Date(new Date(a.createdAt).getTime() + 2 * HOUR + j * 17 * 60_000),
      promotedAt: null,
      cancelledAt: null,
      checkInAt,
      checkOutAt,
      hours,
      hoursStatus,
      pendingId: null,
      flags: state === 'auto' ? [AUTO_CLOSED_FLAG] : [],
      autoClosed: state === 'auto',
      remindedAt: start.getTime() - REMIND_BEFORE_MS < this.now.getTime() - HOUR ? new Date(start.getTime() - REMIND_BEFORE_MS) : null,
      updatedAt: checkOutAt ?? checkInAt ?? new Date(a.createdAt),
      rev: 1
    }
  }

  request([activityKey, who, kind, by, hours, reason]: (typeof REQUESTS)[number], i: number): void {
    const a = this.activities.find((x) => x._id === seedActivityId(activityKey))
    const s = this.signups.find((x) => x._id === signupIdOf(seedActivityId(activityKey), this.person(who).userId))
    if (!a || !s) throw new Error(`seed: request ${activityKey}/${who}`)
    const requester = by.startsWith('volunteer-') ? this.person(by) : demoPerson(by)
    const requestedAt = new Date(Math.min(this.now.getTime(), new Date(a.endAt).getTime()) - (i + 1) * 10 * 60_000)
    const at = kind === 'correction' ? null : new Date(a.startAt)
    const r: HoursRequestDoc = { ...hoursRequest(a, s, { kind, at, hours, reason, by: { userId: requester.userId, name: requester.name } }, requestedAt), _id: `hr_seed_${i + 1}` }
    this.requests.push(r)
    s.pendingId = r._id
    s.hoursStatus = 'pending'
  }

  build(): this {
    this.people()
    TEAMS.forEach((t, i) => this.team(t, i))
    ACTIVITIES.forEach((a, i) => this.activity(a, i))
    REQUESTS.forEach((r, i) => this.request(r, i))
    return this
  }
}

/** Seeds the volunteer service once; returns how many activities were written. */
export function seedDemoVolunteers(engine: SeedEngine, now = new Date()): number {
  if (engine.count('volunteer_teams', {}) > 0) return 0
  const b = new Builder(now).build()
  if (b.users.length) engine.insert('users', b.users)
  engine.insert('volunteers', b.volunteers)
  engine.insert('volunteer_teams', b.teams)
  engine.insert('team_members', b.members)
  engine.insert('volunteer_activities', b.activities)
  engine.insert('activity_signups', b.signups)
  engine.insert('hours_requests', b.requests)
  return b.activities.length
}
