import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { PublicReport } from '@/contract'
import ReportPage from '@/pages/report/index'
import ReportDetailPage from '@/packages/reports/pages/detail/index'
import { categories, org, profile, reportDetail, reportSummary } from './support/fixtures'
import { callMock, callsOf, serve, typeInto, type Replies } from './support/serve'
import { inStore } from './support/render'

jest.mock('@/services/call', () => ({ call: jest.fn() }))

const taro = Taro as unknown as { __resetStorage: () => void; __setRouterParams: (params: Record<string, string>) => void; showModal: jest.Mock }

const base: Replies = {
  'users.me': () => ({ ok: true, data: profile() }),
  'reports.categories': () => ({ ok: true, data: { items: categories, rev: 3 } }),
  'org.overview': () => ({ ok: true, data: org })
}

beforeEach(() => {
  callMock.mockReset()
  jest.clearAllMocks()
  taro.__resetStorage()
})

describe('我的随手拍', () => {
  test('pages through my reports with status labels and the overdue badge; opens one', async () => {
    serve({
      ...base,
      'reports.mine': (input) => {
        const cursor = (input as { cursor?: string }).cursor
        return cursor
          ? { ok: true, data: { items: [reportSummary({ id: 'r-3', no: 'SSP-3', status: 'closed', statusLabel: '已销号', categoryName: '公厕不洁' })], next: null } }
          : {
              ok: true,
              data: {
                items: [
                  reportSummary({ id: 'r-1', no: 'SSP-1' }),
                  reportSummary({ id: 'r-2', no: 'SSP-2', status: 'dispatched', statusLabel: '已派单', overdue: true, dueAt: '2026-11-19T10:00:00.000Z', thumb: null })
                ],
                next: 'page2'
              }
            }
      }
    })
    const { container } = inStore(<ReportPage />)
    fireEvent.click(await screen.findByText('我的随手拍'))
    const first = await waitFor(() => {
      const node = container.querySelector('.report-card[data-report-id="r-1"]')
      if (!node) throw new Error('not yet')
      return node as HTMLElement
    })
    expect(within(first).getByText('待受理')).toBeTruthy()
    const second = container.querySelector('.report-card[data-report-id="r-2"]') as HTMLElement
    expect(within(second).getByText('已派单')).toBeTruthy()
    expect(within(second).getByText('已超期')).toBeTruthy()
    expect(within(second).getByText('无图')).toBeTruthy()
    expect(within(first).queryByText('已超期')).toBeNull()
    expect(callsOf('reports.mine')).toEqual([['reports.mine', { pageSize: 20 }]])

    await act(async () => {
      fireEvent.click(screen.getByText('加载更多'))
    })
    expect(await screen.findByText('公厕不洁')).toBeTruthy()
    expect(callsOf('reports.mine')[1]).toEqual(['reports.mine', { cursor: 'page2', pageSize: 20 }])
    expect(screen.getByText('没有更多了')).toBeTruthy()

    fireEvent.click(second)
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/reports/pages/detail/index?id=r-2' })
  })

  test('empty and error states; 重试 loads again', async () => {
    let attempt = 0
    serve({
      ...base,
      'reports.mine': () => (++attempt === 1 ? { ok: false, code: 'INTERNAL', message: '网络不给力，请检查网络后重试' } : { ok: true, data: { items: [], next: null } })
    })
    inStore(<ReportPage />)
    fireEvent.click(await screen.findByText('我的随手拍'))
    expect(await screen.findByText('网络不给力，请检查网络后重试')).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('重试'))
    })
    expect(await screen.findByText(/^您还没有反映过问题。/)).toBeTruthy()
    // empty is not a failure: neutral, says what will appear and how, nothing to retry
    expect(screen.queryByText('重试')).toBeNull()
    expect(document.querySelector('.wm-state--error')).toBeNull()
    expect(document.querySelector('.wm-state--empty')?.textContent).toContain('随手拍')
  })
})

