/**
 * One valid input per action for each persona, and who the contract lets call it: the generated
 * access matrix (test/functions/access.test.ts) and the privacy sweep (privacy.test.ts) share them.
 */
import { contract, type ActionName, type Role } from '../../src/contract'
import { localCloud } from '../../local-cloud'
import { seedReportId } from '../../local-server/seed-reports'
import { callAs, givenReports, userIdOf } from './town'
import { chinaDay, draft, photo } from './reports'
import { activityInput, makeIdNumber, seedActivityId, seedTeamId, seedUserId } from './volunteers'
import { seedIdNumber, seedOpenid } from '../../local-server/seed-volunteers'
import { seedDeedId } from '../../local-server/seed-deeds'
import { deedInput } from './deeds'
import { approvedCandidate, boardInput, createdSelection, draftBoard, publishedBoard, selectionInput, votingCandidate } from './honour'
import { givenPatrol, givenVisit, resultsFor, smallTemplate, submission, thisMonth, today, visitInput } from './supervision'
import { chinaDayAfter } from '../../src/domain/china-time'
import { appealedFinding, givenCleaner, givenInspection, givenZone, inspectInput, zoneInput } from './cleaning'
import { DEFAULT_CLEANING_ITEMS } from '../../src/contract'
import { givenInfo, infoInput, SENDER_OF } from './supervision-info'
import { givenDraft, givenLetter, givenPublishable, givenPublished, givenReview, placeOf } from './bulletins'

export interface Persona {
  key: string
  roles: Role[]
  /** The village the persona's authority covers (village-scoped roles only). */
  village?: string
}

export const PERSONAS: Persona[] = [
  { key: 'resident-1', roles: ['resident'] },
  { key: 'volunteer-1', roles: ['resident', 'volunteer'] },
  { key: 'grid-dongshan-1', roles: ['resident', 'grid_worker'], village: 'v_dongshan' },
  { key: 'unit-zhifa', roles: ['resident', 'unit_staff'] },
  { key: 'village-admin-dongshan', roles: ['resident', 'village_admin'], village: 'v_dongshan' },
  { key: 'village-admin-xigang', roles: ['resident', 'village_admin'], village: 'v_xigang' },
  { key: 'town-admin', roles: ['resident', 'town_admin'] }
]

/**
 * The seeded problem a persona may act on: 东山村 一组网格 ones for its grid worker, its village
 * admin and the town office; 西岗社区 ones for 西岗's admin (the contract lets every village admin
 * accept, but data keeps each in their own village — refusals by data are tested in reports-access).
 */
const inVillageOf = (who: string, dongshan: string, xigang: string) => seedReportId(who === 'village-admin-xigang' ? xigang : dongshan)

/** Letters are found through their report (seeded ids are deterministic, letter ids follow the history). */
function letterOf(reportId: string): string {
  const [l] = localCloud.engine.find('letters', { reportId }, { limit: 1 }) as Array<{ _id: string }>
  return l._id
}

/**
 * rate and reopen are the reporter's own steps, and every signed-in persona may call them: each
 * gets a problem of their own, closed yesterday (set up before the database snapshot).
 */
async function closedReportOf(who: string): Promise<string> {
  const [id] = await givenReports([
    {
      key: `closed-${who}-${Math.random().toString(36).slice(2, 8)}`,
      reporter: who,
      village: 0,
      grid: 0,
      category: 'litter',
      description: '门口垃圾没人收',
      address: '东山村一组',
      hoursAgo: 60,
      steps: [
        { after: 1, by: 'grid-dongshan-1', action: 'accept' },
        { after: 1, by: 'town-admin', action: 'dispatch', unit: 0, deadlineDays: 5 },
        { after: 1, by: 'unit-zhifa', action: 'sign' },
        { after: 1, by: 'unit-zhifa', action: 'answer', measures: '当天清运', plannedInDays: 1 },
        { after: 20, by: 'unit-zhifa', action: 'rectify', note: '已清运' },
        { after: 12, by: 'grid-dongshan-1', action: 'verifyPass' }
      ]
    }
  ])
  return id
}

/** The problem a persona can open: its own for residents, one in its area for staff. */
function viewableBy(who: string): string {
  if (who === 'unit-zhifa') return seedReportId('ds-dispatched')
  if (who === 'village-admin-xigang') return seedReportId('xg-submitted')
  if (who === 'volunteer-1') return seedReportId('ds-submitted-2')
  return seedReportId('ds-answered')
}

