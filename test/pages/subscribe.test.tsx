/**
 * 订阅消息 are asked for in the tap of 随手拍 and 督导「提交」, of 活动「报名/候补」and of 队伍「申请加入」,
 * before anything goes to the network; whatever the answer, the action goes on. The service is mocked
 * here (its WeChat side is tested in subscribe-weapp.test.ts), except where a test plugs the real
 * weapp or browser one back in.
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { SUBSCRIBE_TEMPLATE_IDS, type SubscribeTemplate } from '@/contract/subscribe-templates'
import { AppStoreProvider } from '@/store/app-store'
import ReportPage from '@/pages/report/index'
import InspectPage from '@/packages/reports/pages/inspect/index'
import ActivityDetailPage from '@/packages/volunteers/pages/detail/index'
import ActivitiesPage from '@/pages/activities/index'
import ReportDetailPage from '@/packages/reports/pages/detail/index'
import { uploadPhoto } from '@/services/storage'
import { askToSubscribe, canAskToSubscribe } from '@/services/subscribe'
import { activityDetail, categories, mySignup, org, profile, reportDetail, volunteerProfile } from './support/fixtures'
import { callMock, callsOf, serve, typeInto, type Replies } from './support/serve'

jest.mock('@/services/call', () => ({ call: jest.fn() }))
jest.mock('@/services/storage', () => ({
  uploadPhoto: jest.fn(),
  preparePhoto: jest.fn(async (path: string) => `${path}#compressed`),
  releasePhoto: jest.fn()
}))
jest.mock('@/services/subscribe', () => ({ askToSubscribe: jest.fn(), canAskToSubscribe: jest.fn(() => true) }))

const ask = askToSubscribe as jest.MockedFunction<typeof askToSubscribe>
const upload = uploadPhoto as jest.MockedFunction<typeof uploadPhoto>
const taro = Taro as unknown as {
  chooseMedia: jest.Mock
  requestSubscribeMessage?: jest.Mock
  __resetStorage: () => void
  __setRouterParams: (params: Record<string, string>) => void
}

const ACTIVITY_TEMPLATES: SubscribeTemplate[] = ['activityChange', 'waitlistPromoted', 'activityReminder']

/** The person's answer to the dialog, given when the test says so. */
function pendingAnswer(): () => Promise<void> {
  let answer: () => void = () => undefined
  ask.mockImplementationOnce(() => new Promise<boolean>((resolve) => (answer = () => resolve(true))))
  return async () => {
    await act(async () => answer())
  }
}

/** When `call(action)` was first invoked, in jest's order of all mock calls. */
function orderOf(action: string): number {
  const index = callMock.mock.calls.findIndex(([name]) => name === action)
  if (index < 0) throw new Error(`${action} was not called`)
  return callMock.mock.invocationCallOrder[index]
}

beforeEach(() => {
  callMock.mockReset()
  upload.mockReset()
  jest.clearAllMocks()
  ask.mockResolvedValue(false)
  taro.__resetStorage()
  taro.__setRouterParams({ id: 'a-1' })
})

