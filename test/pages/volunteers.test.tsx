import { act, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { isValidIdNumber, type ActivityDetail, type MyProfile, type ScanResult } from '@/contract'
import ActivitiesPage from '@/pages/activities/index'
import RegisterPage from '@/packages/volunteers/pages/register/index'
import ActivityDetailPage from '@/packages/volunteers/pages/detail/index'
import MyHoursPage from '@/packages/volunteers/pages/my-hours/index'
import { CHECKIN_LOCATION_DENIED } from '@/hooks/use-checkin'
import { activityDetail, activitySummary, mySignup, org, profile, volunteerProfile } from './support/fixtures'
import { callMock, callsOf, serve, typeInto, type Replies } from './support/serve'
import { inStore, click } from './support/render'

jest.mock('@/services/call', () => ({ call: jest.fn() }))

const taro = Taro as unknown as {
  __resetStorage: () => void
  __setRouterParams: (params: Record<string, string>) => void
  showModal: jest.Mock
  getLocation: jest.Mock
  switchTab: jest.Mock
  navigateTo: jest.Mock
}

const resident = profile({ roles: ['resident'], grants: [] })
const volunteer = profile({ roles: ['resident', 'volunteer'], grants: [] })

function as(person: MyProfile, replies: Replies) {
  serve({
    'users.me': () => ({ ok: true, data: person }),
    'org.overview': () => ({ ok: true, data: org }),
    ...replies
  })
}

beforeEach(() => {
  callMock.mockReset()
  jest.clearAllMocks()
  taro.__resetStorage()
  taro.__setRouterParams({ id: 'a-1' })
})

describe('实名注册', () => {
  const VALID_ID = '11010519491231002X'
  const BAD_CHECKSUM = '110105194912310021'

  test('a bad ID checksum is a field error and nothing is sent; a valid form registers and goes back to the 志愿 tab', async () => {
    expect(isValidIdNumber(VALID_ID)).toBe(true)
    expect(isValidIdNumber(BAD_CHECKSUM)).toBe(false)
    let registered = false
    as(resident, {
      'volunteers.me': () => ({ ok: true, data: null }),
      'volunteers.register': () => {
        registered = true
        return { ok: true, data: volunteerProfile() }
      }
    })
    const { container } = inStore(<RegisterPage />)
    await waitFor(() => expect(container.querySelector('.page-volunteer-register .register-form')).toBeTruthy())
    // The ID number is visible in full only to the town office: the form says so.
    expect(screen.getByText(/只有镇创建办能看到完整号码/, { selector: '.register-privacy' })).toBeTruthy()

    await typeInto(container, '.input-id-number', BAD_CHECKSUM)
    await click(container.querySelector('.register-submit'))
    expect(await screen.findByText('身份证号不正确，请核对')).toBeTruthy()
    expect(callsOf('volunteers.register')).toHaveLength(0)

    await typeInto(container, '.input-id-number', '11010519491231')
    await click(container.querySelector('.register-submit'))
    expect(await screen.findByText('身份证号应为 18 位')).toBeTruthy()
    expect(callsOf('volunteers.register')).toHaveLength(0)

    await typeInto(container, '.input-id-number', VALID_ID.toLowerCase())
    await click(screen.getByText('交通劝导'))
    // The ID number's own consent: without it nothing is sent.
    await click(container.querySelector('.register-submit'))
    expect(await screen.findByText('请阅读身份证号的使用说明，同意后再注册')).toBeTruthy()
    expect(callsOf('volunteers.register')).toHaveLength(0)
    await click(container.querySelector('.register-consent'))
    await click(container.querySelector('.register-submit'))
    await waitFor(() => expect(callsOf('volunteers.register')).toHaveLength(1))
    // Name and phone come from the profile; the village defaults to mine.
    expect(callsOf('volunteers.register')[0][1]).toEqual({ realName: '张秀兰', idNumber: VALID_ID.toLowerCase(), phone: '13800138000', skills: ['交通劝导'], villageId: 'v-dongshan', idConsent: true })
    expect(registered).toBe(true)
    await waitFor(() => expect(taro.switchTab).toHaveBeenCalledWith({ url: '/pages/activities/index' }))
    // users.me again, so the volunteer role is known.
    await waitFor(() => expect(callsOf('users.me').length).toBeGreaterThanOrEqual(2))
  })

  test('an empty name and a bad phone are field errors in Chinese', async () => {
    as(profile({ roles: ['resident'], grants: [], name: '', phone: null }), { 'volunteers.me': () => ({ ok: true, data: null }) })
    const { container } = inStore(<RegisterPage />)
    await waitFor(() => expect(container.querySelector('.register-form')).toBeTruthy())
    await typeInto(container, '.input-phone', '1380013')
    await click(container.querySelector('.register-submit'))
    expect(await screen.findByText('请填写姓名')).toBeTruthy()
    expect(screen.getByText('请填写 11 位手机号')).toBeTruthy()
    expect(screen.getByText('请填写身份证号')).toBeTruthy()
    expect(callsOf('volunteers.register')).toHaveLength(0)
  })

  test('the server refusing a second registration shows its message', async () => {
    as(resident, {
      'volunteers.me': () => ({ ok: true, data: null }),
      'volunteers.register': () => ({ ok: false, code: 'CONFLICT', message: '这个身份证号已经注册过志愿者', fields: { idNumber: '这个身份证号已经注册过志愿者' } })
    })
    const { container } = inStore(<RegisterPage />)
    await waitFor(() => expect(container.querySelector('.register-form')).toBeTruthy())
    await typeInto(container, '.input-id-number', VALID_ID)
    await click(container.querySelector('.register-consent'))
    await click(container.querySelector('.register-submit'))
    expect(await screen.findByText('这个身份证号已经注册过志愿者')).toBeTruthy()
    expect(taro.switchTab).not.toHaveBeenCalled()
  })
})

describe('志愿 tab', () => {
  test('a resident sees 实名注册 and the activities of their village, filtered by category and date', async () => {
    as(resident, {
      'volunteers.me': () => ({ ok: true, data: null }),
      'volunteers.activities': () => ({
        ok: true,
        data: {
          items: [activitySummary({ mine: mySignup({ status: 'waitlisted', position: 2 }), remaining: 0, waitlistCount: 3 }), activitySummary({ id: 'a-2', title: '敬老院陪护', mine: mySignup() })],
          next: 'c2'
        }
      })
    })
    const { container } = inStore(<ActivitiesPage />)
    expect(await screen.findByText('清洁家园·村道垃圾清理')).toBeTruthy()
    expect(container.querySelector('.page-activities')).toBeTruthy()
    expect(container.querySelector('.volunteer-register-entry')?.textContent).toContain('实名注册')
    expect(screen.getByText('候补第 2 位')).toBeTruthy()
    expect(screen.getByText('已报名')).toBeTruthy()
    expect(screen.getByText(/已满员，可候补/)).toBeTruthy()
    expect(screen.getByText('加载更多')).toBeTruthy()
    const first = callsOf('volunteers.activities')[0][1] as Record<string, unknown>
    expect(first).toMatchObject({ villageId: 'v-dongshan', pageSize: 20 })
    expect(first.from).toEqual(expect.any(String))
    expect(first.to).toBeUndefined()

    await click(screen.getByText('助老助残'))
    await waitFor(() => expect(callsOf('volunteers.activities').length).toBe(2))
    expect(callsOf('volunteers.activities')[1][1]).toMatchObject({ villageId: 'v-dongshan', category: 'elderly' })

    await click(screen.getByText('本周'))
    await waitFor(() => expect(callsOf('volunteers.activities').length).toBe(3))
    const week = callsOf('volunteers.activities')[2][1] as { from: string; to: string }
    expect(Date.parse(week.to) - Date.parse(week.from)).toBeGreaterThanOrEqual(7 * 24 * 3600 * 1000 - 3600 * 1000)

    await click(screen.getByText('全镇'))
    await waitFor(() => expect(callsOf('volunteers.activities').length).toBe(4))
    expect(callsOf('volunteers.activities')[3][1]).not.toHaveProperty('villageId')

    await click(screen.getByText('敬老院陪护'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/volunteers/pages/detail/index?id=a-2' })
  })

  test('a volunteer sees their hours and teams and applies to join a team', async () => {
    as(volunteer, {
      'volunteers.me': () => ({ ok: true, data: volunteerProfile({ teams: [{ teamId: 't-1', teamName: '东山村巾帼志愿服务队', status: 'approved', leader: false }] }) }),
      'volunteers.activities': () => ({ ok: true, data: { items: [], next: null } }),
      'volunteers.teams': () => ({
        ok: true,
        data: [
          {
            id: 't-1',
            villageId: 'v-dongshan',
            villageName: '东山村',
            name: '东山村巾帼志愿服务队',
            leaderId: 'u-9',
            leaderName: '李队长',
            memberCount: 6,
            activitiesThisMonth: 2,
            hoursThisMonth: 30,
            flags: []
          },
          {
            id: 't-2',
            villageId: 'v-dongshan',
            villageName: '东山村',
            name: '东山村护河队',
            leaderId: null,
            leaderName: null,
            memberCount: 3,
            activitiesThisMonth: 0,
            hoursThisMonth: 0,
            flags: ['队员不足 5 人']
          }
        ]
      }),
      'volunteers.joinTeam': () => ({
        ok: true,
        data: volunteerProfile({
          teams: [
            { teamId: 't-1', teamName: '东山村巾帼志愿服务队', status: 'approved', leader: false },
            { teamId: 't-2', teamName: '东山村护河队', status: 'pending', leader: false }
          ]
        })
      })
    })
    const { container } = inStore(<ActivitiesPage />)
    expect(await screen.findByText('12.5')).toBeTruthy()
    expect(screen.getByText('这段时间没有符合条件的志愿活动')).toBeTruthy()
    expect(screen.getByText('已加入')).toBeTruthy()

    await click(screen.getByText('加入队伍'))
    await screen.findByText('东山村护河队')
    expect(callsOf('volunteers.teams')[0][1]).toEqual({ villageId: 'v-dongshan' })
    const buttons = Array.from(container.querySelectorAll('.team-apply'))
    expect(buttons.map((node) => node.textContent)).toEqual(['已加入', '申请加入'])
    await click(buttons[1])
    await waitFor(() => expect(callsOf('volunteers.joinTeam')).toEqual([['volunteers.joinTeam', { teamId: 't-2' }]]))
    expect(await screen.findByText('审核中', { selector: '.team-status' })).toBeTruthy()
  })

  test('an error loading activities offers 重试', async () => {
    let failed = false
    as(volunteer, {
      'volunteers.me': () => ({ ok: true, data: volunteerProfile() }),
      'volunteers.activities': () => {
        if (!failed) {
          failed = true
          return { ok: false, code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' }
        }
        return { ok: true, data: { items: [activitySummary()], next: null } }
      }
    })
    inStore(<ActivitiesPage />)
    expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeTruthy()
    await click(screen.getByText('重试'))
    expect(await screen.findByText('清洁家园·村道垃圾清理')).toBeTruthy()
  })
})

describe('活动详情：报名、候补、取消', () => {
  function serveDetail(person: MyProfile, first: ActivityDetail, replies: Replies = {}) {
    as(person, { 'volunteers.activity': () => ({ ok: true, data: first }), ...replies })
    return inStore(<ActivityDetailPage />)
  }

  test('报名 with places left calls volunteers.signup; 取消报名 asks first, then calls volunteers.cancelSignup', async () => {
    const open = activityDetail()
    const signed = activityDetail({ mine: mySignup(), signedCount: 16, remaining: 4 })
    const { container } = serveDetail(volunteer, open, {
      'volunteers.signup': () => ({ ok: true, data: signed }),
      'volunteers.cancelSignup': () => ({ ok: true, data: { ...open, mine: mySignup({ status: 'cancelled' }) } })
    })
    expect(await screen.findByText('清洁家园·村道垃圾清理')).toBeTruthy()
    expect(container.querySelector('.page-activity-detail')).toBeTruthy()
    expect(screen.getByText(/剩余 5 个名额/)).toBeTruthy()
    expect(container.querySelector('.signup-cancel')).toBeNull()

    await click(container.querySelector('.signup-submit'))
    await waitFor(() => expect(callsOf('volunteers.signup')).toEqual([['volunteers.signup', { activityId: 'a-1' }]]))
    expect(await screen.findByText('您已报名')).toBeTruthy()
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '报名成功' }))
    expect(container.querySelector('.signup-submit')).toBeNull()

    // Changing one's mind at the confirmation sends nothing.
    taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
    await click(screen.getByText('取消报名'))
    expect(callsOf('volunteers.cancelSignup')).toHaveLength(0)

    await click(screen.getByText('取消报名'))
    await waitFor(() => expect(callsOf('volunteers.cancelSignup')).toEqual([['volunteers.cancelSignup', { activityId: 'a-1' }]]))
    expect(taro.showModal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '取消报名？' }))
    expect(await screen.findByText('报名')).toBeTruthy()
    expect(screen.queryByText('您已报名')).toBeNull()
  })

  test('a full activity offers 候补; the answer shows my place in the waitlist', async () => {
    const full = activityDetail({ remaining: 0, signedCount: 20, waitlistCount: 2 })
    const { container } = serveDetail(volunteer, full, {
      'volunteers.signup': () => ({ ok: true, data: { ...full, waitlistCount: 3, mine: mySignup({ status: 'waitlisted', position: 3 }) } })
    })
    await screen.findByText('清洁家园·村道垃圾清理')
    expect(screen.getByText(/名额已满，可以候补/)).toBeTruthy()
    const button = container.querySelector('.signup-submit') as HTMLElement
    expect(button.textContent).toBe('候补')
    await click(button)
    await waitFor(() => expect(callsOf('volunteers.signup')).toHaveLength(1))
    expect(await screen.findByText(/您在候补第 3 位/)).toBeTruthy()
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已候补，第 3 位' }))
    // Still before the deadline: leaving the waitlist is possible; no check-in for the waitlisted.
    expect(container.querySelector('.signup-cancel')).toBeTruthy()
    expect(container.querySelector('.checkin-box')).toBeNull()
  })

  test('a refusal from the server (e.g. not a member of the team) is shown', async () => {
    const teamOnly = activityDetail({ teamId: 't-1', teamName: '东山村巾帼志愿服务队' })
    const { container } = serveDetail(volunteer, teamOnly, {
      'volunteers.signup': () => ({ ok: false, code: 'FORBIDDEN', message: '本活动只限东山村巾帼志愿服务队队员报名' })
    })
    await screen.findByText('本活动面向东山村巾帼志愿服务队队员')
    await click(container.querySelector('.signup-submit'))
    expect(await screen.findByText('本活动只限东山村巾帼志愿服务队队员报名', { selector: '.signup-error' })).toBeTruthy()
  })

  test('after the deadline there is no 报名 and no 取消报名', async () => {
    const closed = activityDetail({ signupDeadline: new Date(Date.now() - 3600 * 1000).toISOString() })
    const { container } = serveDetail(volunteer, closed)
    expect(await screen.findByText(/报名已于 .* 截止/)).toBeTruthy()
    expect(container.querySelector('.signup-submit')).toBeNull()
    expect(container.querySelector('.signup-cancel')).toBeNull()
  })

  test('a cancelled activity says so and offers nothing to do', async () => {
    const { container } = serveDetail(volunteer, activityDetail({ status: 'cancelled', statusLabel: '已取消', mine: mySignup() }))
    expect(await screen.findByText('活动已取消')).toBeTruthy()
    expect(container.querySelector('.signup-submit')).toBeNull()
    expect(container.querySelector('.signup-cancel')).toBeNull()
    expect(container.querySelector('.checkin-box')).toBeNull()
  })

  test('someone who is not a volunteer is sent to 实名注册', async () => {
    const { container } = serveDetail(resident, activityDetail())
    await screen.findByText('清洁家园·村道垃圾清理')
    expect(container.querySelector('.signup-submit')).toBeNull()
    await click(container.querySelector('.signup-register'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/volunteers/pages/register/index' })
  })

  test('the organiser of the activity gets 编辑 / 显示签到码 / 名单 / 取消活动', async () => {
    const managed = activityDetail({ canManage: true })
    const { container } = serveDetail(profile({ roles: ['resident', 'village_admin'], grants: [{ role: 'village_admin', villageId: 'v-dongshan', grantedAt: '', grantedBy: '' }] }), managed, {
      'volunteers.cancelActivity': () => ({ ok: true, data: { ...managed, status: 'cancelled', statusLabel: '已取消' } })
    })
    await screen.findByText('组织者')
    expect(Array.from(container.querySelectorAll('.activity-admin-buttons .nut-button')).map((node) => node.textContent)).toEqual(['编辑', '显示签到码', '名单', '取消活动'])
    await click(screen.getByText('显示签到码'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/volunteers/pages/checkin-code/index?id=a-1' })

    await click(screen.getByText('取消活动'))
    await typeInto(container, '.input-cancel-reason', '雨')
    await click(screen.getByText('确认取消活动'))
    expect(await screen.findByText('取消原因至少 2 个字')).toBeTruthy()
    expect(callsOf('volunteers.cancelActivity')).toHaveLength(0)

    await typeInto(container, '.input-cancel-reason', '暴雨预警，活动改期')
    await click(screen.getByText('确认取消活动'))
    await waitFor(() => expect(callsOf('volunteers.cancelActivity')).toEqual([['volunteers.cancelActivity', { activityId: 'a-1', reason: '暴雨预警，活动改期' }]]))
    // The organiser is told who will be notified.
    expect(taro.showModal).toHaveBeenLastCalledWith(expect.objectContaining({ content: expect.stringContaining('已报名和候补的 15 人会收到取消通知') }))
    expect(await screen.findByText('已取消', { selector: '.activity-status' })).toBeTruthy()
    expect(container.querySelector('.admin-cancel')).toBeNull()
    // An organiser who is not a volunteer gets no sign-up box.
    expect(container.querySelector('.activity-signup-card')).toBeNull()
  })
})

describe('签到签退', () => {
  const onNow = () => activityDetail({ mine: mySignup(), signupDeadline: new Date(Date.now() - 3600 * 1000).toISOString() }, -0.2)

  test('the server’s refusal reason is shown; the code and my position are sent', async () => {
    as(volunteer, {
      'volunteers.activity': () => ({ ok: true, data: onNow() }),
      'volunteers.scan': () => ({ ok: false, code: 'CONFLICT', message: '您离活动地点约 1.2 公里，请到现场后再签到' })
    })
    const { container } = inStore(<ActivityDetailPage />)
    await screen.findByText('到现场后签到')
    // Browser build: the code is typed.
    const submit = container.querySelector('.checkin-submit') as HTMLElement
    expect(submit.textContent).toBe('签到')
    await click(submit)
    expect(await screen.findByText('请输入组织者手机上显示的签到码')).toBeTruthy()
    expect(callsOf('volunteers.scan')).toHaveLength(0)

    await typeInto(container, '.input-checkin-code', 'VC-a1-7f3k9q2m')
    await click(submit)
    expect(await screen.findByText('您离活动地点约 1.2 公里，请到现场后再签到', { selector: '.checkin-error' })).toBeTruthy()
    expect(callsOf('volunteers.scan')).toEqual([['volunteers.scan', { code: 'VC-a1-7f3k9q2m', location: { lng: 113.2644, lat: 23.1291 }, activityId: 'a-1' }]])
  })

  test('no location permission: a clear message, nothing sent', async () => {
    as(volunteer, { 'volunteers.activity': () => ({ ok: true, data: onNow() }) })
    taro.getLocation.mockRejectedValueOnce({ errMsg: 'getLocation:fail auth deny' })
    const { container } = inStore(<ActivityDetailPage />)
    await screen.findByText('到现场后签到')
    await typeInto(container, '.input-checkin-code', 'VC-a1-7f3k9q2m')
    await click(container.querySelector('.checkin-submit'))
    expect(await screen.findByText(CHECKIN_LOCATION_DENIED)).toBeTruthy()
    expect(callsOf('volunteers.scan')).toHaveLength(0)
  })

  test('签退 shows the hours and loads the activity again', async () => {
    const checkedIn = activityDetail({ mine: mySignup({ checkInAt: new Date(Date.now() - 2 * 3600 * 1000).toISOString() }) }, -2)
    const result: ScanResult = { kind: 'checkout', at: new Date().toISOString(), hours: 2, activityTitle: '清洁家园·村道垃圾清理' }
    let scanned = false
    as(volunteer, {
      'volunteers.activity': () => ({ ok: true, data: scanned ? { ...checkedIn, mine: { ...checkedIn.mine!, checkOutAt: result.at, hours: 2, hoursStatus: 'counted' } } : checkedIn }),
      'volunteers.scan': () => {
        scanned = true
        return { ok: true, data: result }
      }
    })
    const { container } = inStore(<ActivityDetailPage />)
    await screen.findByText('活动结束时签退')
    expect(container.querySelector('.checkin-submit')?.textContent).toBe('签退')
    await typeInto(container, '.input-checkin-code', 'VC-a1-9x8y7z6w')
    await click(container.querySelector('.checkin-submit'))
    await waitFor(() => expect(callsOf('volunteers.activity')).toHaveLength(2))
    // Checked out: no more code field; the result and the hours stay on the page.
    expect(await screen.findByText('服务时长：2 小时（已计入）')).toBeTruthy()
    expect(screen.getByText('签退成功，本次服务 2 小时')).toBeTruthy()
    expect(container.querySelector('.input-checkin-code')).toBeNull()
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '签退成功，本次服务 2 小时' }))
  })
})

