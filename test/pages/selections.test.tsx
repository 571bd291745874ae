import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { SelectionDetail } from '@/contract'
import { AppStoreProvider } from '@/store/app-store'
import SelectionPage from '@/packages/honour/pages/selection/index'
import SelectionsPage from '@/packages/honour/pages/selections/index'
import SelectionEditPage from '@/packages/honour/pages/selection-edit/index'
import { org, profile } from './support/fixtures'
import { callMock, callsOf, serve, typeInto, type Replies } from './support/serve'

jest.mock('@/services/call', () => ({ call: jest.fn() }))

const taro = Taro as unknown as { __setRouterParams: (params: Record<string, string>) => void; navigateTo: jest.Mock; redirectTo: jest.Mock }

beforeEach(() => {
  callMock.mockReset()
  jest.clearAllMocks()
})

const me = profile()
const base: Replies = { 'users.me': () => ({ ok: true, data: me }) }
const DAY = 24 * 3600 * 1000

function selection(patch: Partial<SelectionDetail> = {}): SelectionDetail {
  const now = Date.now()
  return {
    id: 's-1',
    title: '2026 年度“好媳妇”评选',
    villageId: 'v-dongshan',
    scopeName: '东山村',
    category: 'filial',
    categoryLabel: '孝老爱亲',
    nominateFrom: new Date(now - 10 * DAY).toISOString(),
    nominateTo: new Date(now - 3 * DAY).toISOString(),
    voteFrom: new Date(now - 2 * DAY).toISOString(),
    voteTo: new Date(now + 5 * DAY).toISOString(),
    phase: 'voting',
    phaseLabel: '投票中',
    winners: 2,
    createdAt: new Date(now - 11 * DAY).toISOString(),
    rules: '孝敬老人、和睦邻里，由村民推荐投票产生。',
    votesPerDay: 3,
    votesTotal: 10,
    noticeDays: 5,
    closedAt: null,
    noticeEndsAt: null,
    boardId: null,
    candidates: [
      { id: 'c-1', subject: 'person', name: '李桂芳', story: '照顾婆婆十二年。', photoUrl: null, votes: 12, rank: 1, winner: false },
      { id: 'c-2', subject: 'person', name: '陈小燕', story: '伺候瘫痪公公。', photoUrl: null, votes: 11, rank: 2, winner: false }
    ],
    myBallot: { votedToday: 0, votedTotal: 0, remainingToday: 3, remainingTotal: 10 },
    canManage: false,
    ...patch
  }
}

function inStore(node: JSX.Element) {
  return render(<AppStoreProvider>{node}</AppStoreProvider>)
}