describe('随手拍「提交」', () => {
  const base: Replies = {
    'users.me': () => ({ ok: true, data: profile() }),
    'reports.categories': () => ({ ok: true, data: { items: categories, rev: 1 } }),
    'org.overview': () => ({ ok: true, data: org }),
    'reports.create': () => ({ ok: true, data: reportDetail({ id: 'r-new', no: 'SSP-2026-0042' }) })
  }

  async function fillForm(container: HTMLElement) {
    fireEvent.click(await screen.findByText('乱扔垃圾/暴露垃圾'))
    await typeInto(container, '.input-description', '村口垃圾堆了三天没人清理')
    taro.chooseMedia.mockResolvedValueOnce({ tempFiles: [{ tempFilePath: 'wxfile://tmp/1.jpg' }], type: 'image' })
    await act(async () => {
      fireEvent.click(screen.getByText('拍照/选照片'))
    })
    await waitFor(() => expect(container.querySelectorAll('.photo-picker-item')).toHaveLength(1))
    await typeInto(container, '.input-address', '东山村委会南边路口')
  }

  function renderIn(page: JSX.Element) {
    serve(base)
    upload.mockResolvedValue({ ok: true, data: 'cloud://env/reports/2026/11/p1.jpg' })
    return render(<AppStoreProvider>{page}</AppStoreProvider>)
  }

  test('asks for reportStatus in the tap, before any upload or request; a refusal still submits', async () => {
    const { container } = renderIn(<ReportPage />)
    await fillForm(container)
    const answer = pendingAnswer()
    const requestsBefore = callMock.mock.calls.length

    act(() => {
      fireEvent.click(screen.getByText('提交'))
    })
    // synchronously in the tap handler
    expect(ask).toHaveBeenCalledTimes(1)
    expect(ask).toHaveBeenCalledWith(['reportStatus', 'reportResult'])
    // nothing leaves the phone while the dialog is open, and a second tap does not ask again
    act(() => {
      fireEvent.click(screen.getByText('提交'))
    })
    expect(ask).toHaveBeenCalledTimes(1)
    expect(upload).not.toHaveBeenCalled()
    expect(callMock.mock.calls.length).toBe(requestsBefore)

    // the person refuses (the dialog resolves either way): the report goes out as before
    await answer()
    expect(await screen.findByText('已提交')).toBeTruthy()
    expect(callsOf('reports.create')).toHaveLength(1)
    expect(ask.mock.invocationCallOrder[0]).toBeLessThan(upload.mock.invocationCallOrder[0])
    expect(ask.mock.invocationCallOrder[0]).toBeLessThan(orderOf('reports.create'))
    expect(ask).toHaveBeenCalledTimes(1)
  })

  test('an incomplete form asks nothing', async () => {
    const { container } = renderIn(<ReportPage />)
    await screen.findByText('乱扔垃圾/暴露垃圾')
    await act(async () => {
      fireEvent.click(screen.getByText('提交'))
    })
    expect(await screen.findByText('还有内容没填好，请看标红的地方')).toBeTruthy()
    expect(container.querySelector('.report-form')).toBeTruthy()
    expect(ask).not.toHaveBeenCalled()
  })

  test('督导上报 asks the inspector too, in the tap and before any upload or request; a refusal still submits', async () => {
    const { container } = renderIn(<InspectPage />)
    await fillForm(container)
    const answer = pendingAnswer()
    const requestsBefore = callMock.mock.calls.length

    act(() => {
      fireEvent.click(screen.getByText('提交'))
    })
    expect(ask).toHaveBeenCalledTimes(1)
    expect(ask).toHaveBeenCalledWith(['reportStatus', 'reportResult'])
    expect(upload).not.toHaveBeenCalled()
    expect(callMock.mock.calls.length).toBe(requestsBefore)

    await answer()
    expect(await screen.findByText('已提交')).toBeTruthy()
    expect(callsOf('reports.create')).toHaveLength(1)
    expect(callsOf('reports.create')[0][1]).toMatchObject({ inspection: true })
    expect(ask.mock.invocationCallOrder[0]).toBeLessThan(upload.mock.invocationCallOrder[0])
    expect(ask.mock.invocationCallOrder[0]).toBeLessThan(orderOf('reports.create'))
    expect(ask).toHaveBeenCalledTimes(1)
  })
})