describe('一人一码：我的签到码', () => {
  afterEach(() => jest.useRealTimers())

  test('the volunteer shows a rotating personal QR code instead of a scanner; when the organiser has scanned, the page moves on', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-21T01:00:00.000Z') })
    const personal = activityDetail({ checkInMode: 'personal_code', mine: mySignup(), signupDeadline: new Date(Date.now() - 3600 * 1000).toISOString() }, -0.2)
    let n = 0
    let scannedAt: string | null = null
    as(volunteer, {
      'volunteers.activity': () => ({ ok: true, data: scannedAt ? { ...personal, mine: mySignup({ checkInAt: scannedAt }) } : personal }),
      'volunteers.personalCode': () => {
        n += 1
        return {
          ok: true,
          data: {
            activityId: 'a-1',
            code: `ZP1.a-1.user-zhang.${n}.personal-code-0${n}`,
            expiresAt: new Date(Date.now() + 60000).toISOString(),
            rotateSeconds: 60,
            checkInAt: scannedAt,
            checkOutAt: null
          }
        }
      }
    })
    const { container } = inStore(<ActivityDetailPage />)
    await act(async () => {
      await jest.advanceTimersByTimeAsync(50)
    })
    await waitFor(() => expect(container.querySelector('.personal-code-text')?.textContent).toBe('ZP1.a-1.user-zhang.1.personal-code-01'))
    expect(screen.getByText('到现场后请组织者扫码签到')).toBeTruthy()
    expect(container.querySelector('.personal-qr svg path')?.getAttribute('d')).toMatch(/^M\d+ \d+h/)
    // no scanner and no code field of the activity code
    expect(container.querySelector('.checkin-submit')).toBeNull()
    expect(container.querySelector('.input-checkin-code')).toBeNull()
    expect(callsOf('volunteers.personalCode')[0][1]).toEqual({ activityId: 'a-1' })

    // the organiser scans; the next code says so and the activity is loaded again
    scannedAt = new Date().toISOString()
    await act(async () => {
      await jest.advanceTimersByTimeAsync(58000)
    })
    await waitFor(() => expect(callsOf('volunteers.personalCode')).toHaveLength(2))
    await waitFor(() => expect(callsOf('volunteers.activity')).toHaveLength(2))
    expect(await screen.findByText('活动结束时请组织者扫码签退')).toBeTruthy()
    expect(container.querySelector('.personal-code-text')?.textContent).toBe('ZP1.a-1.user-zhang.2.personal-code-02')
  })

  test('a refusal is shown with 重试', async () => {
    const personal = activityDetail({ checkInMode: 'personal_code', mine: mySignup(), signupDeadline: new Date(Date.now() - 3600 * 1000).toISOString() }, -0.2)
    as(volunteer, {
      'volunteers.activity': () => ({ ok: true, data: personal }),
      'volunteers.personalCode': () => ({ ok: false, code: 'CONFLICT', message: '本活动扫组织者出示的活动签到码签到，不需要个人签到码' })
    })
    inStore(<ActivityDetailPage />)
    expect(await screen.findByText('本活动扫组织者出示的活动签到码签到，不需要个人签到码')).toBeTruthy()
    expect(screen.getByText('重试')).toBeTruthy()
  })

  test('days before the activity: a note, no code fetched', async () => {
    as(volunteer, { 'volunteers.activity': () => ({ ok: true, data: activityDetail({ checkInMode: 'personal_code', mine: mySignup() }, 72) }) })
    inStore(<ActivityDetailPage />)
    expect(await screen.findByText(/活动当天到现场后，在这里出示您的签到码/)).toBeTruthy()
    expect(callsOf('volunteers.personalCode')).toHaveLength(0)
  })
})

