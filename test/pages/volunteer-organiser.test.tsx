import { act, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { CheckinCode, HoursPendingItem, MyProfile, PersonalScanResult, RosterRow, Team } from '@/contract'
import CheckinCodePage from '@/packages/volunteers/pages/checkin-code/index'
import ActivityDetailPage from '@/packages/volunteers/pages/detail/index'
import ManagePage from '@/packages/volunteers/pages/manage/index'
import EditPage from '@/packages/volunteers/pages/edit/index'
import RosterPage from '@/packages/volunteers/pages/roster/index'
import HoursReviewPage from '@/packages/volunteers/pages/hours-review/index'
import TeamsPage from '@/packages/volunteers/pages/teams/index'
import MePage from '@/pages/me/index'
import { nextRefreshDelay } from '@/hooks/use-checkin-code'
import { activityDetail, activitySummary, org, profile, volunteerProfile } from './support/fixtures'
import { callMock, callsOf, serve, typeInto, type Replies } from './support/serve'
import { inStore, click } from './support/render'

jest.mock('@/services/call', () => ({ call: jest.fn() }))

const taro = Taro as unknown as {
  __resetStorage: () => void
  __setRouterParams: (params: Record<string, string>) => void
  showModal: jest.Mock
  navigateTo: jest.Mock
  redirectTo: jest.Mock
}

const villageAdmin = profile({
  id: 'user-va',
  name: '赵书记',
  roles: ['resident', 'village_admin'],
  grants: [{ role: 'village_admin', villageId: 'v-dongshan', grantedAt: '2026-10-01T00:00:00.000Z', grantedBy: 'seed' }]
})
const townAdmin = profile({ id: 'user-town', name: '王主任', roles: ['resident', 'town_admin'], grants: [{ role: 'town_admin', grantedAt: '2026-10-01T00:00:00.000Z', grantedBy: 'seed' }] })
const leader = profile({ id: 'user-lin', name: '林志愿', roles: ['resident', 'volunteer'], grants: [] })
const plainVolunteer = profile({ id: 'user-zhou', name: '周小雨', roles: ['resident', 'volunteer'], grants: [] })
const leaderMe = volunteerProfile({ userId: 'user-lin', realName: '林志愿', teams: [{ teamId: 't-1', teamName: '东山村巾帼志愿服务队', status: 'approved', leader: true }] })

function as(person: MyProfile, replies: Replies) {
  serve({
    'users.me': () => ({ ok: true, data: person }),
    'org.overview': () => ({ ok: true, data: org }),
    'volunteers.activity': () => ({ ok: true, data: activityDetail({ canManage: true }) }),
    ...replies
  })
}

function team(patch: Partial<Team> = {}): Team {
  return {
    id: 't-1',
    villageId: 'v-dongshan',
    villageName: '东山村',
    name: '东山村巾帼志愿服务队',
    leaderId: 'user-lin',
    leaderName: '林志愿',
    memberCount: 6,
    activitiesThisMonth: 2,
    hoursThisMonth: 36,
    flags: [],
    ...patch
  }
}

function rosterRow(patch: Partial<RosterRow> = {}): RosterRow {
  const userId = patch.userId ?? 'user-zhang'
  return {
    id: `a-1_${userId}`,
    userId: 'user-zhang',
    name: '张秀兰',
    phone: '13800138000',
    status: 'signed',
    position: null,
    signedAt: '2026-11-20T02:00:00.000Z',
    checkInAt: null,
    checkOutAt: null,
    hours: 0,
    hoursStatus: 'none',
    flags: [],
    relaySuspect: null,
    ...patch
  }
}

beforeEach(() => {
  callMock.mockReset()
  jest.clearAllMocks()
  jest.useRealTimers()
  taro.__resetStorage()
  taro.__setRouterParams({ id: 'a-1' })
})

describe('签到码', () => {
  test('shows the QR code with the code text under it and fetches a new code before it expires', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-21T01:00:00.000Z') })
    let n = 0
    const codeAt = (): CheckinCode => {
      n += 1
      return { activityId: 'a-1', code: `VC-a1-code-${n}`, shortCode: `40725${n}`, expiresAt: new Date(Date.now() + 30000).toISOString(), rotateSeconds: 30 }
    }
    as(villageAdmin, { 'volunteers.checkinCode': () => ({ ok: true, data: codeAt() }) })
    const { container } = inStore(<CheckinCodePage />)
    await act(async () => {
      await jest.advanceTimersByTimeAsync(50)
    })
    await waitFor(() => expect(container.querySelector('.page-checkin-code .checkin-code-text')?.textContent).toBe('VC-a1-code-1'))
    expect(callsOf('volunteers.checkinCode')[0][1]).toEqual({ activityId: 'a-1' })
    // The QR code itself: an SVG path of dark modules inside a quiet zone.
    const path = container.querySelector('.checkin-qr svg path') as SVGPathElement
    expect(path.getAttribute('d')).toMatch(/^M\d+ \d+h\d+v1h-\d+z/)
    expect(Number(container.querySelector('.checkin-qr svg')?.getAttribute('data-modules'))).toBeGreaterThanOrEqual(21)
    expect(screen.getByText('清洁家园·村道垃圾清理')).toBeTruthy()
    expect(screen.getByText(/二维码每 30 秒自动更换，\d+ 秒后更换/)).toBeTruthy()
    // the six digits for a phone that cannot scan, in two groups of three
    expect(container.querySelector('.checkin-short-code')?.textContent).toBe('407 251')
    expect(screen.getByText('不能扫码时，在活动页面输入数字签到码')).toBeTruthy()

    await act(async () => {
      await jest.advanceTimersByTimeAsync(28000)
    })
    await waitFor(() => expect(container.querySelector('.checkin-code-text')?.textContent).toBe('VC-a1-code-2'))
    expect(container.querySelector('.checkin-short-code')?.textContent).toBe('407 252')
    expect(callsOf('volunteers.checkinCode')).toHaveLength(2)
  })

  test('the refresh comes before expiry, never in a tight loop, never later than a rotation', () => {
    const now = Date.parse('2026-11-21T01:00:00.000Z')
    expect(nextRefreshDelay({ expiresAt: new Date(now + 30000).toISOString(), rotateSeconds: 30 }, now)).toBe(27000)
    // Phone clock ahead of the server: the code looks expired already.
    expect(nextRefreshDelay({ expiresAt: new Date(now - 60000).toISOString(), rotateSeconds: 30 }, now)).toBe(3000)
    // Phone clock behind: wait at most one rotation.
    expect(nextRefreshDelay({ expiresAt: new Date(now + 600000).toISOString(), rotateSeconds: 30 }, now)).toBe(27000)
  })

  test('a plain volunteer may not open the organiser pages', async () => {
    as(plainVolunteer, { 'volunteers.me': () => ({ ok: true, data: volunteerProfile({ userId: 'user-zhou' }) }) })
    const { container } = inStore(<CheckinCodePage />)
    expect(await screen.findByText('志愿活动管理只对村（居）管理员、镇创建办和志愿队队长开放')).toBeTruthy()
    expect(container.querySelector('.page-checkin-code')).toBeTruthy()
    expect(callsOf('volunteers.checkinCode')).toHaveLength(0)
  })
})