describe('活动「报名」', () => {
  const volunteer = profile({ roles: ['resident', 'volunteer'], grants: [] })

  function renderDetail(replies: Replies = {}) {
    serve({
      'users.me': () => ({ ok: true, data: volunteer }),
      'org.overview': () => ({ ok: true, data: org }),
      'volunteers.activity': () => ({ ok: true, data: activityDetail() }),
      'volunteers.signup': () => ({ ok: true, data: activityDetail({ mine: mySignup(), signedCount: 16, remaining: 4 }) }),
      ...replies
    })
    return render(
      <AppStoreProvider>
        <ActivityDetailPage />
      </AppStoreProvider>
    )
  }

  test('asks for the three activity templates in the tap, then signs up once answered', async () => {
    const { container } = renderDetail()
    await screen.findByText('清洁家园·村道垃圾清理')
    const answer = pendingAnswer()

    act(() => {
      fireEvent.click(container.querySelector('.signup-submit') as Element)
    })
    expect(ask).toHaveBeenCalledWith(ACTIVITY_TEMPLATES)
    expect(callsOf('volunteers.signup')).toHaveLength(0)

    await answer()
    await waitFor(() => expect(callsOf('volunteers.signup')).toEqual([['volunteers.signup', { activityId: 'a-1' }]]))
    expect(ask.mock.invocationCallOrder[0]).toBeLessThan(orderOf('volunteers.signup'))
    expect(await screen.findByText('您已报名')).toBeTruthy()
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '报名成功' }))
  })

  describe('with the real WeChat service', () => {
    const ids = SUBSCRIBE_TEMPLATE_IDS as Record<SubscribeTemplate, string>
    const fromConfig = { ...ids }
    const configured = {
      activityChange: 'Bq8m2k1U0cW-actChange-9fTz0aPq3LrX7vYtNw5s',
      waitlistPromoted: 'Hh4d7Kq2-waitlist-Promoted-0gXb1cVn8mZr3eT',
      activityReminder: 'p0Lk9Jh8-reminder-Gf7Ds6Aq5Wz4Xs3Ed2Rc1Vf'
    }

    beforeEach(() => {
      Object.assign(ids, configured)
      ask.mockImplementation(jest.requireActual('@/services/subscribe.weapp').askToSubscribe)
      taro.requestSubscribeMessage = jest.fn()
      jest.spyOn(console, 'warn').mockImplementation(() => undefined)
    })
    afterEach(() => {
      Object.assign(ids, fromConfig)
      delete taro.requestSubscribeMessage
      jest.mocked(console.warn).mockRestore()
    })

    test.each([
      [
        'refuses',
        () =>
          taro.requestSubscribeMessage?.mockResolvedValue({
            errMsg: 'requestSubscribeMessage:ok',
            [configured.activityChange]: 'reject',
            [configured.waitlistPromoted]: 'reject',
            [configured.activityReminder]: 'ban'
          })
      ],
      [
        'cannot be asked (requestSubscribeMessage rejects)',
        () => taro.requestSubscribeMessage?.mockRejectedValue({ errMsg: 'requestSubscribeMessage:fail No template data return, verify the template id exist', errCode: 20001 })
      ]
    ])('the person %s: the sign-up still goes through', async (_case, answer) => {
      answer()
      const { container } = renderDetail()
      await screen.findByText('清洁家园·村道垃圾清理')
      await act(async () => {
        fireEvent.click(container.querySelector('.signup-submit') as Element)
      })
      expect(taro.requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: [configured.activityChange, configured.waitlistPromoted, configured.activityReminder] })
      await waitFor(() => expect(callsOf('volunteers.signup')).toHaveLength(1))
      expect(taro.requestSubscribeMessage?.mock.invocationCallOrder[0]).toBeLessThan(orderOf('volunteers.signup'))
      expect(await screen.findByText('您已报名')).toBeTruthy()
      expect(screen.queryByText(/订阅/)).toBeNull()
    })
  })

  test('the browser build never opens the dialog and signs up as before', async () => {
    ask.mockImplementation(jest.requireActual('@/services/subscribe').askToSubscribe)
    taro.requestSubscribeMessage = jest.fn()
    const { container } = renderDetail()
    await screen.findByText('清洁家园·村道垃圾清理')
    await act(async () => {
      fireEvent.click(container.querySelector('.signup-submit') as Element)
    })
    await waitFor(() => expect(callsOf('volunteers.signup')).toHaveLength(1))
    expect(await screen.findByText('您已报名')).toBeTruthy()
    expect(taro.requestSubscribeMessage).not.toHaveBeenCalled()
    delete taro.requestSubscribeMessage
  })
})