describe('我的时长', () => {
  test('total, ledger and 开具志愿服务证明', async () => {
    as(volunteer, {
      'volunteers.myHours': () => ({
        ok: true,
        data: {
          totalHours: 12.5,
          page: {
            items: [
              { activityId: 'a-1', title: '清洁家园·村道垃圾清理', date: '2026-11-08', hours: 2, status: 'counted' },
              { activityId: 'a-3', title: '文明交通劝导', date: '2026-11-12', hours: 1.5, status: 'pending' }
            ],
            next: null
          }
        }
      })
    })
    const { container } = inStore(<MyHoursPage />)
    expect(await screen.findByText('12.5')).toBeTruthy()
    expect(container.querySelector('.page-my-hours')).toBeTruthy()
    expect(screen.getByText('待审核')).toBeTruthy()
    expect(screen.getByText('1.5 小时')).toBeTruthy()
    await click(screen.getByText('开具志愿服务证明'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/volunteers/pages/certificate/index' })
  })
})

test('志愿 tab before the privacy notice is accepted: activities to browse and 实名注册, no personal call', async () => {
  as(profile({ roles: ['resident'], grants: [], privacyVersion: null, privacyAcceptedAt: null }), {
    'volunteers.activities': () => ({ ok: true, data: { items: [activitySummary()], next: null } })
  })
  const { container } = inStore(<ActivitiesPage />)
  expect(await screen.findByText('清洁家园·村道垃圾清理')).toBeTruthy()
  expect(container.querySelector('.volunteer-register-entry')?.textContent).toContain('实名注册')
  expect(callsOf('volunteers.me')).toEqual([])
})
