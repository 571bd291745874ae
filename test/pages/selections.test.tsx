import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { SelectionDetail } from '@/contract'
import SelectionPage from '@/packages/honour/pages/selection/index'
import SelectionsPage from '@/packages/honour/pages/selections/index'
import SelectionEditPage from '@/packages/honour/pages/selection-edit/index'
import { uploadPhoto } from '@/services/storage'
import { org, profile } from './support/fixtures'
import { callMock, callsOf, serve, typeInto, type Replies } from './support/serve'
import { inStore } from './support/render'

jest.mock('@/services/call', () => ({ call: jest.fn() }))
jest.mock('@/services/storage', () => ({
  uploadPhoto: jest.fn(),
  preparePhoto: jest.fn(async (path: string) => `${path}#compressed`),
  releasePhoto: jest.fn()
}))

const upload = uploadPhoto as jest.MockedFunction<typeof uploadPhoto>
const taro = Taro as unknown as {
  __setRouterParams: (params: Record<string, string>) => void
  navigateTo: jest.Mock
  redirectTo: jest.Mock
  chooseMedia: jest.Mock
  showToast: jest.Mock
}
/** The page stack (the shared Taro mock has none): 修改 opened from the selection page. */
const stack = Object.assign(Taro, {
  getCurrentPages: jest.fn(() => [{ route: 'packages/honour/pages/selection/index' }, { route: 'packages/honour/pages/selection-edit/index' }]),
  navigateBack: jest.fn(async () => ({ errMsg: 'navigateBack:ok' }))
})

beforeEach(() => {
  callMock.mockReset()
  upload.mockReset()
  jest.clearAllMocks()
  taro.__setRouterParams({})
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
      'honour.selection': () => ({
        ok: true,
        data: selection({
          phase: 'nominating',
          phaseLabel: '提名中',
          nominateFrom: new Date(now - DAY).toISOString(),
          nominateTo: new Date(now + DAY).toISOString(),
          voteFrom: new Date(now + 2 * DAY).toISOString(),
          candidates: []
        })
      }),
      'honour.nominate': () => ({
        ok: true,
        data: {
          id: 'c-9',
          selectionId: 's-1',
          subject: 'person',
          name: '王秀英',
          userId: null,
          story: '照顾孤寡老人十年如一日。',
          photoUrl: null,
          status: 'pending',
          statusLabel: '待审核',
          reason: null,
          contentCheck: 'pass',
          votes: 0,
          nominatedAt: new Date().toISOString()
        }
      })
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
    expect(callsOf('honour.nominate')[0][1]).toEqual({
      selectionId: 's-1',
      subject: 'person',
      name: '王秀英',
      story: '照顾孤寡老人十年如一日。',
      clientKey: expect.stringMatching(/^[A-Za-z0-9]{16}$/)
    })
    // the next nomination from the emptied form is a new one: a new key
    await typeInto(container, '.nominate-name', '李大爷')
    await typeInto(container, '.nominate-story', '义务打扫村道二十年。')
    await act(async () => {
      fireEvent.click(screen.getByText('提交提名'))
    })
    await waitFor(() => expect(callsOf('honour.nominate')).toHaveLength(2))
    const keys = callsOf('honour.nominate').map((c) => (c[1] as { clientKey: string }).clientKey)
    expect(keys[1]).not.toBe(keys[0])
  })
})