describe('评选 (resident)', () => {
  test('the list opens a selection', async () => {
    serve({ ...base, 'honour.selections': () => ({ ok: true, data: { items: [selection()], next: null } }) })
    inStore(<SelectionsPage />)
    fireEvent.click(await screen.findByText('2026 年度“好媳妇”评选'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/honour/pages/selection/index?id=s-1' })
    expect(screen.queryByText('新建评选')).toBeNull()
  })

  test('投票 updates the count and my remaining votes at once', async () => {
    taro.__setRouterParams({ id: 's-1' })
    serve({
      ...base,
      'honour.selection': () => ({ ok: true, data: selection() }),
      'honour.vote': () => ({ ok: true, data: { candidateId: 'c-2', votes: 13, myBallot: { votedToday: 1, votedTotal: 1, remainingToday: 2, remainingTotal: 9 } } })
    })
    const { container } = inStore(<SelectionPage />)
    expect(await screen.findByText('今天还可投 3 票，共还可投 10 票')).toBeTruthy()
    const second = container.querySelector('[data-candidate-id="c-2"] .candidate-vote') as HTMLElement
    await act(async () => {
      fireEvent.click(second)
    })
    expect(callsOf('honour.vote')[0][1]).toEqual({ candidateId: 'c-2' })
    expect(await screen.findByText('今天还可投 2 票，共还可投 9 票')).toBeTruthy()
    expect(container.querySelector('[data-candidate-id="c-2"] .candidate-votes')?.textContent).toBe('13 票')
    // Most votes first.
    expect(container.querySelector('.candidate')?.getAttribute('data-candidate-id')).toBe('c-2')
  })

  test('a refused vote shows the server message; no vote buttons once my votes are used up', async () => {
    taro.__setRouterParams({ id: 's-1' })
    serve({ ...base, 'honour.selection': () => ({ ok: true, data: selection() }), 'honour.vote': () => ({ ok: false, code: 'CONFLICT', message: '今天的票已经投完了' }) })
    inStore(<SelectionPage />)
    await screen.findByText('今天还可投 3 票，共还可投 10 票')
    await act(async () => {
      fireEvent.click(screen.getAllByText('投票')[0])
    })
    expect(await screen.findByText('今天的票已经投完了')).toBeTruthy()
  })

  test('while nominations are open, a person can nominate', async () => {
    const now = Date.now()
    taro.__setRouterParams({ id: 's-1' })
    serve({
      ...base,
      'honour.selection': () => ({ ok: true, data: selection({ phase: 'nominating', phaseLabel: '提名中', nominateFrom: new Date(now - DAY).toISOString(), nominateTo: new Date(now + DAY).toISOString(), voteFrom: new Date(now + 2 * DAY).toISOString(), candidates: [] }) }),
      'honour.nominate': () => ({ ok: true, data: { id: 'c-9', selectionId: 's-1', subject: 'person', name: '王秀英', userId: null, story: '照顾孤寡老人十年如一日。', photoUrl: null, status: 'pending', statusLabel: '待审核', reason: null, contentCheck: 'pass', votes: 0, nominatedAt: new Date().toISOString() } })
    })
    const { container } = inStore(<SelectionPage />)
    await screen.findByText('我要提名')
    expect(screen.queryByText('投票')).toBeNull()
    await typeInto(container, '.nominate-name', '王秀英')
    await typeInto(container, '.nominate-story', '照顾孤寡老人十年如一日。')
    await act(async () => {
      fireEvent.click(screen.getByText('提交提名'))
    })
    await waitFor(() => expect(callsOf('honour.nominate')).toHaveLength(1))
    expect(callsOf('honour.nominate')[0][1]).toEqual({ selectionId: 's-1', subject: 'person', name: '王秀英', story: '照顾孤寡老人十年如一日。' })
  })
})

describe('评选 (staff)', () => {
  const villageAdmin = profile({
    id: 'user-va',
    roles: ['resident', 'village_admin'],
    grants: [{ role: 'village_admin', villageId: 'v-dongshan', grantedAt: '2026-10-01T00:00:00.000Z', grantedBy: 'seed' }]
  })
  const admin: Replies = { 'users.me': () => ({ ok: true, data: villageAdmin }), 'org.overview': () => ({ ok: true, data: org }) }

  test('reviews a nomination and closes the voting', async () => {
    taro.__setRouterParams({ id: 's-1' })
    ;(Taro.showModal as jest.Mock).mockResolvedValue({ confirm: true, cancel: false })
    serve({
      ...admin,
      'honour.selection': () => ({ ok: true, data: selection({ canManage: true }) }),
      'honour.candidates': () => ({ ok: true, data: { items: [{ id: 'c-3', selectionId: 's-1', subject: 'person', name: '赵兰', userId: null, story: '赡养五保老人。', photoUrl: null, status: 'pending', statusLabel: '待审核', reason: null, contentCheck: 'pass', votes: 0, nominatedAt: new Date().toISOString() }], next: null } }),
      'honour.reviewCandidate': () => ({ ok: true, data: { id: 'c-3', selectionId: 's-1', subject: 'person', name: '赵兰', userId: null, story: '赡养五保老人。', photoUrl: null, status: 'approved', statusLabel: '已通过', reason: null, contentCheck: 'pass', votes: 0, nominatedAt: new Date().toISOString() } }),
      'honour.closeSelection': () => ({ ok: true, data: selection({ canManage: true, phase: 'notice', phaseLabel: '公示中', closedAt: new Date().toISOString(), noticeEndsAt: new Date(Date.now() + 5 * DAY).toISOString() }) })
    })
    inStore(<SelectionPage />)
    expect(await screen.findByText('赵兰')).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('通过'))
    })
    expect(callsOf('honour.reviewCandidate')[0][1]).toEqual({ candidateId: 'c-3', approve: true })
    await act(async () => {
      fireEvent.click(screen.getByText('结束投票'))
    })
    expect(callsOf('honour.closeSelection')[0][1]).toEqual({ selectionId: 's-1' })
    expect(await screen.findByText(/公示至/)).toBeTruthy()
  })

  test('新建评选 checks the form before sending', async () => {
    serve(admin)
    const { container } = inStore(<SelectionEditPage />)
    await waitFor(() => expect(container.querySelector('.page-selection-edit .selection-save')).toBeTruthy())
    await act(async () => {
      fireEvent.click(screen.getByText('创建评选'))
    })
    expect(screen.getByText('请选择类别')).toBeTruthy()
    expect(callsOf('honour.saveSelection')).toHaveLength(0)
  })
})