/**
 * Volunteer service: what each persona organises. 林志愿 (volunteer-1) leads 东山村环境志愿队, so
 * the organiser actions (open to volunteers by the contract) act on that team's activities for
 * him; 西岗's admin acts in 西岗; everyone else (including the town office) in 东山村.
 */
const organised = (who: string, team: string, xigang: string, dongshan: string) => seedActivityId(who === 'volunteer-1' ? team : who === 'village-admin-xigang' ? xigang : dongshan)
const teamOf = (who: string) => seedTeamId(who === 'village-admin-xigang' ? 'xg-traffic' : 'ds-env')
/** A pending hours request someone other than `who` filed, in `who`'s area (see seed-volunteers REQUESTS). */
const requestFor = (who: string) => (who === 'village-admin-dongshan' ? 'hr_seed_2' : who === 'village-admin-xigang' ? 'hr_seed_3' : 'hr_seed_1')
/** A signed-up volunteer of the persona's activity who is not checked in and has nothing pending. */
const notCheckedIn = (who: string) => seedUserId(who === 'village-admin-xigang' ? 'xg-traffic-4' : 'ds-env-4')
const withHours = (who: string) => seedUserId(who === 'village-admin-xigang' ? 'xg-traffic-1' : 'ds-env-1')

/** The rotating code of the ongoing 东山村 activity, shown by its village admin, and a place at its venue. */
async function scanOfOngoing(): Promise<unknown> {
  const activityId = seedActivityId('ds-env-ongoing')
  const { res } = await callAs('village-admin-dongshan', 'volunteers.checkinCode', { activityId })
  if (!res.ok) throw new Error(res.message)
  const a = localCloud.engine.get('volunteer_activities', activityId) as { venue: { location: { lng: number; lat: number } } }
  return { code: res.data.code, location: a.venue.location, activityId }
}

/** The town office requires personal codes on the activity. */
async function personalMode(activityId: string): Promise<void> {
  const { res } = await callAs('town-admin', 'volunteers.setCheckInMode', { activityId, mode: 'personal_code' })
  if (!res.ok) throw new Error(res.message)
}

/**
 * An ongoing activity the persona organises, switched to personal codes, with a volunteer signed up
 * (not the persona): 东山村's for everyone but 西岗's admin, who gets one of 西岗's made now.
 */
async function personalActivityOf(who: string): Promise<{ activityId: string; volunteer: string }> {
  if (who !== 'village-admin-xigang') {
    await personalMode(seedActivityId('ds-env-ongoing'))
    return { activityId: seedActivityId('ds-env-ongoing'), volunteer: seedOpenid('ds-env-4') }
  }
  const soon = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString()
  const made = await callAs(who, 'volunteers.saveActivity', activityInput({ villageId: 'v_xigang', startAt: soon(10), endAt: soon(130), signupDeadline: soon(5) }))
  if (!made.res.ok) throw new Error(made.res.message)
  const activityId = made.res.data.id
  await callAs(who, 'volunteers.publishActivity', { activityId })
  const joined = await callAs('volunteer-2', 'volunteers.signup', { activityId })
  if (!joined.res.ok) throw new Error(joined.res.message)
  await personalMode(activityId)
  return { activityId, volunteer: seedOpenid('volunteer-2') }
}

/** The volunteer's current personal code, as their phone shows it, and a place at the venue: for the persona to scan. */
async function personalScanOf(who: string): Promise<unknown> {
  const { activityId, volunteer } = await personalActivityOf(who)
  const { res } = await callAs({ openid: volunteer }, 'volunteers.personalCode', { activityId })
  if (!res.ok) throw new Error(res.message)
  const a = localCloud.engine.get('volunteer_activities', activityId) as { venue: { location: { lng: number; lat: number } } }
  return { code: res.data.code, location: a.venue.location, activityId }
}

const PERSONA_ID_NUMBERS: Record<string, number> = { 'resident-1': 901, 'grid-dongshan-1': 902, 'unit-zhifa': 903, 'village-admin-dongshan': 904, 'village-admin-xigang': 905, 'town-admin': 906 }

