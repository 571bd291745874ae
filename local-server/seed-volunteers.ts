/**
 * The demo town's volunteer service: five teams (three healthy, two below the seeds' rules),
 * registered volunteers (林志愿 and 周小雨 plus generated people so teams have members), activities
 * past / ongoing / upcoming / draft / cancelled with sign-ups, a full one with a waitlist, scanned and
 * auto-closed hours, and three hours requests waiting for a second person. Written by the users and
 * volunteers functions' own handlers, called as the people who would have done each step (the
 * generated people accept the privacy notice and fill in their profile; the town office founds the
 * teams; members apply and their leader approves; organisers create, publish and show the rotating
 * code; volunteers sign up and scan it at the venue) and by the volunteers job when it would have
 * run, all in time order before the seed time: documents, audit entries, hours, points and
 * reminders come out as the live system writes them. Ids of teams, activities and the three requests
 * stay fixed (vt_seed_…, va_seed_…, hr_seed_…): tests and browser journeys name them.
 */
import { PRIVACY_VERSION, type ActivityCategory, type ActivityStatus, type HoursPendingItem } from '../src/contract'
import { C } from '../cloudfunctions/_shared/collections'
import { database } from '../cloudfunctions/_shared/cloud'
import { userIdFor } from '../cloudfunctions/_shared/ids'
import { createStore } from '../cloudfunctions/_shared/store'
import { runVolunteerJob } from '../cloudfunctions/volunteers/job'
import { CHECKOUT_GRACE_MS, REMIND_BEFORE_MS } from '../src/domain/volunteer-rules'
import { chinaInstant, chinaParts } from '../src/domain/china-time'
import { DEMO_VILLAGES, demoOpenid, demoPerson } from './seed'
import { act, runJob, type SeedCloud, type Who } from './seed-act'

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
  {
    key: 'ds-env',
    village: 0,
    name: '东山村环境志愿队',
    leader: 'volunteer-1',
    members: ['volunteer-1', 'ds-env-1', 'ds-env-2', 'ds-env-3', 'ds-env-4', 'ds-env-5', 'ds-env-6'],
    pending: ['ds-env-7']
  },
  { key: 'ds-elder', village: 0, name: '东山村助老服务队', leader: 'ds-elder-0', members: ['ds-elder-0', 'ds-elder-1', 'ds-elder-2', 'ds-elder-3', 'ds-elder-4'], pending: [] },
  {
    key: 'xg-traffic',
    village: 1,
    name: '西岗社区文明交通志愿队',
    leader: 'xg-traffic-0',
    members: ['xg-traffic-0', 'volunteer-2', 'xg-traffic-1', 'xg-traffic-2', 'xg-traffic-3', 'xg-traffic-4'],
    pending: ['xg-traffic-5']
  },
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
  {
    key: 'ds-env-past-1',
    title: '东山村村道垃圾清理',
    category: 'environment',
    village: 0,
    team: 'ds-env',
    organiser: 'volunteer-1',
    start: { day: -5, at: '08:30' },
    lengthHours: 2.5,
    capacity: 20,
    venue: '东山村村委会门口',
    description: '沿村道清理白色垃圾和卫生死角，工具由村里统一发放。',
    signups: [
      ['volunteer-1', 'done'],
      ['ds-env-1', 'done'],
      ['ds-env-2', 'done'],
      ['ds-env-3', 'auto'],
      ['ds-env-4', 'done'],
      ['ds-env-5', 'noshow']
    ]
  },
  {
    key: 'ds-env-past-2',
    title: '河塘沿岸环境整治',
    category: 'environment',
    village: 0,
    team: 'ds-env',
    organiser: 'volunteer-1',
    start: { day: -2, at: '15:00' },
    lengthHours: 3,
    capacity: 15,
    venue: '东山村后塘',
    description: '清理河塘沿岸杂物，劝导村民不要向河塘倾倒垃圾。',
    signups: [
      ['volunteer-1', 'done'],
      ['ds-env-1', 'done'],
      ['ds-env-2', 'done'],
      ['ds-env-6', 'done']
    ]
  },
  {
    key: 'ds-env-ongoing',
    title: '东山村文明劝导（进行中）',
    category: 'environment',
    village: 0,
    team: 'ds-env',
    organiser: 'volunteer-1',
    start: { hoursFromNow: -1 },
    lengthHours: 3,
    capacity: 15,
    venue: '东山村文化广场',
    description: '在文化广场劝导乱扔垃圾、乱停车辆等不文明行为。',
    signups: [
      ['volunteer-1', 'signed'],
      ['ds-env-1', 'in'],
      ['ds-env-2', 'in'],
      ['ds-env-3', 'in'],
      ['ds-env-4', 'signed'],
      ['ds-env-5', 'signed']
    ]
  },
  {
    key: 'ds-env-upcoming',
    title: '垃圾分类入户宣传',
    category: 'science',
    village: 0,
    team: 'ds-env',
    organiser: 'volunteer-1',
    start: { day: 3, at: '09:00' },
    lengthHours: 2,
    capacity: 10,
    venue: '东山村一组',
    description: '入户发放垃圾分类宣传册，讲解分类要点。',
    signups: [
      ['volunteer-1', 'signed'],
      ['ds-env-1', 'signed'],
      ['ds-env-6', 'signed']
    ]
  },
  {
    key: 'ds-env-draft',
    title: '东山村环境志愿队月度活动',
    category: 'environment',
    village: 0,
    team: 'ds-env',
    organiser: 'volunteer-1',
    start: { day: 10, at: '09:00' },
    lengthHours: 2,
    capacity: 15,
    status: 'draft',
    venue: '东山村村委会',
    description: '队伍月度集中活动，内容待定。'
  },
  {
    key: 'ds-open-upcoming',
    title: '重阳节敬老院慰问',
    category: 'elderly',
    village: 0,
    team: null,
    organiser: 'village-admin-dongshan',
    start: { day: 2, at: '09:00' },
    lengthHours: 3,
    capacity: 5,
    venue: '西岗镇敬老院',
    description: '陪老人聊天、打扫房间、表演节目，名额有限。',
    signups: [
      ['ds-elder-0', 'signed'],
      ['ds-elder-1', 'signed'],
      ['ds-elder-2', 'signed'],
      ['ds-elder-3', 'signed'],
      ['ds-elder-4', 'signed'],
      ['ds-env-1', 'waitlisted'],
      ['ds-env-6', 'waitlisted']
    ]
  },
  {
    key: 'ds-open-tomorrow',
    title: '文明交通劝导岗',
    category: 'traffic',
    village: 0,
    team: null,
    organiser: 'village-admin-dongshan',
    start: { day: 1, at: '07:30' },
    lengthHours: 2,
    capacity: 30,
    venue: '东山村村口路口',
    description: '早高峰在村口路口劝导行人和电动车遵守交通规则。',
    signups: [
      ['ds-elder-1', 'signed'],
      ['ds-env-2', 'signed'],
      ['ds-env-3', 'signed']
    ]
  },
  {
    key: 'ds-draft',
    title: '东山村文艺汇演志愿服务',
    category: 'culture',
    village: 0,
    team: null,
    organiser: 'village-admin-dongshan',
    start: { day: 7, at: '14:00' },
    lengthHours: 3,
    capacity: 20,
    status: 'draft',
    venue: '东山村文化礼堂',
    description: '协助文艺汇演的场地布置、引导和秩序维护。'
  },
  {
    key: 'ds-cancelled',
    title: '周末义诊志愿服务',
    category: 'elderly',
    village: 0,
    team: null,
    organiser: 'village-admin-dongshan',
    start: { day: 4, at: '08:30' },
    lengthHours: 3,
    capacity: 10,
    status: 'cancelled',
    venue: '东山村卫生室',
    description: '协助医生为村民量血压、测血糖。'
  },
  {
    key: 'ds-elder-past',
    title: '独居老人上门探访',
    category: 'elderly',
    village: 0,
    team: 'ds-elder',
    organiser: 'ds-elder-0',
    start: { day: -3, at: '14:30' },
    lengthHours: 2,
    capacity: 10,
    venue: '东山村二组',
    description: '上门看望独居老人，帮助打扫和代购生活用品。',
    signups: [
      ['ds-elder-1', 'done'],
      ['ds-elder-2', 'done'],
      ['ds-elder-3', 'done'],
      ['ds-elder-4', 'done']
    ]
  },
  {
    key: 'xg-past',
    title: '西岗路口文明交通劝导',
    category: 'traffic',
    village: 1,
    team: 'xg-traffic',
    organiser: 'xg-traffic-0',
    start: { day: -4, at: '07:30' },
    lengthHours: 2,
    capacity: 10,
    venue: '西岗社区十字路口',
    description: '劝导闯红灯、不戴头盔等交通不文明行为。',
    signups: [
      ['volunteer-2', 'done'],
      ['xg-traffic-1', 'done'],
      ['xg-traffic-2', 'done'],
      ['xg-traffic-3', 'noshow'],
      ['xg-traffic-4', 'noshow']
    ]
  },
  {
    key: 'xg-upcoming',
    title: '学校周边交通护学岗',
    category: 'traffic',
    village: 1,
    team: 'xg-traffic',
    organiser: 'xg-traffic-0',
    start: { day: 4, at: '07:20' },
    lengthHours: 1.5,
    capacity: 8,
    venue: '西岗小学校门口',
    description: '上学时段在校门口护送学生过马路。',
    signups: [
      ['volunteer-2', 'signed'],
      ['xg-traffic-1', 'signed']
    ]
  },
  {
    key: 'xg-open-upcoming',
    title: '社区科普讲座志愿服务',
    category: 'science',
    village: 1,
    team: null,
    organiser: 'village-admin-xigang',
    start: { day: 5, at: '14:30' },
    lengthHours: 2,
    capacity: 20,
    venue: '西岗社区党群服务中心',
    description: '协助科普讲座签到、引导和资料发放。',
    signups: [
      ['volunteer-2', 'signed'],
      ['xg-traffic-2', 'signed']
    ]
  },
  {
    key: 'xg-draft',
    title: '社区邻里节',
    category: 'neighbourhood',
    village: 1,
    team: null,
    organiser: 'village-admin-xigang',
    start: { day: 9, at: '09:00' },
    lengthHours: 4,
    capacity: 30,
    status: 'draft',
    venue: '西岗社区广场',
    description: '邻里节游园活动的组织和服务。'
  },
  {
    key: 'nh-upcoming',
    title: '南湖村邻里守望夜巡',
    category: 'neighbourhood',
    village: 2,
    team: 'nh-neigh',
    organiser: 'village-admin-nanhu',
    start: { day: 6, at: '18:30' },
    lengthHours: 2,
    capacity: 10,
    venue: '南湖村村委会',
    description: '夜间巡查村内消防通道和公共设施。',
    signups: [['nh-neigh-1', 'signed']]
  },
  {
    key: 'bl-past',
    title: '北岭村广场舞文艺演出',
    category: 'culture',
    village: 3,
    team: 'bl-culture',
    organiser: 'bl-culture-0',
    start: { day: -6, at: '15:00' },
    lengthHours: 2,
    capacity: 20,
    venue: '北岭村文化广场',
    description: '组织广场舞展演，宣传文明新风。',
    signups: [
      ['bl-culture-1', 'done'],
      ['bl-culture-2', 'done'],
      ['bl-culture-3', 'done'],
      ['bl-culture-4', 'done']
    ]
  },
  {
    key: 'bl-upcoming',
    title: '北岭村文化礼堂布展',
    category: 'culture',
    village: 3,
    team: 'bl-culture',
    organiser: 'bl-culture-0',
    start: { day: 2, at: '14:00' },
    lengthHours: 3,
    capacity: 12,
    venue: '北岭村文化礼堂',
    description: '布置善行义举四德榜和村史展板。',
    signups: [
      ['bl-culture-1', 'signed'],
      ['bl-culture-2', 'signed']
    ]
  }
]