describe('提名 with a photo', () => {
  const now = Date.now()
  const open = () =>
    selection({
      phase: 'nominating',
      phaseLabel: '提名中',
      nominateFrom: new Date(now - DAY).toISOString(),
      nominateTo: new Date(now + DAY).toISOString(),
      voteFrom: new Date(now + 2 * DAY).toISOString(),
      candidates: []
    })
  const nominated = {
    id: 'c-9',
    selectionId: 's-1',
    subject: 'person' as const,
    name: '王秀英',
    userId: null,
    story: '照顾孤寡老人十年如一日。',
    photoUrl: 'https://tmp/c-9.jpg',
    status: 'pending' as const,
    statusLabel: '待审核',
    reason: null,
    contentCheck: 'pass' as const,
    votes: 0,
    nominatedAt: new Date().toISOString()
  }

  async function fill(container: HTMLElement) {
    await screen.findByText('我要提名')
    await typeInto(container, '.nominate-name', '王秀英')
    await typeInto(container, '.nominate-story', '照顾孤寡老人十年如一日。')
    taro.chooseMedia.mockResolvedValueOnce({ tempFiles: [{ tempFilePath: 'wxfile://tmp/n1.jpg' }], type: 'image' })
    await act(async () => {
      fireEvent.click(screen.getByText('拍照/选照片'))
    })
    await waitFor(() => expect(container.querySelectorAll('.nominate-photo .photo-picker-item')).toHaveLength(1))
    // One photo at most: no second add tile.
    expect(container.querySelector('.nominate-photo .photo-picker-add')).toBeNull()
  }

  const submit = () =>
    act(async () => {
      fireEvent.click(screen.getByText('提交提名'))
    })

  test('the uploaded photo goes with the nomination', async () => {
    taro.__setRouterParams({ id: 's-1' })
    serve({ ...base, 'honour.selection': () => ({ ok: true, data: open() }), 'honour.nominate': () => ({ ok: true, data: nominated }) })
    upload.mockResolvedValue({ ok: true, data: 'cloud://env/reports/2026/11/n1.jpg' })
    const { container } = inStore(<SelectionPage />)
    await fill(container)
    await submit()
    await waitFor(() => expect(callsOf('honour.nominate')).toHaveLength(1))
    expect(upload).toHaveBeenCalledTimes(1)
    expect(upload.mock.calls[0][0]).toBe('wxfile://tmp/n1.jpg#compressed')
    expect(upload.mock.calls[0][1]).toMatch(/^reports\/\d{4}\/\d{2}\/nominee-[A-Za-z0-9]+-[A-Za-z0-9]{8}\.jpg$/)
    expect(callsOf('honour.nominate')[0][1]).toEqual({
      selectionId: 's-1',
      subject: 'person',
      name: '王秀英',
      story: '照顾孤寡老人十年如一日。',
      photo: 'cloud://env/reports/2026/11/n1.jpg',
      clientKey: expect.any(String)
    })
    // Sent: the form is empty again.
    await waitFor(() => expect(container.querySelectorAll('.nominate-photo .photo-picker-item')).toHaveLength(0))
    expect(taro.showToast).toHaveBeenCalledWith({ title: '已提名，等待审核', icon: 'none' })
  })

  test('a failed upload or a refused nomination keeps the form; the photo is uploaded only once', async () => {
    taro.__setRouterParams({ id: 's-1' })
    let attempts = 0
    serve({
      ...base,
      'honour.selection': () => ({ ok: true, data: open() }),
      'honour.nominate': () => (++attempts === 1 ? { ok: false, code: 'INTERNAL', message: '网络不给力，请检查网络后重试' } : { ok: true, data: nominated })
    })
    upload.mockResolvedValueOnce({ ok: false, code: 'INTERNAL', message: '照片上传没有成功，网络不给力，请稍后重试' }).mockResolvedValue({ ok: true, data: 'cloud://env/reports/2026/11/n1.jpg' })
    const { container } = inStore(<SelectionPage />)
    await fill(container)

    await submit()
    expect(await screen.findByText('照片上传没有成功，网络不给力，请稍后重试')).toBeTruthy()
    expect(callsOf('honour.nominate')).toHaveLength(0)
    expect((container.querySelector('.nominate-name input') as HTMLInputElement).value).toBe('王秀英')
    expect(container.querySelectorAll('.nominate-photo .photo-picker-item')).toHaveLength(1)

    await submit()
    expect(await screen.findByText('网络不给力，请检查网络后重试')).toBeTruthy()
    expect((container.querySelector('.nominate-story textarea') as HTMLTextAreaElement).value).toBe('照顾孤寡老人十年如一日。')
    expect(container.querySelector('.nominate-photo .photo-picker-badge')?.textContent).toBe('已上传')

    await submit()
    await waitFor(() => expect(callsOf('honour.nominate')).toHaveLength(2))
    expect(upload).toHaveBeenCalledTimes(2)
    expect(callsOf('honour.nominate').map((c) => (c[1] as { photo?: string }).photo)).toEqual(['cloud://env/reports/2026/11/n1.jpg', 'cloud://env/reports/2026/11/n1.jpg'])
    // the retry is the same nomination to the server: the same key
    const [first, retry] = callsOf('honour.nominate').map((c) => (c[1] as { clientKey: string }).clientKey)
    expect(retry).toBe(first)
  })

  test('a story too short is caught before anything is uploaded', async () => {
    taro.__setRouterParams({ id: 's-1' })
    serve({ ...base, 'honour.selection': () => ({ ok: true, data: open() }) })
    const { container } = inStore(<SelectionPage />)
    await screen.findByText('我要提名')
    await typeInto(container, '.nominate-name', '王秀英')
    await typeInto(container, '.nominate-story', '好人')
    await submit()
    expect(await screen.findByText('事迹至少 10 个字')).toBeTruthy()
    expect(upload).not.toHaveBeenCalled()
    expect(callsOf('honour.nominate')).toHaveLength(0)
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
      'honour.candidates': () => ({
        ok: true,
        data: {
          items: [
            {
              id: 'c-3',
              selectionId: 's-1',
              subject: 'person',
              name: '赵兰',
              userId: null,
              story: '赡养五保老人。',
              photoUrl: null,
              status: 'pending',
              statusLabel: '待审核',
              reason: null,
              contentCheck: 'pass',
              votes: 0,
              nominatedAt: new Date().toISOString()
            }
          ],
          next: null
        }
      }),
      'honour.reviewCandidate': () => ({
        ok: true,
        data: {
          id: 'c-3',
          selectionId: 's-1',
          subject: 'person',
          name: '赵兰',
          userId: null,
          story: '赡养五保老人。',
          photoUrl: null,
          status: 'approved',
          statusLabel: '已通过',
          reason: null,
          contentCheck: 'pass',
          votes: 0,
          nominatedAt: new Date().toISOString()
        }
      }),
      'honour.closeSelection': () => ({
        ok: true,
        data: selection({ canManage: true, phase: 'notice', phaseLabel: '公示中', closedAt: new Date().toISOString(), noticeEndsAt: new Date(Date.now() + 5 * DAY).toISOString() })
      })
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
  describe('修改', () => {
    const now = Date.now()
    const beforeVoting = {
      phase: 'nominating' as const,
      phaseLabel: '提名中',
      nominateFrom: new Date(now - DAY).toISOString(),
      nominateTo: new Date(now + DAY).toISOString(),
      voteFrom: new Date(now + 2 * DAY).toISOString(),
      voteTo: new Date(now + 9 * DAY).toISOString(),
      candidates: []
    }

    test.each([
      ['a manager, before voting', true, { ...beforeVoting, canManage: true }],
      ['a manager, once voting started', false, { canManage: true }],
      ['a manager, after the notice', false, { canManage: true, phase: 'finished' as const, phaseLabel: '公示结束', closedAt: new Date(now - 6 * DAY).toISOString() }],
      ['a resident, before voting', false, { ...beforeVoting, canManage: false }]
    ])('the 修改 button for %s: shown = %s', async (_who, shown, patch) => {
      taro.__setRouterParams({ id: 's-1' })
      serve({ ...admin, 'honour.selection': () => ({ ok: true, data: selection(patch) }), 'honour.candidates': () => ({ ok: true, data: { items: [], next: null } }) })
      inStore(<SelectionPage />)
      await screen.findByText('评选规则')
      expect(screen.queryByText('修改') !== null).toBe(shown)
      if (!shown) return
      fireEvent.click(screen.getByText('修改'))
      expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/honour/pages/selection-edit/index?id=s-1' })
    })

    test('loads the selection into the form and saves the change with its id', async () => {
      taro.__setRouterParams({ id: 's-1' })
      const saved = selection({ ...beforeVoting, canManage: true })
      serve({
        ...admin,
        'honour.selection': () => ({ ok: true, data: saved }),
        'honour.saveSelection': (input) => ({ ok: true, data: { ...saved, title: (input as { title: string }).title } })
      })
      const { container } = inStore(<SelectionEditPage />)
      await waitFor(() => expect((container.querySelector('.selection-title input') as HTMLInputElement | null)?.value).toBe('2026 年度“好媳妇”评选'))
      expect(callsOf('honour.selection')[0][1]).toEqual({ selectionId: 's-1' })
      expect((container.querySelector('.selection-rules-input textarea') as HTMLTextAreaElement).value).toBe('孝敬老人、和睦邻里，由村民推荐投票产生。')
      expect((container.querySelector('.selection-winners input') as HTMLInputElement).value).toBe('2')
      // The scope of a saved selection stays: no village/town choice.
      expect(screen.queryByText('镇级')).toBeNull()
      await typeInto(container, '.selection-title', '2026 年度东山村“好媳妇”评选')
      await typeInto(container, '.selection-winners', '3')
      await act(async () => {
        fireEvent.click(screen.getByText('保存修改'))
      })
      await waitFor(() => expect(callsOf('honour.saveSelection')).toHaveLength(1))
      expect(callsOf('honour.saveSelection')[0][1]).toEqual({
        id: 's-1',
        villageId: 'v-dongshan',
        title: '2026 年度东山村“好媳妇”评选',
        rules: '孝敬老人、和睦邻里，由村民推荐投票产生。',
        category: 'filial',
        nominateFrom: saved.nominateFrom,
        nominateTo: saved.nominateTo,
        voteFrom: saved.voteFrom,
        voteTo: saved.voteTo,
        votesPerDay: 3,
        votesTotal: 10,
        noticeDays: 5,
        winners: 3
      })
      // Opened from the selection's page: back to it (it reloads when shown again).
      await waitFor(() => expect(stack.navigateBack).toHaveBeenCalledTimes(1))
      expect(taro.redirectTo).not.toHaveBeenCalled()
    })

    test('the selection page reads the selection again when shown again (back from 修改)', async () => {
      taro.__setRouterParams({ id: 's-1' })
      let title = '2026 年度“好媳妇”评选'
      serve({
        ...admin,
        'honour.selection': () => ({ ok: true, data: selection({ ...beforeVoting, canManage: true, title }) }),
        'honour.candidates': () => ({ ok: true, data: { items: [], next: null } })
      })
      inStore(<SelectionPage />)
      await screen.findByText(title)
      expect(callsOf('honour.selection')).toHaveLength(1)
      title = '2026 年度东山村“好媳妇”评选'
      const show = (Taro as unknown as { __show: () => void }).__show
      await act(async () => {
        show()
      })
      expect(await screen.findByText(title)).toBeTruthy()
      expect(callsOf('honour.selection')).toHaveLength(2)
    })

    test('the server refusing the change (voting started meanwhile) shows its message', async () => {
      taro.__setRouterParams({ id: 's-1' })
      serve({
        ...admin,
        'honour.selection': () => ({ ok: true, data: selection({ ...beforeVoting, canManage: true }) }),
        'honour.saveSelection': () => ({ ok: false, code: 'CONFLICT', message: '投票开始后不能再修改评选' })
      })
      inStore(<SelectionEditPage />)
      await screen.findByText('保存修改')
      await act(async () => {
        fireEvent.click(screen.getByText('保存修改'))
      })
      expect(await screen.findByText('投票开始后不能再修改评选')).toBeTruthy()
      expect(stack.navigateBack).not.toHaveBeenCalled()
    })

    test('once voting has started the page says the selection can no longer be changed', async () => {
      taro.__setRouterParams({ id: 's-1' })
      serve({ ...admin, 'honour.selection': () => ({ ok: true, data: selection({ canManage: true }) }) })
      const { container } = inStore(<SelectionEditPage />)
      expect(await screen.findByText('投票已经开始（投票中），评选不能再修改。')).toBeTruthy()
      expect(container.querySelector('.selection-save')).toBeNull()
      fireEvent.click(screen.getByText('返回评选'))
      expect(stack.navigateBack).toHaveBeenCalledTimes(1)
    })

    test('someone who does not manage it is told who may, and gets no form', async () => {
      taro.__setRouterParams({ id: 's-1' })
      serve({ ...base, 'honour.selection': () => ({ ok: true, data: selection({ ...beforeVoting, canManage: false }) }) })
      const { container } = inStore(<SelectionEditPage />)
      expect(await screen.findByText('只有负责这项评选的村（居）管理员和镇创建办可以修改。')).toBeTruthy()
      expect(container.querySelector('.selection-save')).toBeNull()
    })

    test('without an id the page creates a new selection and loads none', async () => {
      serve(admin)
      const { container } = inStore(<SelectionEditPage />)
      await waitFor(() => expect(container.querySelector('.page-selection-edit .selection-save')).toBeTruthy())
      expect(screen.getByText('创建评选')).toBeTruthy()
      expect(callsOf('honour.selection')).toHaveLength(0)
    })
  })
})