/** Honour boards and selections: 西岗's admin acts on 西岗's, every other persona on 东山村's (the town office may too). */
const managerOf = (who: string): [string, string] => (who === 'village-admin-xigang' ? ['village-admin-xigang', 'v_xigang'] : ['village-admin-dongshan', 'v_dongshan'])
/** A selection of the persona's village with voting open, closed with no notice days, one candidate approved. */
async function finishedSelection(who: string): Promise<string> {
  const [admin, village] = managerOf(who)
  const id = await createdSelection(admin, village, { noticeDays: 0 }, -1)
  await approvedCandidate(id, admin, '获评家庭', admin)
  await callAs(admin, 'honour.closeSelection', { selectionId: id })
  return id
}
async function pendingCandidate(who: string): Promise<string> {
  const [admin, village] = managerOf(who)
  const id = await createdSelection(admin, village)
  const { res } = await callAs(admin, 'honour.nominate', { selectionId: id, subject: 'person', name: '被提名人', story: '多年照顾邻居孤寡老人，风雨无阻' })
  if (!res.ok) throw new Error(res.message)
  return res.data.id
}

/** 张小明 of 西岗社区 asks to move to 东山村 (a pending move only 东山's admin and the town office decide). */
async function moveIntoDongshan(): Promise<{ userId: string; villageId: string }> {
  const { res } = await callAs('resident-3', 'users.updateProfile', { villageId: 'v_dongshan', gridId: 'g_dongshan_2' })
  if (!res.ok || !res.data.pendingMove) throw new Error(`move: ${res.ok ? 'not pending' : res.message}`)
  return { userId: userIdOf('resident-3'), villageId: 'v_dongshan' }
}

/**
 * 督导巡查: a patrol in the persona's village (西岗 for 西岗's admin, else 东山村) on its own new checklist,
 * today, scheduled by the town office; `assigned` puts the persona on it when they may patrol there
 * (the town office fills in for 东山's grid worker instead).
 */
const patrolVillage = (who: string) => (who === 'village-admin-xigang' ? 'v_xigang' : 'v_dongshan')
async function samplePatrol(who: string, assigned: boolean, date?: string) {
  const template = await smallTemplate(`巡查表-${who}`)
  const patroller = assigned && ['grid-dongshan-1', 'village-admin-dongshan', 'village-admin-xigang'].includes(who) ? who : patrolVillage(who) === 'v_xigang' ? 'grid-xigang-1' : 'grid-dongshan-1'
  return givenPatrol({ by: 'town-admin', villageId: patrolVillage(who), templateId: template.id, patrollers: [patroller], ...(date ? { date } : {}) })
}
/** Next month in China time: a whole month for the roster generator, whatever the day. */
function nextMonth(): { year: number; month: number } {
  const [y, m] = today().split('-').map(Number)
  return m === 12 ? { year: y + 1, month: 1 } : { year: y, month: m + 1 }
}

/** A valid input for each action, for the persona `who` (see inVillageOf). Record<ActionName, …> makes a new action add one. */
/* ---- deeds: each village admin acts in their own village (西岗 for 西岗's admin, else 东山) */
const deedVillage = (who: string) => (who === 'village-admin-xigang' ? 'v_xigang' : 'v_dongshan')
/** Gives `who` 100 points (two corrections by the second town admin, so nobody corrects themselves; each within the approval threshold). */
const topUpDeeds = async (who: string) => {
  for (let i = 0; i < 2; i++) await callAs('town-admin-2', 'deeds.correct', { userId: userIdOf(who), delta: 50, reason: '测试用积分' })
}
/** A correction above the approval threshold about a resident of `who`'s village, requested by the second town admin. */
async function pendingCorrection(who: string): Promise<string> {
  const { res } = await callAs('town-admin-2', 'deeds.correct', { userId: userIdOf(deedVillage(who) === 'v_xigang' ? 'resident-3' : 'resident-2'), delta: 60, reason: '补记活动积分' })
  if (!res.ok || res.data.status !== 'pending') throw new Error(`correct: ${JSON.stringify(res)}`)
  return res.data.request.id
}
const VILLAGE_OF_PERSONA: Record<string, string> = { 'unit-zhifa': 'v_xigang', 'village-admin-xigang': 'v_xigang', 'town-admin': 'v_xigang' }
/** A redemption awaiting hand-over in 东山村 (scoped actions: only 东山's admin and the town office may). */
async function awaitingRedemption(): Promise<{ id: string; code: string; villageId: string }> {
  await topUpDeeds('resident-1')
  const { res } = await callAs('resident-1', 'deeds.redeem', { goodsId: 'gd_ds_towel' })
  if (!res.ok) throw new Error(`redeem: ${res.message}`)
  return { id: res.data.id, code: res.data.code, villageId: 'v_dongshan' }
}