/** Requests waiting for a second person: [activity, volunteer, kind, requested by, hours, reason]. */
const REQUESTS: Array<[activity: string, who: string, kind: HoursPendingItem['kind'], by: string, hours: number, reason: string]> = [
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

/* ---------------------------------------------------------------- writing it */

const MINUTE = 60 * 1000
/** The volunteers job runs every 10 minutes: what falls due is handled within that. */
const JOB_LAG_MS = 5 * MINUTE
const SKILLS = [['环境清洁'], ['交通劝导', '宣传讲解'], ['助老陪护'], ['文艺表演']]
const VILLAGE_ADMINS = ['village-admin-dongshan', 'village-admin-xigang', 'village-admin-nanhu', 'village-admin-beiling']

/** Where the j-th person of an activity stands when scanning: 11 m apart, so nobody's scan looks relayed. */
const spotOf = (venue: { lng: number; lat: number }, j: number) => ({ lng: venue.lng, lat: Math.round((venue.lat + (j + 1) * 0.0001) * 1e7) / 1e7 })

interface Step {
  at: number
  run: () => Promise<unknown>
}

/** The activity as seeded: its id, times and who organises it. */
interface Planned {
  spec: ActivitySpec
  id: string
  venue: { lng: number; lat: number }
  startAt: Date
  endAt: Date
  createdAt: Date
}

class Seeder {
  readonly persons = people()
  private readonly steps: Step[] = []
  private readonly jobs = new Set<number>()
  readonly planned = new Map<string, Planned>()

  constructor(
    private readonly cloud: SeedCloud,
    private readonly now: Date
  ) {}

  private person(key: string): Person {
    const p = this.persons.get(key)
    if (!p) throw new Error(`seed: no volunteer ${key}`)
    return p
  }

  /** A seeded volunteer by openid; the demo town's staff by key. */
  private who(key: string): Who {
    return this.persons.has(key) ? { openid: seedOpenid(key) } : key
  }

  private ago(ms: number): Date {
    return new Date(this.now.getTime() - ms)
  }

  /** Runs `run` at `at` (steps run in time order; one instant keeps the order they were added in). */
  private at(at: Date, run: (at: Date) => Promise<unknown>): void {
    if (at > this.now) throw new Error(`seed-volunteers: a step lies in the future (${at.toISOString()})`)
    this.steps.push({ at: at.getTime(), run: () => run(at) })
  }

  /** The job's run just after `at`, if that is before the seed time (one run per instant). */
  private jobAfter(at: Date): void {
    const t = at.getTime() + JOB_LAG_MS
    if (t > this.now.getTime() || this.jobs.has(t)) return
    this.jobs.add(t)
    this.at(new Date(t), (when) => runJob(this.cloud, () => runVolunteerJob(createStore(database()), when)))
  }

  people(): void {
    let i = 0
    for (const p of this.persons.values()) {
      i++
      const village = DEMO_VILLAGES[p.village]
      const who = { openid: p.openid }
      if (!p.key.startsWith('volunteer-')) {
        // generated people are older than the demo people, so lists sorted newest first still start with those
        const grid = village.grids[i % village.grids.length]
        this.at(this.ago(60 * DAY + i * MINUTE), async (at) => {
          await act(this.cloud, who, at, 'users.acceptPrivacy', { version: PRIVACY_VERSION })
          await act(this.cloud, who, at, 'users.updateProfile', { name: p.name, phone: p.phone, villageId: village.id, gridId: grid.id })
        })
      }
      const registration = { realName: p.name, idNumber: p.idNumber, phone: p.phone, skills: SKILLS[i % SKILLS.length], villageId: village.id, idConsent: true as const }
      this.at(this.ago(40 * DAY + i * HOUR), (at) => act(this.cloud, who, at, 'volunteers.register', registration))
    }
  }

  /** Founded by the town office with its leader; members apply and the leader approves them within half an hour. */
  team(t: TeamSpec, i: number): void {
    const teamId = seedTeamId(t.key)
    const createdAt = this.ago(35 * DAY - i * HOUR)
    const input = { villageId: DEMO_VILLAGES[t.village].id, name: t.name, leaderId: this.person(t.leader).userId }
    this.at(createdAt, (at) => act(this.cloud, 'town-admin', at, 'volunteers.saveTeam', input, { vt: [teamId] }))
    const applicants = [...t.members.filter((key) => key !== t.leader), ...t.pending]
    applicants.forEach((key, j) => {
      const applied = new Date(createdAt.getTime() + (j + 1) * HOUR)
      this.at(applied, (at) => act(this.cloud, this.who(key), at, 'volunteers.joinTeam', { teamId }))
      if (t.pending.includes(key)) return
      const review = { teamId, userId: this.person(key).userId, approve: true }
      this.at(new Date(applied.getTime() + 30 * MINUTE), (at) => act(this.cloud, this.who(t.leader), at, 'volunteers.reviewMember', review))
    })
  }

  /** Created six days before it starts (or before the seed), published an hour later; sign-ups and scans follow. */
  activity(spec: ActivitySpec, i: number): void {
    const village = DEMO_VILLAGES[spec.village]
    const startAt = startOf(spec.start, this.now)
    const endAt = new Date(startAt.getTime() + spec.lengthHours * HOUR)
    const createdAt = new Date(Math.min(startAt.getTime(), this.now.getTime()) - 6 * DAY)
    const venue = seedVenuePoint(spec.village, i)
    const a: Planned = { spec, id: seedActivityId(spec.key), venue, startAt, endAt, createdAt }
    this.planned.set(spec.key, a)
    const input = {
      title: spec.title,
      description: spec.description,
      category: spec.category,
      villageId: village.id,
      teamId: spec.team === null ? null : seedTeamId(spec.team),
      venue: { name: spec.venue, address: `${village.name}${spec.venue.replace(village.name, '')}`, location: venue },
      startAt: startAt.toISOString(),
      endAt: endAt.toISOString(),
      signupDeadline: new Date(startAt.getTime() - 12 * HOUR).toISOString(),
      capacity: spec.capacity,
      hoursCredit: spec.lengthHours
    }
    const organiser = this.who(spec.organiser)
    this.at(createdAt, (at) => act(this.cloud, organiser, at, 'volunteers.saveActivity', input, { va: [a.id] }))
    const status = spec.status ?? 'published'
    if (status === 'draft') return
    this.at(new Date(createdAt.getTime() + HOUR), (at) => act(this.cloud, organiser, at, 'volunteers.publishActivity', { activityId: a.id }))
    if (status === 'cancelled') {
      this.at(this.ago(DAY), (at) => act(this.cloud, organiser, at, 'volunteers.cancelActivity', { activityId: a.id, reason: '场地调整，另行通知' }))
      return
    }
    for (const [j, [who, state]] of (spec.signups ?? []).entries()) this.attend(a, who, state, j)
    this.jobAfter(new Date(startAt.getTime() - REMIND_BEFORE_MS))
    this.jobAfter(new Date(endAt.getTime() + CHECKOUT_GRACE_MS))
  }

  /** The person scans the code the organiser shows at that moment, standing at their own spot. */
  private scan(a: Planned, key: string, j: number, at: Date): Promise<unknown> {
    return (async () => {
      const { code } = await act(this.cloud, this.who(a.spec.organiser), at, 'volunteers.checkinCode', { activityId: a.id })
      return act(this.cloud, this.who(key), at, 'volunteers.scan', { code, location: spotOf(a.venue, j), accuracy: 10, activityId: a.id })
    })()
  }

  private organises(a: Planned, key: string): boolean {
    const team = TEAMS.find((t) => t.key === a.spec.team)
    return a.spec.organiser === key || team?.leader === key
  }

  /** Signs up; 'in', 'done' and 'auto' check in 5+ minutes before the start, 'done' checks out after the end. */
  private attend(a: Planned, key: string, state: Attendance, j: number): void {
    this.at(new Date(a.createdAt.getTime() + 2 * HOUR + j * 17 * MINUTE), (at) => act(this.cloud, this.who(key), at, 'volunteers.signup', { activityId: a.id }))
    if (state !== 'in' && state !== 'done' && state !== 'auto') return
    this.at(new Date(a.startAt.getTime() - (5 + j) * MINUTE), (at) => this.scan(a, key, j, at))
    if (state !== 'done') return
    const checkOut = new Date(a.endAt.getTime() + j * MINUTE)
    this.at(checkOut, (at) => this.scan(a, key, j, at))
    // an organiser's own hours wait for someone else: the village admin approves them an hour later
    if (this.organises(a, key)) this.at(new Date(checkOut.getTime() + HOUR), (at) => this.approveOwnHours(a, key, at))
  }

  private async approveOwnHours(a: Planned, key: string, at: Date): Promise<void> {
    const admin = VILLAGE_ADMINS[a.spec.village]
    const userId = this.person(key).userId
    const pending = await act(this.cloud, admin, at, 'volunteers.pendingHours', { villageId: DEMO_VILLAGES[a.spec.village].id })
    const mine = pending.items.find((r) => r.activityId === a.id && r.userId === userId)
    if (!mine) throw new Error(`seed-volunteers: no hours of ${key} waiting on ${a.spec.key}`)
    await act(this.cloud, admin, at, 'volunteers.approveHours', { pendingId: mine.id, approve: true })
  }

  /**
   * A request waiting for a second person: a correction an hour after the activity ended, a manual
   * check-in (at the start) while it runs or just before it ended.
   */
  request([activityKey, key, kind, by, hours, reason]: (typeof REQUESTS)[number], i: number): void {
    const a = this.planned.get(activityKey)
    if (!a) throw new Error(`seed: request ${activityKey}/${key}`)
    const userId = this.person(key).userId
    const ids = { hr: [`hr_seed_${i + 1}`] }
    if (kind === 'correction') {
      this.at(new Date(a.endAt.getTime() + HOUR), (at) => act(this.cloud, this.who(by), at, 'volunteers.correctHours', { activityId: a.id, userId, hours, reason }, ids))
      return
    }
    const requestedAt = new Date(Math.min(this.now.getTime(), a.endAt.getTime()) - (i + 1) * 10 * MINUTE)
    const input = { activityId: a.id, userId, kind: kind === 'manual_checkin' ? ('checkin' as const) : ('checkout' as const), at: a.startAt.toISOString(), reason }
    this.at(requestedAt, (at) => act(this.cloud, this.who(by), at, 'volunteers.manualCheck', input, ids))
  }

  async run(): Promise<number> {
    this.people()
    TEAMS.forEach((t, i) => this.team(t, i))
    ACTIVITIES.forEach((a, i) => this.activity(a, i))
    REQUESTS.forEach((r, i) => this.request(r, i))
    // Array#sort is stable: steps at one instant run in the order they were added
    for (const step of [...this.steps].sort((x, y) => x.at - y.at)) await step.run()
    return this.planned.size
  }
}

/** Seeds the volunteer service once (skipped when any team exists); returns how many activities were written. */
export async function seedDemoVolunteers(cloud: SeedCloud, now = new Date()): Promise<number> {
  if (cloud.engine.count(C.volunteer_teams, {}) > 0) return 0
  return new Seeder(cloud, now).run()
}