describe('曝光台', () => {
  const item = (patch: Partial<PublicReport> = {}): PublicReport => ({
    id: 'p-1',
    no: 'SSP-2026-0007',
    categoryName: '占道经营/流动摊贩',
    status: 'closed',
    statusLabel: '已销号',
    villageName: '东山村',
    address: '菜市场东门',
    before: [{ fileID: 'f1', url: 'https://files.example/before.jpg' }],
    after: [{ fileID: 'f2', url: null }],
    createdAt: '2026-11-10T02:00:00.000Z',
    closedAt: '2026-11-15T02:00:00.000Z',
    ...patch
  })

  test('shows my village by default, de-identified with before/after photos; 全镇 drops the village', async () => {
    serve({
      ...base,
      'reports.publicList': (input) =>
        (input as { villageId?: string }).villageId
          ? { ok: true, data: { items: [item()], next: null } }
          : { ok: true, data: { items: [item(), item({ id: 'p-2', villageName: '西山村', closedAt: null, after: [], status: 'dispatched', statusLabel: '已派单' })], next: null } }
    })
    const { container } = inStore(<ReportPage />)
    fireEvent.click(await screen.findByText('曝光台'))
    expect(await screen.findByText('占道经营/流动摊贩')).toBeTruthy()
    expect(callsOf('reports.publicList')[0]).toEqual(['reports.publicList', { villageId: 'v-dongshan', pageSize: 20 }])
    expect(screen.getByText('东山村的问题处理情况')).toBeTruthy()
    expect(screen.getByText('整改前')).toBeTruthy()
    expect(screen.getByText('图片暂不可见')).toBeTruthy()

    await act(async () => {
      fireEvent.click(container.querySelector('.public-town-switch') as HTMLElement)
    })
    await waitFor(() => expect(callsOf('reports.publicList')[1]).toEqual(['reports.publicList', { pageSize: 20 }]))
    expect(await screen.findByText('西山村 · 菜市场东门')).toBeTruthy()
    // dispatched, not yet being rectified: the 整改后 column does not claim 整改中
    expect(screen.getByText('已派单，尚未开始整改')).toBeTruthy()
    expect(screen.queryByText('整改中')).toBeNull()
  })
})