describe('活动管理', () => {
  test('a team leader sees their activities with the organiser buttons and can publish a draft', async () => {
    const draft = activitySummary({ id: 'a-9', title: '护河巡查', status: 'draft', statusLabel: '草稿', signedCount: 0 })
    as(leader, {
      'volunteers.me': () => ({ ok: true, data: leaderMe }),
      'volunteers.activities': () => ({ ok: true, data: { items: [activitySummary(), draft], next: null } }),
      'volunteers.publishActivity': () => ({ ok: true, data: activityDetail({ id: 'a-9', title: '护河巡查', status: 'published', statusLabel: '已发布', signedCount: 0 }) })
    })
    const { container } = inStore(<ManagePage />)
    expect(await screen.findByText('护河巡查')).toBeTruthy()
    expect(container.querySelector('.page-activity-manage')).toBeTruthy()
    expect(screen.getByText('队长 · 东山村巾帼志愿服务队')).toBeTruthy()
    expect(callsOf('volunteers.activities')[0][1]).toMatchObject({ managed: true })
    expect(screen.getByText('已报名 15/20')).toBeTruthy()
    await click(screen.getByText('发布'))
    await waitFor(() => expect(callsOf('volunteers.publishActivity')).toEqual([['volunteers.publishActivity', { activityId: 'a-9' }]]))
    await waitFor(() => expect(container.querySelectorAll('.admin-show-code')).toHaveLength(2))
    await click(screen.getByText('新建活动'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/volunteers/pages/edit/index' })
  })

  test('new activity: schema errors under the fields, then 发布 saves and publishes', async () => {
    taro.__setRouterParams({})
    as(villageAdmin, {
      'volunteers.activities': () => ({ ok: true, data: { items: [activitySummary()], next: null } }),
      'volunteers.teams': () => ({ ok: true, data: [team()] }),
      'volunteers.saveActivity': (input) => ({ ok: true, data: activityDetail({ ...(input as object), id: 'a-new', status: 'draft', statusLabel: '草稿', canManage: true }) }),
      'volunteers.publishActivity': () => ({ ok: true, data: activityDetail({ id: 'a-new', canManage: true }) })
    })
    const { container } = inStore(<EditPage />)
    await waitFor(() => expect(container.querySelector('.page-activity-edit .activity-form')).toBeTruthy())
    await click(container.querySelector('.activity-publish'))
    expect(await screen.findByText('请填写活动名称')).toBeTruthy()
    expect(screen.getByText('请选择活动类别')).toBeTruthy()
    expect(screen.getByText('请填写活动内容')).toBeTruthy()
    expect(screen.getByText(/请确定活动地点的位置/)).toBeTruthy()
    expect(callsOf('volunteers.saveActivity')).toHaveLength(0)

    await typeInto(container, '.input-title', '重阳节敬老院陪护')
    await click(screen.getByText('助老助残'))
    await typeInto(container, '.input-description', '陪老人聊天、读报，帮忙打扫房间。')
    // The venue of an earlier activity gives name, address and the check-in position at once.
    await click(await screen.findByText('村委会广场', { selector: '.venue-recent-item' }))
    await click(screen.getByText('东山村巾帼志愿服务队'))
    await click(container.querySelector('.activity-publish'))
    await waitFor(() => expect(callsOf('volunteers.publishActivity')).toEqual([['volunteers.publishActivity', { activityId: 'a-new' }]]))
    const saved = callsOf('volunteers.saveActivity')[0][1] as Record<string, unknown>
    expect(saved).toMatchObject({
      title: '重阳节敬老院陪护',
      category: 'elderly',
      villageId: 'v-dongshan',
      teamId: 't-1',
      venue: { name: '村委会广场', address: '东山村村委会门前', location: { lng: 113.2644, lat: 23.1291 } },
      capacity: 20,
      hoursCredit: 2
    })
    expect(Date.parse(saved.signupDeadline as string)).toBeLessThan(Date.parse(saved.startAt as string))
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/volunteers/pages/detail/index?id=a-new' })
  })
})

describe('名单', () => {
  test('手工签到 needs a reason, says it needs a second person, and puts the answer in place; 导出 Excel gives a link', async () => {
    const flagged = rosterRow({
      userId: 'user-li',
      name: '李建国',
      checkInAt: '2026-11-21T01:00:00.000Z',
      checkOutAt: '2026-11-21T04:00:00.000Z',
      hours: 2,
      hoursStatus: 'counted',
      flags: ['未签退，已自动结束']
    })
    as(villageAdmin, {
      'volunteers.roster': () => ({
        ok: true,
        data: {
          items: [rosterRow(), flagged, rosterRow({ userId: 'user-w', name: '王五', status: 'waitlisted', position: 1 })],
          next: null,
          counts: { signed: 2, waitlisted: 1, checkedIn: 1, flagged: 1 }
        }
      }),
      'volunteers.manualCheck': () => ({ ok: true, data: [rosterRow({ checkInAt: '2026-11-21T01:05:00.000Z', hoursStatus: 'pending', flags: ['手工签到：手机没电'] }), flagged] }),
      'volunteers.exportRoster': () => ({ ok: true, data: { fileID: 'cloud://x.xlsx', url: 'https://files.example/roster.xlsx', rows: 3 } })
    })
    const { container } = inStore(<RosterPage />)
    expect(await screen.findByText('张秀兰')).toBeTruthy()
    expect(container.querySelector('.page-roster')).toBeTruthy()
    expect(screen.getByText('未签退，已自动结束')).toBeTruthy()
    expect(container.querySelectorAll('.roster-row--flagged')).toHaveLength(1)
    expect(screen.getByText('候补第 1 位')).toBeTruthy()
    expect(screen.getByText('已报名 2 人，已签到 1 人，候补 1 人，1 人需要留意')).toBeTruthy()
    expect(callsOf('volunteers.roster')[0][1]).toEqual({ activityId: 'a-1', pageSize: 20 })
    expect(screen.getByText('没有更多了')).toBeTruthy()

    await click(screen.getByText('手工签到'))
    expect(screen.getByText(/需要另一位组织者审核通过后，时长才计入/)).toBeTruthy()
    await click(screen.getByText('确认手工签到'))
    expect(await screen.findByText('原因至少 2 个字')).toBeTruthy()
    expect(callsOf('volunteers.manualCheck')).toHaveLength(0)
    await typeInto(container, '.input-manual-reason', '手机没电')
    await click(screen.getByText('确认手工签到'))
    await waitFor(() => expect(callsOf('volunteers.manualCheck')).toHaveLength(1))
    expect(callsOf('volunteers.manualCheck')[0][1]).toMatchObject({ activityId: 'a-1', userId: 'user-zhang', kind: 'checkin', reason: '手机没电', at: expect.any(String) })
    expect(await screen.findByText('手工签到：手机没电')).toBeTruthy()
    // the row is replaced in place; its new flag counts in the totals
    expect(container.querySelectorAll('.roster-row')).toHaveLength(3)
    expect(screen.getByText('已报名 2 人，已签到 1 人，候补 1 人，2 人需要留意')).toBeTruthy()
    expect(callsOf('volunteers.roster')).toHaveLength(1)

    await click(screen.getByText('导出 Excel'))
    const link = (await screen.findByText('下载 Excel（3 人）')) as HTMLAnchorElement
    expect(link.getAttribute('href')).toBe('https://files.example/roster.xlsx')
  })

  test('加载更多 brings the next page; the totals are the whole roster’s, not the rows loaded', async () => {
    const page2 = rosterRow({ userId: 'user-w', name: '王五', status: 'waitlisted', position: 3 })
    const counts = { signed: 30, waitlisted: 5, checkedIn: 12, flagged: 0 }
    as(villageAdmin, {
      'volunteers.roster': (input) =>
        (input as { cursor?: string }).cursor === 'after-2'
          ? { ok: true, data: { items: [page2], next: null, counts } }
          : { ok: true, data: { items: [rosterRow(), rosterRow({ userId: 'user-li', name: '李建国' })], next: 'after-2', counts } }
    })
    const { container } = inStore(<RosterPage />)
    expect(await screen.findByText('李建国')).toBeTruthy()
    expect(screen.getByText('已报名 30 人，已签到 12 人，候补 5 人')).toBeTruthy()
    expect(container.querySelectorAll('.roster-row')).toHaveLength(2)
    expect(screen.queryByText('王五')).toBeNull()
    await click(screen.getByText('加载更多'))
    expect(await screen.findByText('王五')).toBeTruthy()
    expect(screen.getByText('候补第 3 位')).toBeTruthy()
    expect(callsOf('volunteers.roster').map(([, input]) => input)).toEqual([
      { activityId: 'a-1', pageSize: 20 },
      { activityId: 'a-1', cursor: 'after-2', pageSize: 20 }
    ])
    expect(container.querySelectorAll('.roster-row')).toHaveLength(3)
    expect(screen.getByText('没有更多了')).toBeTruthy()
  })
})

describe('一人一码：组织者扫码', () => {
  const personal = () => activityDetail({ canManage: true, checkInMode: 'personal_code' }, -0.2)
  const result = (patch: Partial<PersonalScanResult> = {}): PersonalScanResult => ({
    kind: 'checkin',
    at: '2026-11-21T01:02:00.000Z',
    hours: null,
    activityTitle: '清洁家园·村道垃圾清理',
    userId: 'user-zhang',
    name: '张秀兰',
    ...patch
  })

  test('no activity code to show: the volunteer’s code is read (typed in the browser), sent with my position; the names are listed', async () => {
    let n = 0
    as(villageAdmin, {
      'volunteers.activity': () => ({ ok: true, data: personal() }),
      'volunteers.scanPersonal': () => {
        n += 1
        if (n === 1) return { ok: false, code: 'INVALID_INPUT', message: '志愿者的签到码已过期，请志愿者刷新页面后再扫' }
        return {
          ok: true,
          data:
            n === 2
              ? result()
              : result({ kind: 'checkout', userId: 'user-li', name: '李建国', hours: 2, pendingReview: true, reviewReason: '扫码位置与他人的扫码位置重合，服务时长需组织者核实本人到场后计入' })
        }
      }
    })
    const { container } = inStore(<CheckinCodePage />)
    expect(await screen.findByText(/本活动一人一码签到/)).toBeTruthy()
    expect(screen.getByText('还没有扫码记录')).toBeTruthy()
    expect(callsOf('volunteers.checkinCode')).toHaveLength(0)
    expect(container.querySelector('.checkin-qr')).toBeNull()

    await click(container.querySelector('.scan-personal-submit'))
    expect(await screen.findByText('请输入志愿者手机上显示的签到码')).toBeTruthy()
    expect(callsOf('volunteers.scanPersonal')).toHaveLength(0)

    await typeInto(container, '.input-personal-code', 'ZP1.a-1.user-zhang.1.old')
    await click(container.querySelector('.scan-personal-submit'))
    expect(await screen.findByText('志愿者的签到码已过期，请志愿者刷新页面后再扫', { selector: '.personal-scan-error' })).toBeTruthy()
    expect(callsOf('volunteers.scanPersonal')[0][1]).toEqual({ code: 'ZP1.a-1.user-zhang.1.old', location: { lng: 113.2644, lat: 23.1291 }, activityId: 'a-1' })

    await typeInto(container, '.input-personal-code', 'ZP1.a-1.user-zhang.2.new')
    await click(container.querySelector('.scan-personal-submit'))
    expect(await screen.findByText('张秀兰 签到成功（09:02）')).toBeTruthy()
    await typeInto(container, '.input-personal-code', 'ZP1.a-1.user-li.2.new')
    await click(container.querySelector('.scan-personal-submit'))
    expect(await screen.findByText('李建国 签退已记录（本次 2 小时）。扫码位置与他人的扫码位置重合，服务时长需组织者核实本人到场后计入')).toBeTruthy()
    expect(container.querySelectorAll('.personal-scan-result--pending')).toHaveLength(1)
    // one position serves the scans at the desk
    expect((Taro as unknown as { getLocation: jest.Mock }).getLocation).toHaveBeenCalledTimes(1)
  })

  test('the roster shows a suspected relayed scan and counts it', async () => {
    const relayed = rosterRow({
      userId: 'user-li',
      name: '李建国',
      checkInAt: '2026-11-21T01:00:00.000Z',
      relaySuspect: '疑似代签：扫码位置与 张秀兰 的扫码位置几乎重合（相距不到 2 米），请核实本人是否到场'
    })
    as(villageAdmin, {
      'volunteers.roster': () => ({ ok: true, data: { items: [rosterRow(), relayed], next: null, counts: { signed: 2, waitlisted: 0, checkedIn: 1, flagged: 1, relaySuspect: 1 } } })
    })
    const { container } = inStore(<RosterPage />)
    expect(await screen.findByText(/^疑似代签：扫码位置与 张秀兰/)).toBeTruthy()
    expect(container.querySelectorAll('.roster-row--relay')).toHaveLength(1)
    expect(container.querySelector('.roster-row--relay')?.getAttribute('data-user-id')).toBe('user-li')
    expect(screen.getByText('已报名 2 人，已签到 1 人，1 人需要留意（其中 1 人扫码位置与他人重合，疑似代签，请核实）')).toBeTruthy()
  })

  test('the town office requires 一人一码 on an activity', async () => {
    const plain = activityDetail({ canManage: true })
    as(townAdmin, {
      'volunteers.activity': () => ({ ok: true, data: plain }),
      'volunteers.setCheckInMode': () => ({ ok: true, data: { ...plain, checkInMode: 'personal_code' } })
    })
    const { container } = inStore(<ActivityDetailPage />)
    expect(await screen.findByText('签到方式：扫活动签到码')).toBeTruthy()
    await click(screen.getByText('要求一人一码'))
    await waitFor(() => expect(callsOf('volunteers.setCheckInMode')).toEqual([['volunteers.setCheckInMode', { activityId: 'a-1', mode: 'personal_code' }]]))
    expect(await screen.findByText('签到方式：一人一码（组织者扫志愿者签到码）')).toBeTruthy()
    expect(screen.getByText('改回扫活动码')).toBeTruthy()
    expect(Array.from(container.querySelectorAll('.activity-admin-buttons .nut-button')).map((node) => node.textContent)).toContain('扫志愿者签到码')
  })

  test('a village admin sees that 一人一码 is required, and cannot change it', async () => {
    as(villageAdmin, { 'volunteers.activity': () => ({ ok: true, data: activityDetail({ canManage: true, checkInMode: 'personal_code' }) }) })
    const { container } = inStore(<ActivityDetailPage />)
    expect(await screen.findByText('签到方式：一人一码（组织者扫志愿者签到码）（镇创建办要求）')).toBeTruthy()
    expect(container.querySelector('.admin-checkin-mode')).toBeNull()
  })
})

describe('时长审核', () => {
  test('the server refusing to approve one’s own request is shown on that item', async () => {
    const item: HoursPendingItem = {
      id: 'p-1',
      activityId: 'a-1',
      activityTitle: '清洁家园·村道垃圾清理',
      userId: 'user-zhang',
      name: '张秀兰',
      kind: 'manual_checkin',
      hours: 2,
      reason: '手机没电',
      requestedBy: 'user-va',
      requestedAt: '2026-11-21T05:00:00.000Z'
    }
    as(villageAdmin, {
      'volunteers.pendingHours': () => ({ ok: true, data: { items: [item], next: null } }),
      'volunteers.approveHours': () => ({ ok: false, code: 'FORBIDDEN', message: '不能审核自己提交的时长，请另一位组织者审核' })
    })
    const { container } = inStore(<HoursReviewPage />)
    expect(await screen.findByText('张秀兰')).toBeTruthy()
    expect(container.querySelector('.page-hours-review')).toBeTruthy()
    expect(screen.getByText(/手工签到 · 您提交于/)).toBeTruthy()
    expect(screen.getByText('这是您提交的，需要另一位组织者审核。')).toBeTruthy()
    await click(screen.getByText('通过'))
    await waitFor(() => expect(callsOf('volunteers.approveHours')).toEqual([['volunteers.approveHours', { pendingId: 'p-1', approve: true }]]))
    expect(await screen.findByText('不能审核自己提交的时长，请另一位组织者审核', { selector: '.pending-error' })).toBeTruthy()
    // Still on the list.
    expect(screen.getByText('张秀兰')).toBeTruthy()
  })

  test('不通过 with a note removes the item', async () => {
    const item: HoursPendingItem = {
      id: 'p-2',
      activityId: 'a-1',
      activityTitle: '清洁家园',
      userId: 'u',
      name: '李建国',
      kind: 'correction',
      hours: 3,
      reason: '忘记签退',
      requestedBy: '林志愿',
      requestedAt: '2026-11-21T05:00:00.000Z'
    }
    as(villageAdmin, {
      'volunteers.pendingHours': () => ({ ok: true, data: { items: [item], next: null } }),
      'volunteers.approveHours': () => ({ ok: true, data: [] })
    })
    const { container } = inStore(<HoursReviewPage />)
    await screen.findByText('李建国')
    await click(screen.getByText('不通过'))
    await typeInto(container, '.input-reject-note', '活动只有两小时')
    await click(screen.getByText('确认不通过'))
    await waitFor(() => expect(callsOf('volunteers.approveHours')).toEqual([['volunteers.approveHours', { pendingId: 'p-2', approve: false, note: '活动只有两小时' }]]))
    expect(await screen.findByText('没有待审核的时长')).toBeTruthy()
  })

  test('an approved request leaves the list without a reload; 加载更多 brings the next ones', async () => {
    const pending = (id: string, name: string): HoursPendingItem => ({
      id,
      activityId: 'a-1',
      activityTitle: '清洁家园',
      userId: `u-${id}`,
      name,
      kind: 'correction',
      hours: 2,
      reason: '忘记签退',
      requestedBy: 'user-lin',
      requestedAt: '2026-11-21T05:00:00.000Z'
    })
    as(villageAdmin, {
      'volunteers.pendingHours': (input) =>
        (input as { cursor?: string }).cursor === 'after-p2'
          ? { ok: true, data: { items: [pending('p3', '王五')], next: null } }
          : { ok: true, data: { items: [pending('p1', '张秀兰'), pending('p2', '李建国')], next: 'after-p2' } },
      'volunteers.approveHours': () => ({ ok: true, data: [pending('p2', '李建国')] })
    })
    const { container } = inStore(<HoursReviewPage />)
    expect(await screen.findByText('张秀兰')).toBeTruthy()
    expect(screen.getByText('李建国')).toBeTruthy()
    await click(container.querySelector('[data-pending-id="p1"] .pending-approve'))
    await waitFor(() => expect(callsOf('volunteers.approveHours')).toEqual([['volunteers.approveHours', { pendingId: 'p1', approve: true }]]))
    await waitFor(() => expect(screen.queryByText('张秀兰')).toBeNull())
    expect(screen.getByText('李建国')).toBeTruthy()
    expect(callsOf('volunteers.pendingHours')).toHaveLength(1)
    await click(screen.getByText('加载更多'))
    expect(await screen.findByText('王五')).toBeTruthy()
    expect(callsOf('volunteers.pendingHours').map(([, input]) => input)).toEqual([{ pageSize: 20 }, { cursor: 'after-p2', pageSize: 20 }])
    expect(container.querySelectorAll('.pending-card')).toHaveLength(2)
    expect(screen.getByText('没有更多了')).toBeTruthy()
  })

  test('when every loaded request is decided and more wait, the next page comes by itself', async () => {
    const pending = (id: string, name: string): HoursPendingItem => ({
      id,
      activityId: 'a-1',
      activityTitle: '清洁家园',
      userId: `u-${id}`,
      name,
      kind: 'manual_checkin',
      hours: 0,
      reason: '手机没电',
      requestedBy: 'user-lin',
      requestedAt: '2026-11-21T05:00:00.000Z'
    })
    as(villageAdmin, {
      'volunteers.pendingHours': (input) =>
        (input as { cursor?: string }).cursor === 'after-p1'
          ? { ok: true, data: { items: [pending('p2', '李建国')], next: null } }
          : { ok: true, data: { items: [pending('p1', '张秀兰')], next: 'after-p1' } },
      'volunteers.approveHours': () => ({ ok: true, data: [] })
    })
    inStore(<HoursReviewPage />)
    expect(await screen.findByText('张秀兰')).toBeTruthy()
    await click(screen.getByText('通过'))
    expect(await screen.findByText('李建国')).toBeTruthy()
    expect(screen.queryByText('张秀兰')).toBeNull()
    expect(callsOf('volunteers.pendingHours').map(([, input]) => input)).toEqual([{ pageSize: 20 }, { cursor: 'after-p1', pageSize: 20 }])
    expect(screen.queryByText('没有待审核的时长')).toBeNull()
  })
})

describe('队伍', () => {
  test('the town office sees every team, flagged ones highlighted, approves an application and sets a leader', async () => {
    const weak = team({ id: 't-2', name: '东山村护河队', memberCount: 3, activitiesThisMonth: 0, leaderId: null, leaderName: null, flags: ['队员不足 5 人', '本月活动不足 2 次'] })
    as(townAdmin, {
      'volunteers.teamOverview': () => ({ ok: true, data: [team(), weak] }),
      'volunteers.members': () => ({
        ok: true,
        data: [
          { userId: 'u-1', name: '钱一', phone: '13900000001', status: 'approved', appliedAt: '', hours: 4 },
          { userId: 'u-2', name: '孙二', phone: '13900000002', status: 'pending', appliedAt: '', hours: 0 }
        ]
      }),
      'volunteers.reviewMember': () => ({
        ok: true,
        data: [
          { userId: 'u-1', name: '钱一', phone: '13900000001', status: 'approved', appliedAt: '', hours: 4 },
          { userId: 'u-2', name: '孙二', phone: '13900000002', status: 'approved', appliedAt: '', hours: 0 }
        ]
      }),
      'volunteers.saveTeam': () => ({ ok: true, data: { ...weak, leaderId: 'u-2', leaderName: '孙二', memberCount: 4 } })
    })
    const { container } = inStore(<TeamsPage />)
    expect(await screen.findByText('东山村护河队')).toBeTruthy()
    expect(container.querySelector('.page-teams')).toBeTruthy()
    expect(callsOf('volunteers.teamOverview')[0][1]).toEqual({})
    expect(screen.getByText(/共 2 支队伍，1 支未达标/)).toBeTruthy()
    const flaggedCards = container.querySelectorAll('.team-card--flagged')
    expect(flaggedCards).toHaveLength(1)
    expect(flaggedCards[0].textContent).toContain('队员不足 5 人')
    expect(flaggedCards[0].textContent).toContain('本月活动不足 2 次')

    await click(flaggedCards[0].querySelector('.team-members-toggle'))
    await screen.findByText('入队申请（1）')
    await click(screen.getByText('同意'))
    await waitFor(() => expect(callsOf('volunteers.reviewMember')).toEqual([['volunteers.reviewMember', { teamId: 't-2', userId: 'u-2', approve: true }]]))
    await waitFor(() => expect(screen.queryByText('入队申请（1）')).toBeNull())

    await click(screen.getByText('孙二', { selector: '.pick-leader .choice-chip text, .pick-leader taro-text-core' }))
    await click(screen.getByText('保存队长'))
    await waitFor(() => expect(callsOf('volunteers.saveTeam')).toEqual([['volunteers.saveTeam', { id: 't-2', villageId: 'v-dongshan', name: '东山村护河队', leaderId: 'u-2' }]]))
    expect(await screen.findByText('队长：孙二')).toBeTruthy()
  })

  test('a village admin creates a team in their village', async () => {
    as(villageAdmin, {
      'volunteers.teamOverview': () => ({ ok: true, data: [team()] }),
      'volunteers.saveTeam': () => ({ ok: true, data: team({ id: 't-3', name: '东山村红马甲队' }) })
    })
    const { container } = inStore(<TeamsPage />)
    await screen.findByText('新建队伍 · 东山村')
    expect(callsOf('volunteers.teamOverview')[0][1]).toEqual({ villageId: 'v-dongshan' })
    await typeInto(container, '.input-team-name', '东山村红马甲队')
    await click(screen.getByText('新建队伍', { selector: '.nut-button-children, .team-create *' }))
    await waitFor(() => expect(callsOf('volunteers.saveTeam')).toEqual([['volunteers.saveTeam', { villageId: 'v-dongshan', name: '东山村红马甲队', leaderId: null }]]))
    await waitFor(() => expect(callsOf('volunteers.teamOverview')).toHaveLength(2))
  })
})

describe('我的 → 管理 for volunteers', () => {
  const entriesOf = (container: HTMLElement) => Array.from(container.querySelectorAll('.me-admin-title')).map((node) => node.textContent)

  test('a team leader gets the volunteer entries', async () => {
    as(leader, { 'volunteers.me': () => ({ ok: true, data: leaderMe }) })
    const { container } = inStore(<MePage />)
    await screen.findByText('管理')
    expect(entriesOf(container)).toEqual(['志愿活动管理', '时长审核', '志愿队伍'])
    await click(container.querySelector('.me-admin-volunteer-activities'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/volunteers/pages/manage/index' })
  })

  test('a volunteer who leads no team has no 管理', async () => {
    as(plainVolunteer, { 'volunteers.me': () => ({ ok: true, data: volunteerProfile({ userId: 'user-zhou' }) }) })
    inStore(<MePage />)
    await screen.findByText('长辈模式')
    await waitFor(() => expect(callsOf('volunteers.me')).toHaveLength(1))
    expect(screen.queryByText('管理')).toBeNull()
  })
})