describe('志愿队伍「申请加入」', () => {
  const volunteer = profile({ roles: ['resident', 'volunteer'], grants: [] })
  const team = (id: string, name: string) => ({
    id,
    villageId: 'v-dongshan',
    villageName: '东山村',
    name,
    leaderId: null,
    leaderName: null,
    memberCount: 3,
    activitiesThisMonth: 0,
    hoursThisMonth: 0,
    flags: []
  })

  async function renderTeams() {
    taro.__setRouterParams({})
    serve({
      'users.me': () => ({ ok: true, data: volunteer }),
      'org.overview': () => ({ ok: true, data: org }),
      'volunteers.me': () => ({ ok: true, data: volunteerProfile() }),
      'volunteers.activities': () => ({ ok: true, data: { items: [], next: null } }),
      'volunteers.teams': () => ({ ok: true, data: [team('t-2', '东山村护河队')] }),
      'volunteers.joinTeam': () => ({ ok: true, data: volunteerProfile({ teams: [{ teamId: 't-2', teamName: '东山村护河队', status: 'pending', leader: false }] }) })
    })
    const view = render(
      <AppStoreProvider>
        <ActivitiesPage />
      </AppStoreProvider>
    )
    const browse = await screen.findByText('加入队伍')
    await act(async () => {
      fireEvent.click(browse)
    })
    await screen.findByText('东山村护河队')
    return view
  }

  test('asks for teamDecision in the tap, before joinTeam, which waits for the answer', async () => {
    const { container } = await renderTeams()
    const answer = pendingAnswer()
    const requestsBefore = callMock.mock.calls.length

    act(() => {
      fireEvent.click(container.querySelector('.team-apply') as Element)
    })
    // synchronously in the tap handler, and nothing sent while the dialog is open
    expect(ask).toHaveBeenCalledTimes(1)
    expect(ask).toHaveBeenCalledWith(['teamDecision'])
    expect(callMock.mock.calls.length).toBe(requestsBefore)
    expect(callsOf('volunteers.joinTeam')).toHaveLength(0)

    await answer()
    await waitFor(() => expect(callsOf('volunteers.joinTeam')).toEqual([['volunteers.joinTeam', { teamId: 't-2' }]]))
    expect(ask.mock.invocationCallOrder[0]).toBeLessThan(orderOf('volunteers.joinTeam'))
    expect(await screen.findByText('审核中', { selector: '.team-status' })).toBeTruthy()
  })

  test('the person refuses: the application is still sent and shown as 审核中', async () => {
    // beforeEach: the dialog answers false
    const { container } = await renderTeams()
    await act(async () => {
      fireEvent.click(container.querySelector('.team-apply') as Element)
    })
    expect(ask).toHaveBeenCalledWith(['teamDecision'])
    await waitFor(() => expect(callsOf('volunteers.joinTeam')).toHaveLength(1))
    expect(await screen.findByText('审核中', { selector: '.team-status' })).toBeTruthy()
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已申请，等待队长或村（居）审核' }))
    expect(screen.queryByText(/订阅/)).toBeNull()
  })
})

describe('我的随手拍 → 详情：接收下一次进度提醒', () => {
  const can = canAskToSubscribe as jest.MockedFunction<typeof canAskToSubscribe>
  const mine = { name: '王秀兰', phone: '13900000001' }
  const renderReport = (patch: Parameters<typeof reportDetail>[0]) => {
    taro.__setRouterParams({ id: 'r-1' })
    serve({ 'users.me': () => ({ ok: true, data: profile() }), 'reports.get': () => ({ ok: true, data: reportDetail({ id: 'r-1', ...patch }) }) })
    return render(
      <AppStoreProvider>
        <ReportDetailPage />
      </AppStoreProvider>
    )
  }

  test('the reporter of an open problem asks for one more message with a tap, and is told the result', async () => {
    can.mockReturnValue(true)
    ask.mockResolvedValueOnce(true).mockResolvedValueOnce(false)
    renderReport({ reporter: mine, status: 'dispatched', statusLabel: '已派单' })
    fireEvent.click(await screen.findByText('接收下一次进度提醒'))
    expect(ask).toHaveBeenCalledWith(['reportStatus', 'reportResult'])
    expect(await screen.findByText(/下一次处理进度会通过微信服务通知告诉您/)).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('接收下一次进度提醒'))
    })
    expect(await screen.findByText(/没有开启/)).toBeTruthy()
    expect(ask).toHaveBeenCalledTimes(2)
  })

  test.each([
    ['a settled problem', { reporter: mine, status: 'closed' as const, statusLabel: '已销号' }, true],
    ['someone who is not the reporter', { reporter: null, status: 'dispatched' as const, statusLabel: '已派单' }, true],
    ['a build where the dialog cannot appear', { reporter: mine, status: 'dispatched' as const, statusLabel: '已派单' }, false]
  ])('no button for %s', async (_case, patch, possible) => {
    can.mockReturnValue(possible)
    renderReport(patch)
    await screen.findByText(patch.statusLabel)
    expect(screen.queryByText('接收下一次进度提醒')).toBeNull()
  })
})