export const SAMPLES: Record<ActionName, (who: string) => unknown> = {
  'users.me': () => ({}),
  'users.home': () => ({}),
  'users.updateProfile': () => ({ name: '新名字', phone: '13700000000' }),
  'users.acceptPrivacy': () => ({ version: '2026-11' }),
  'users.setPreferences': () => ({ largeFont: true }),
  'users.list': () => ({ villageId: 'v_dongshan' }),
  'users.assignRole': () => ({ userId: userIdOf('resident-2'), role: 'grid_worker', gridId: 'g_dongshan_3' }),
  'users.revokeRole': () => ({ userId: userIdOf('grid-dongshan-2'), role: 'grid_worker', gridId: 'g_dongshan_2' }),
  'users.cancelMove': () => ({}),
  'users.moves': async () => {
    await moveIntoDongshan()
    return { villageId: 'v_dongshan' }
  },
  'users.confirmMove': () => moveIntoDongshan(),
  'users.refuseMove': async () => ({ ...(await moveIntoDongshan()), reason: '经核实未在本村居住' }),
  'org.overview': () => ({}),
  'org.listUnits': () => ({}),
  'org.listStaff': () => ({ villageId: 'v_dongshan' }),
  'org.saveVillage': () => ({ name: '新建村' }),
  'org.saveGrid': () => ({ villageId: 'v_dongshan', name: '东山四组网格' }),
  'org.saveUnit': () => ({ name: '镇文明办' }),
  'org.safeguards': () => ({}),
  'org.saveSafeguards': () => ({ correctionThreshold: 80, reportsPerDay: 12, declarationsPerDay: 8, nominationsPerDay: 3 }),
  'reports.categories': () => ({}),
  'reports.saveCategories': () => ({
    items: [
      { code: 'litter', name: '乱扔垃圾', enabled: true },
      { code: 'other', name: '其他', enabled: true }
    ],
    rev: 0
  }),
  'reports.create': async () => draft(),
  'reports.nearby': () => ({ category: 'litter', location: { lng: 120.31, lat: 30.41 } }),
  'reports.support': () => ({ reportId: seedReportId('ds-accepted') }),
  'reports.mine': () => ({}),
  'reports.get': (who) => ({ reportId: viewableBy(who) }),
  'reports.rate': async (who) => ({ reportId: await closedReportOf(who), value: 'satisfied' }),
  'reports.reopen': async (who) => ({ reportId: await closedReportOf(who), reason: '问题又出现了，请再处理' }),
  'reports.publicList': () => ({ villageId: 'v_dongshan' }),
  'reports.queue': () => ({}),
  'reports.accept': (who) => ({ reportId: inVillageOf(who, 'ds-submitted', 'xg-submitted') }),
  'reports.reject': (who) => ({ reportId: inVillageOf(who, 'ds-submitted', 'xg-submitted'), reason: '不属于文明创建范围' }),
  'reports.markDuplicate': (who) => ({ reportId: inVillageOf(who, 'ds-submitted', 'xg-submitted'), originalId: inVillageOf(who, 'ds-accepted', 'xg-accepted') }),
  'reports.changeCategory': (who) => ({ reportId: inVillageOf(who, 'ds-submitted', 'xg-submitted'), category: 'piling' }),
  'reports.dispatch': (who) => ({ reportId: inVillageOf(who, 'ds-accepted', 'xg-accepted'), unitId: 'unit_1', rectifyDeadline: chinaDay(7) }),
  'reports.sign': () => ({ reportId: seedReportId('ds-dispatched') }),
  'reports.answer': () => ({ reportId: seedReportId('ds-signed'), measures: '安排队员劝离摊贩', plannedDate: chinaDay(0) }),
  'reports.return': () => ({ reportId: seedReportId('ds-dispatched'), reason: '不属于本单位职责范围' }),
  'reports.rectify': async () => ({ reportId: seedReportId('ds-answered'), photos: [await photo()], note: '铁皮棚已拆除' }),
  'reports.verify': (who) => ({ reportId: inVillageOf(who, 'ds-rectified', 'xg-rectified'), pass: true }),
  'reports.suspend': () => ({ reportId: seedReportId('ds-dispatched'), reason: '需跨部门协调' }),
  'reports.resume': async () => {
    // only a suspended problem is resumed (already suspended by an earlier sample: the refusal is ignored)
    await callAs('town-admin', 'reports.suspend', { reportId: seedReportId('ds-dispatched'), reason: '需跨部门协调' })
    return { reportId: seedReportId('ds-dispatched'), workdays: 5 }
  },
  'reports.ledger': () => ({}),
  'reports.exportLedger': (who) => ({ villageId: who === 'village-admin-xigang' ? 'v_xigang' : 'v_dongshan' }),
  'reports.ledgerTotal': (who) => ({ villageId: who === 'village-admin-xigang' ? 'v_xigang' : 'v_dongshan' }),
  'reports.letter': (who) => ({ letterId: letterOf(inVillageOf(who, 'ds-dispatched', 'xg-dispatched')) }),
  'reports.calendar': () => ({ year: 2026 }),
  'reports.setCalendarDay': () => ({ date: '2027-01-01', kind: 'holiday', name: '元旦' }),
  'volunteers.me': () => ({}),
  // 林志愿 registering again with his own ID number is a retry, answered with his registration
  'volunteers.register': (who) => ({
    realName: '测试志愿者',
    idNumber: who === 'volunteer-1' ? seedIdNumber('volunteer-1') : makeIdNumber(PERSONA_ID_NUMBERS[who] ?? 907),
    phone: '13712345678',
    skills: ['环境清洁'],
    villageId: 'v_dongshan',
    idConsent: true
  }),
  'volunteers.teams': () => ({}),
  'volunteers.saveTeam': () => ({ villageId: 'v_dongshan', name: '东山村新建志愿队', leaderId: null }),
  'volunteers.joinTeam': () => ({ teamId: seedTeamId('ds-elder') }),
  'volunteers.members': (who) => ({ teamId: teamOf(who) }),
  'volunteers.reviewMember': (who) => ({ teamId: teamOf(who), userId: seedUserId(who === 'village-admin-xigang' ? 'xg-traffic-5' : 'ds-env-7'), approve: true }),
  'volunteers.teamOverview': () => ({ villageId: 'v_dongshan' }),
  'volunteers.activities': (who) => (who === 'resident-1' ? {} : { managed: true }),
  'volunteers.activity': () => ({ activityId: seedActivityId('ds-open-upcoming') }),
  'volunteers.saveActivity': (who) => activityInput(who === 'volunteer-1' ? { teamId: seedTeamId('ds-env') } : who === 'village-admin-xigang' ? { villageId: 'v_xigang' } : {}),
  'volunteers.publishActivity': (who) => ({ activityId: organised(who, 'ds-env-draft', 'xg-draft', 'ds-draft') }),
  'volunteers.cancelActivity': (who) => ({ activityId: organised(who, 'ds-env-upcoming', 'xg-open-upcoming', 'ds-open-upcoming'), reason: '天气原因，活动取消' }),
  'volunteers.signup': () => ({ activityId: seedActivityId('ds-open-tomorrow') }),
  'volunteers.cancelSignup': () => ({ activityId: seedActivityId('ds-env-upcoming') }),
  'volunteers.checkinCode': (who) => ({ activityId: organised(who, 'ds-env-ongoing', 'xg-open-upcoming', 'ds-env-ongoing') }),
  'volunteers.scan': () => scanOfOngoing(),
  'volunteers.setCheckInMode': () => ({ activityId: seedActivityId('ds-env-ongoing'), mode: 'personal_code' }),
  'volunteers.personalCode': async () => {
    await personalMode(seedActivityId('ds-env-ongoing'))
    return { activityId: seedActivityId('ds-env-ongoing') }
  },
  'volunteers.scanPersonal': (who) => personalScanOf(who),
  'volunteers.manualCheck': (who) => {
    const activityId = organised(who, 'ds-env-ongoing', 'xg-past', 'ds-env-ongoing')
    const a = localCloud.engine.get('volunteer_activities', activityId) as { startAt: Date }
    return { activityId, userId: notCheckedIn(who), kind: 'checkin', at: new Date(a.startAt).toISOString(), reason: '现场确认已到岗' }
  },
  'volunteers.correctHours': (who) => ({ activityId: organised(who, 'ds-env-past-1', 'xg-past', 'ds-env-past-1'), userId: withHours(who), hours: 1.5, reason: '中途离开一小时' }),
  'volunteers.pendingHours': () => ({}),
  'volunteers.approveHours': (who) => ({ pendingId: requestFor(who), approve: true }),
  'volunteers.roster': (who) => ({ activityId: organised(who, 'ds-env-ongoing', 'xg-past', 'ds-open-upcoming') }),
  'volunteers.exportRoster': (who) => ({ activityId: organised(who, 'ds-env-past-1', 'xg-past', 'ds-env-past-1') }),
  'volunteers.myHours': () => ({}),
  'volunteers.certificate': () => ({}),
  'volunteers.settings': () => ({}),
  'volunteers.saveSettings': () => ({ roundingHours: 0.5, maxDistanceM: 300, rotateSeconds: 30, checkinOpensMinutes: 20 }),
  'deeds.rules': () => ({}),
  'deeds.saveRules': () => ({ rules: [{ key: 'deed:helping', points: 6, dailyCap: 12, monthlyCap: 60 }] }),
  'deeds.declare': () => deedInput({ subjectUserId: userIdOf('resident-1') }),
  'deeds.mine': () => ({}),
  'deeds.record': () => ({}),
  'deeds.ledger': () => ({}),
  'deeds.household': () => ({}),
  'deeds.findResidents': () => ({ villageId: 'v_dongshan', name: '李大爷' }),
  'deeds.households': () => ({ villageId: 'v_dongshan' }),
  'deeds.person': (who) => ({ userId: userIdOf(deedVillage(who) === 'v_xigang' ? 'resident-3' : 'resident-2') }),
  'deeds.saveHousehold': () => ({ villageId: 'v_dongshan', name: '新登记家庭', headUserId: userIdOf('grid-dongshan-2'), memberIds: [] }),
  'deeds.queue': () => ({ villageId: 'v_dongshan' }),
  'deeds.approve': (who) => ({ deedId: seedDeedId(deedVillage(who) === 'v_xigang' ? 'xigang' : 'pending') }),
  'deeds.reject': (who) => ({ deedId: seedDeedId(deedVillage(who) === 'v_xigang' ? 'xigang' : 'pending'), reason: '情况不属实' }),
  'deeds.correct': (who) => ({ userId: userIdOf(deedVillage(who) === 'v_xigang' ? 'resident-3' : 'resident-2'), delta: 5, reason: '补记积分' }),
  'deeds.pendingCorrections': () => ({ villageId: 'v_dongshan' }),
  'deeds.approveCorrection': async (who) => ({ requestId: await pendingCorrection(who), approve: true }),
  'deeds.goods': () => ({}),
  'deeds.saveGoods': () => ({ villageId: 'v_dongshan', name: '肥皂', price: 5, stock: 10, photo: null, enabled: true }),
  'deeds.redeem': async (who) => {
    await topUpDeeds(who)
    return { goodsId: (VILLAGE_OF_PERSONA[who] ?? 'v_dongshan') === 'v_xigang' ? 'gd_xg_oil' : 'gd_ds_towel' }
  },
  'deeds.myRedemptions': () => ({}),
  'deeds.redemptions': () => ({ villageId: 'v_dongshan' }),
  'deeds.handOver': async () => {
    const r = await awaitingRedemption()
    return { villageId: r.villageId, code: r.code }
  },
  'deeds.cancelRedemption': async () => {
    const r = await awaitingRedemption()
    return { villageId: r.villageId, redemptionId: r.id, reason: '商品暂缺' }
  },
  'honour.boards': () => ({}),
  'honour.manageBoards': () => ({ villageId: 'v_dongshan' }),
  'honour.board': async () => ({ boardId: await publishedBoard('town-admin', null) }),
  'honour.saveBoard': () => boardInput('v_dongshan'),
  'honour.publishBoard': async (who) => ({ boardId: await draftBoard(...managerOf(who)) }),
  'honour.withdrawBoard': async (who) => ({ boardId: await publishedBoard(...managerOf(who)), reason: '上榜人姓名写错了' }),
  'honour.selections': () => ({}),
  'honour.selection': async () => ({ selectionId: await createdSelection('town-admin', null) }),
  'honour.saveSelection': () => selectionInput('v_dongshan'),
  'honour.nominate': async () => ({ selectionId: await createdSelection('town-admin', null), subject: 'person', name: '王秀兰', story: '多年照顾邻居孤寡老人，风雨无阻' }),
  'honour.candidates': async (who) => ({ selectionId: await createdSelection(...managerOf(who)) }),
  'honour.reviewCandidate': async (who) => ({ candidateId: await pendingCandidate(who), approve: true }),
  'honour.vote': async () => ({ candidateId: (await votingCandidate('town-admin', null)).candidateId }),
  'honour.closeSelection': async (who) => ({ selectionId: await createdSelection(...managerOf(who), {}, -1) }),
  'honour.publishWinners': async (who) => ({ selectionId: await finishedSelection(who), publish: true }),
  'supervision.templates': () => ({}),
  'supervision.template': async () => ({ templateId: (await smallTemplate()).id }),
  'supervision.saveTemplate': () => ({ name: '新巡查表', items: [{ text: '是否有暴露垃圾', category: 'litter', deduction: 5 }], enabled: true }),
  'supervision.schedule': async () => ({ villageId: 'v_dongshan', gridId: null, date: today(), templateId: (await smallTemplate()).id, patrollerIds: [userIdOf('grid-dongshan-1')] }),
  'supervision.generateRoster': async () => ({
    villageId: 'v_dongshan',
    gridId: 'g_dongshan_1',
    templateId: (await smallTemplate()).id,
    ...nextMonth(),
    patrollerIds: [userIdOf('grid-dongshan-1'), userIdOf('grid-dongshan-2')]
  }),
  // a patrol of tomorrow: one's own day (or a past one) is not cancelled
  'supervision.cancelPatrol': async (who) => ({ patrolId: (await samplePatrol(who, false, chinaDayAfter(new Date(), 1))).id, reason: '天气原因改期' }),
  'supervision.roster': () => ({ villageId: 'v_dongshan', ...nextMonth() }),
  'supervision.mine': () => ({ when: 'today' }),
  'supervision.patrol': async (who) => ({ patrolId: (await samplePatrol(who, true)).id }),
  'supervision.submitPatrol': async (who) => {
    const p = await samplePatrol(who, true)
    return submission(p, await resultsFor(p))
  },
  'supervision.counts': () => ({ villageId: 'v_dongshan', ...nextMonth() }),
  'supervision.dashboard': (who) => ({ ...dashboardScope(who), period: 'week' }),
  'supervision.recordVisit': () => visitInput(),
  'supervision.visits': () => ({ villageId: 'v_dongshan', ...thisMonth() }),
  'supervision.visit': async (who) => ({ visitId: (await sampleVisit(who)).id }),
  'supervision.visitCoverage': () => ({ villageId: 'v_dongshan', ...thisMonth() }),
  'supervision.visitHouseholds': () => ({ villageId: 'v_dongshan', ...thisMonth(), only: 'unvisited' }),
  'supervision.submitInfo': (who) => infoInput(infoSender(who)),
  'supervision.editInfo': async (who) => {
    const i = await givenInfo(infoSender(who))
    return { infoId: i.id, rev: i.rev, kind: 'case', title: '修改后的信息标题', text: i.text }
  },
  'supervision.withdrawInfo': async (who) => {
    const i = await givenInfo(infoSender(who))
    return { infoId: i.id, rev: i.rev }
  },
  'supervision.decideInfo': async () => ({ infoId: (await givenInfo()).id, decision: 'adopt', level: 'county' }),
  'supervision.infos': () => ({}),
  'supervision.info': async (who) => ({ infoId: (await givenInfo(infoSender(who))).id }),
  'supervision.infoHalf': () => ({ ...thisMonth(), half: Number(today().slice(8, 10)) <= 15 ? 1 : 2 }),
  'supervision.cleaningRules': () => ({}),
  'supervision.saveCleaningRules': () => ({ rev: 0, deductionYuan: 25, items: [...DEFAULT_CLEANING_ITEMS] }),
  'supervision.cleaners': () => ({}),
  'supervision.saveCleaner': (who) => ({ name: '刘保洁', phone: '13900001111', villageId: cleaningVillage(who), enabled: true }),
  'supervision.zones': () => ({}),
  'supervision.zone': async (who) => ({ zoneId: (await cleaningZone(who)).id }),
  'supervision.saveZone': async (who) => zoneInput([(await givenCleaner('town-admin', { villageId: cleaningVillage(who) })).id], { villageId: cleaningVillage(who) }),
  'supervision.inspectZone': async (who) => inspectInput((await cleaningZone(who)).id, ['c1', 'c2']),
  'supervision.findings': () => ({}),
  'supervision.finding': async (who) => ({ findingId: (await givenInspection((await cleaningZone(who)).id, ['c1'], 'town-admin')).findings[0].id }),
  'supervision.cleanerSheet': async (who) => {
    const z = await cleaningZone(who)
    await givenInspection(z.id, ['c1'], 'town-admin')
    return { cleanerId: z.cleaners[0].id, month: today().slice(0, 7) }
  },
  'supervision.exportCleanerSheets': () => ({ month: today().slice(0, 7) }),
  'supervision.appealFinding': async (who) => ({
    findingId: (await givenInspection((await cleaningZone(who)).id, ['c1'], 'town-admin')).findings[0].id,
    reason: '检查前已按时清扫',
    photos: [await photo()]
  }),
  'supervision.decideAppeal': async () => ({ findingId: await appealedFinding(), outcome: 'withdraw', reason: '核实后撤销' }),
  'supervision.rectifyNotices': () => ({}),
  'supervision.scoringScheme': () => ({}),
  'supervision.saveScoringScheme': () => ({
    baseVersion: 1,
    name: '本镇评分办法',
    weights: { onTimeRate: 40, closureRate: 20, satisfactionRate: 20, reworkRate: 10, avgHandlingDays: 10 },
    worstDays: 10,
    overduePoints: 2,
    overdueMax: 20,
    minVolume: 5,
    flagThreshold: 90
  }),
  'supervision.generateBulletin': () => ({ kind: 'week' }),
  'supervision.bulletins': () => ({}),
  'supervision.bulletin': async () => ({ bulletinId: (await givenDraft()).id }),
  'supervision.editBulletin': async () => {
    const d = await givenDraft()
    return { bulletinId: d.id, rev: d.rev, text: '本周通报正文，经镇创建办修改。' }
  },
  'supervision.openBulletinReview': async () => {
    const d = await givenDraft()
    return { bulletinId: d.id, rev: d.rev }
  },
  'supervision.bulletinFigures': async (who) => ({ bulletinId: (await givenReview()).id, ...placeOf(who) }),
  'supervision.contestBulletin': async (who) => ({ bulletinId: (await givenReview()).id, ...placeOf(who), figure: 'overdue', reason: '超期问题已于上周五整改完毕' }),
  'supervision.answerContest': async () => {
    const r = await givenReview()
    const { res } = await callAs('village-admin-dongshan', 'supervision.contestBulletin', {
      bulletinId: r.id,
      placeKind: 'village',
      placeId: 'v_dongshan',
      figure: 'overdue',
      reason: '超期问题已于上周五整改完毕'
    })
    if (!res.ok) throw new Error(`contestBulletin: ${res.message}`)
    return { bulletinId: r.id, contestId: 'village-v_dongshan', decision: 'reject', note: '经核实，截至统计时点仍超期' }
  },
  'supervision.publishBulletin': async () => {
    const d = await givenPublishable()
    return { bulletinId: d.id, rev: d.rev }
  },
  'supervision.exportBulletin': async () => ({ bulletinId: (await givenDraft()).id }),
  'supervision.publicBulletins': () => ({}),
  'supervision.publicBulletin': async () => ({ bulletinId: (await givenPublished()).id }),
  'supervision.bulletinLetters': () => ({}),
  'supervision.answerBulletinLetter': (who) => ({ letterId: givenLetter(placeOf(who).placeKind, placeOf(who).placeId), answer: '已召开专题会议，落实整改' })
}