describe('问题详情（居民）', () => {
  const closed = reportDetail({
    status: 'closed',
    statusLabel: '已销号',
    unitName: '城管办',
    measures: '安排环卫工人当天清运，增设垃圾桶 2 个',
    plannedDate: '2026-11-22',
    afterPhotos: [{ fileID: 'after', url: 'https://files.example/after.jpg' }],
    timeline: [
      { seq: 1, at: '2026-11-20T02:00:00.000Z', action: 'submit', from: null, to: 'submitted', actor: '您', actorRole: 'resident', note: null, photos: [] },
      { seq: 2, at: '2026-11-20T03:00:00.000Z', action: 'accept', from: 'submitted', to: 'accepted', actor: '李网格', actorRole: 'grid_worker', note: '已核实', photos: [] },
      {
        seq: 3,
        at: '2026-11-21T03:00:00.000Z',
        action: 'rectify',
        from: 'answered',
        to: 'rectified',
        actor: '城管办',
        actorRole: 'unit_staff',
        note: '已清运',
        photos: [{ fileID: 'after', url: 'https://files.example/after.jpg' }]
      }
    ],
    letters: [
      {
        id: 'l-1',
        kind: 'notice',
        kindLabel: '问题通知函',
        no: '西岗创建通〔2026〕1号',
        reportId: 'r-1',
        reportNo: 'SSP-2026-0001',
        issuedAt: '2026-11-20T04:00:00.000Z',
        to: '城管办',
        from: '西岗镇文明创建办公室',
        body: '现将问题转你单位办理。',
        dueAt: '2026-11-24'
      }
    ],
    allowed: ['rate', 'reopen']
  })

  test('photos, every step with actor and note, the answer, after-photos and letters; rate when allowed', async () => {
    taro.__setRouterParams({ id: 'r-1' })
    serve({
      ...base,
      'reports.get': () => ({ ok: true, data: closed }),
      'reports.rate': () => ({ ok: true, data: { ...closed, allowed: ['reopen'], rating: { value: 'basically', comment: null, at: '2026-11-22T02:00:00.000Z' } } })
    })
    const { container } = inStore(<ReportDetailPage />)
    expect(await screen.findByText('处理过程')).toBeTruthy()
    expect(container.querySelector('.page-report-detail')).toBeTruthy()
    expect(callsOf('reports.get')).toEqual([['reports.get', { reportId: 'r-1' }]])
    expect(screen.getByText('安排环卫工人当天清运，增设垃圾桶 2 个')).toBeTruthy()
    expect(screen.getByText('整改后照片')).toBeTruthy()
    expect(screen.getByText(/李网格（网格员）/)).toBeTruthy()
    expect(screen.getByText('已核实')).toBeTruthy()
    expect(screen.getByText('待受理 → 已受理')).toBeTruthy()
    // The second photo of the report has no URL for this viewer: a placeholder.
    expect(screen.getByText('图片暂不可见')).toBeTruthy()

    // The letter opens inline for the resident.
    fireEvent.click(screen.getByText('问题通知函'))
    expect(await screen.findByText('现将问题转你单位办理。')).toBeTruthy()

    expect(screen.getByText('申请重新处理')).toBeTruthy()
    fireEvent.click(screen.getByText('基本满意'))
    await act(async () => {
      fireEvent.click(screen.getByText('提交评价'))
    })
    await waitFor(() => expect(callsOf('reports.rate')).toEqual([['reports.rate', { reportId: 'r-1', value: 'basically' }]]))
    expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '提交评价' }))
    // The fresh detail no longer allows rating; the rating is shown.
    await waitFor(() => expect(screen.queryByText('提交评价')).toBeNull())
    expect(screen.getAllByText('基本满意').length).toBeGreaterThan(0)
  })

  test('reopen needs a reason of 5+ characters, then sends it', async () => {
    taro.__setRouterParams({ id: 'r-1' })
    serve({
      ...base,
      'reports.get': () => ({ ok: true, data: { ...closed, allowed: ['reopen'] } }),
      'reports.reopen': () => ({ ok: true, data: { ...closed, status: 'accepted', statusLabel: '已受理', allowed: [] } })
    })
    const { container } = inStore(<ReportDetailPage />)
    fireEvent.click(await screen.findByText('申请重新处理'))
    await typeInto(container, '.input-reopen-reason', '又堆')
    await act(async () => {
      fireEvent.click(screen.getByText('提交申请'))
    })
    expect(await screen.findByText('理由至少 5 个字')).toBeTruthy()
    expect(callsOf('reports.reopen')).toHaveLength(0)

    await typeInto(container, '.input-reopen-reason', '清走两天后又堆起来了')
    await act(async () => {
      fireEvent.click(screen.getByText('提交申请'))
    })
    await waitFor(() => expect(callsOf('reports.reopen')).toEqual([['reports.reopen', { reportId: 'r-1', reason: '清走两天后又堆起来了' }]]))
    await waitFor(() => expect(screen.queryByText('处理结果怎么样？')).toBeNull())
  })

  test('one line says what is awaited from whom by when; the place in words, no coordinates; 居民 once', async () => {
    jest.useFakeTimers({ now: new Date('2026-12-03T02:00:00.000Z'), advanceTimers: true })
    try {
      taro.__setRouterParams({ id: 'r-1' })
      const answered = reportDetail({
        status: 'answered',
        statusLabel: '整改中',
        unitName: '城管办',
        measures: '清运',
        rectifyDeadline: '2026-12-01',
        dueAt: '2026-12-01T15:59:59.999Z',
        overdue: true,
        address: '村委会南边路口'
      })
      serve({ ...base, 'reports.get': () => ({ ok: true, data: answered }) })
      const { container } = inStore(<ReportDetailPage />)
      expect(await screen.findByText('处理过程')).toBeTruthy()
      expect(container.querySelector('.detail-awaited')?.textContent).toBe('进度等待 城管办 整改（12月1日前，已超期）')
      // one deadline: the rectification deadline is not repeated beside it
      expect(screen.queryByText('当前期限')).toBeNull()
      expect(screen.queryByText('整改期限')).toBeNull()
      expect(container.textContent).not.toMatch(/113\.26|23\.129|坐标/)
      expect(container.querySelector('.detail-place')?.textContent).toContain('村委会南边路口')
      // the reporter's own step: 居民, not 居民（居民）
      expect(container.querySelector('.timeline-meta')?.textContent).toMatch(/· 居民$/)
    } finally {
      jest.useRealTimers()
    }
  })

  test('nothing awaited once closed: no progress line', async () => {
    taro.__setRouterParams({ id: 'r-1' })
    serve({ ...base, 'reports.get': () => ({ ok: true, data: closed }) })
    const { container } = inStore(<ReportDetailPage />)
    expect(await screen.findByText('处理过程')).toBeTruthy()
    expect(container.querySelector('.detail-awaited')).toBeNull()
  })

  test('no rate or reopen unless the server allows them', async () => {
    taro.__setRouterParams({ id: 'r-1' })
    serve({ ...base, 'reports.get': () => ({ ok: true, data: reportDetail({ allowed: [] }) }) })
    inStore(<ReportDetailPage />)
    expect(await screen.findByText('处理过程')).toBeTruthy()
    expect(screen.queryByText('提交评价')).toBeNull()
    expect(screen.queryByText('申请重新处理')).toBeNull()
  })
})

test('before the privacy notice is accepted, 我的随手拍 asks nothing of the server and offers the notice; after 不同意 it does not pop up by itself', async () => {
  serve({
    'users.me': () => ({ ok: true, data: profile({ privacyVersion: null, privacyAcceptedAt: null }) }),
    'reports.categories': () => ({ ok: true, data: categories }),
    'org.overview': () => ({ ok: true, data: org })
  })
  const { container } = inStore(<ReportPage />)
  // the notice comes up once at first; the person declines
  fireEvent.click(await screen.findByText('不同意'))
  await waitFor(() => expect(screen.queryByText('用户隐私保护指引')).toBeNull())
  fireEvent.click(screen.getByText('我的随手拍'))
  expect(await screen.findByText(/同意《用户隐私保护指引》后，可以在这里查看您反映过的问题/)).toBeTruthy()
  expect(callsOf('reports.mine')).toEqual([])
  expect(screen.queryByText('用户隐私保护指引')).toBeNull()
  fireEvent.click(container.querySelector('.my-reports-open-privacy') as HTMLElement)
  expect(await screen.findByText('用户隐私保护指引')).toBeTruthy()
})