/** 信息报送: each sender persona sends for its own village or unit; the others' samples use 东山村's admin's items. */
const infoSender = (who: string) => (who in SENDER_OF ? who : 'village-admin-dongshan')

/** 保洁考核: 西岗社区 for its admin, 东山村 for everyone else; a street zone with one cleaner, made by the town office. */
/** 数据看板: a village admin their village, unit staff their unit (郑军: unit_1), the town office the town. */
const dashboardScope = (who: string) =>
  who === 'village-admin-xigang' ? { villageId: 'v_xigang' } : who === 'village-admin-dongshan' ? { villageId: 'v_dongshan' } : who === 'unit-zhifa' ? { unitId: 'unit_1' } : {}
const cleaningVillage = (who: string) => (who === 'village-admin-xigang' ? 'v_xigang' : 'v_dongshan')
const cleaningZone = (who: string) => givenZone({ villageId: cleaningVillage(who) }, 'town-admin')

/** A visit the persona may read: their own in their village (西岗社区's admin: 张小明家); the refused ones get 李卫东's. */
function sampleVisit(who: string) {
  if (who === 'village-admin-xigang') return givenVisit(who, { villageId: 'v_xigang', householdId: 'hh_zhang' })
  return givenVisit(['grid-dongshan-1', 'village-admin-dongshan', 'town-admin'].includes(who) ? who : 'village-admin-dongshan')
}

export function expectedAllowed(action: ActionName, p: Persona): boolean {
  const access = contract[action].access
  if (access.roles === 'anyone') return true
  const allowed = access.roles.filter((r) => p.roles.includes(r))
  if (allowed.length === 0) return false
  if (!access.scope || p.roles.includes('town_admin')) return true
  if (allowed.some((r) => r === 'resident' || r === 'volunteer')) return true
  return p.village === 'v_dongshan'
}
