import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { LedgerRow, MyProfile, ReportDetail } from '@/contract'
import StaffReportPage from '@/packages/reports/pages/handle/index'
import QueuePage from '@/packages/reports/pages/queue/index'
import LedgerPage from '@/packages/reports/pages/ledger/index'
import LetterPage from '@/packages/reports/pages/letter/index'
import CalendarPage from '@/packages/reports/pages/calendar/index'
import MePage from '@/pages/me/index'
import { uploadPhoto } from '@/services/storage'
import { categories, org, profile, reportDetail, reportSummary, units } from './support/fixtures'
import { callMock, callsOf, serve, typeInto, type Replies } from './support/serve'
import { inStore } from './support/render'

jest.mock('@/services/call', () => ({ call: jest.fn() }))
jest.mock('@/services/storage', () => ({
  uploadPhoto: jest.fn(),
  preparePhoto: jest.fn(async (path: string) => path),
  releasePhoto: jest.fn()
}))

const upload = uploadPhoto as jest.MockedFunction<typeof uploadPhoto>
const taro = Taro as unknown as {
  __resetStorage: () => void
  __setRouterParams: (params: Record<string, string>) => void
  showModal: jest.Mock
  chooseMedia: jest.Mock
}

const villageAdmin = profile({
  id: 'user-va',
  name: '赵书记',
  roles: ['resident', 'village_admin'],
  grants: [{ role: 'village_admin', villageId: 'v-dongshan', grantedAt: '2026-10-01T00:00:00.000Z', grantedBy: 'seed' }]
})
const unitStaff = profile({
  id: 'user-unit',
  name: '钱科长',
  roles: ['resident', 'unit_staff'],
  grants: [{ role: 'unit_staff', unitId: 'u-cgb', grantedAt: '2026-10-01T00:00:00.000Z', grantedBy: 'seed' }]
})
const townAdmin = profile({
  id: 'user-town',
  name: '王主任',
  roles: ['resident', 'town_admin'],
  grants: [{ role: 'town_admin', grantedAt: '2026-10-01T00:00:00.000Z', grantedBy: 'seed' }]
})

function as(person: MyProfile, replies: Replies) {
  serve({
    'users.me': () => ({ ok: true, data: person }),
    'reports.categories': () => ({ ok: true, data: { items: categories, rev: 3 } }),
    'org.overview': () => ({ ok: true, data: org }),
    'org.listUnits': () => ({ ok: true, data: units }),
    ...replies
  })
}

const ALL_LABELS = ['受理', '不予受理', '标记重复', '改类别', '派单', '签收', '答复', '退单', '提交整改', '验收通过', '验收不通过']

/** The action buttons shown on the page, by label. */
function actionButtons(container: HTMLElement): string[] {
  return Array.from(container.querySelectorAll('.flow-button')).map((node) => (node.textContent ?? '').trim())
}

beforeEach(() => {
  callMock.mockReset()
  upload.mockReset()
  jest.clearAllMocks()
  taro.__resetStorage()
  taro.__setRouterParams({ id: 'r-1' })
})

test('a village admin sees only the allowed actions; 受理 is one tap, 派单 is confirmed', async () => {
  const submitted = reportDetail({ allowed: ['accept', 'reject', 'markDuplicate', 'changeCategory'] })
  const accepted: ReportDetail = { ...submitted, status: 'accepted', statusLabel: '已受理', allowed: ['dispatch'] }
  as(villageAdmin, {
    'reports.get': () => ({ ok: true, data: submitted }),
    'reports.accept': () => ({ ok: true, data: accepted }),
    'reports.dispatch': () => ({
      ok: true,
      data: { ...accepted, status: 'dispatched', statusLabel: '已派单', unitId: 'u-cgb', unitName: '城管办', allowed: [] }
    }),
    'reports.queue': () => ({ ok: true, data: { items: [], next: null } })
  })
  const { container } = inStore(<StaffReportPage />)
  await screen.findByText('处理过程')
  expect(container.querySelector('.page-report-staff-detail')).toBeTruthy()
  expect(actionButtons(container)).toEqual(['受理', '不予受理', '标记重复', '改类别'])
  for (const label of ALL_LABELS.slice(4)) expect(screen.queryByText(label)).toBeNull()

  // 受理 can be put right later (标记重复, 改类别): the tap is the one confirmation, no form, no dialog
  await act(async () => {
    fireEvent.click(container.querySelector('.action-accept') as HTMLElement)
  })
  await waitFor(() => expect(callsOf('reports.accept')).toEqual([['reports.accept', { reportId: 'r-1' }]]))
  expect(screen.queryByText('确认受理')).toBeNull()
  expect(taro.showModal).not.toHaveBeenCalled()
  expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已受理' }))
  // The returned report replaces the old one: now only 派单.
  await waitFor(() => expect(actionButtons(container)).toEqual(['派单']))

  fireEvent.click(container.querySelector('.action-dispatch') as HTMLElement)
  // No unit chosen: a field message, nothing sent.
  await act(async () => {
    fireEvent.click(screen.getByText('确认派单'))
  })
  expect(await screen.findByText('请选择责任单位')).toBeTruthy()
  expect(callsOf('reports.dispatch')).toHaveLength(0)

  fireEvent.click(await screen.findByText('城管办'))
  await typeInto(container, '.input-dispatch-note', '请三日内清理')
  await act(async () => {
    fireEvent.click(screen.getByText('确认派单'))
  })
  await waitFor(() => expect(callsOf('reports.dispatch')).toHaveLength(1))
  expect(callsOf('reports.dispatch')[0][1]).toEqual({ reportId: 'r-1', unitId: 'u-cgb', rectifyDeadline: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), note: '请三日内清理' })
  await waitFor(() => expect(container.querySelector('.flow-none')).toBeTruthy())
  expect(screen.getByText('目前没有需要您处理的步骤')).toBeTruthy()
})

test('unit staff: 签收 and 退单 only; a short reason is refused before sending; a cancelled confirmation sends nothing', async () => {
  const dispatched = reportDetail({ status: 'dispatched', statusLabel: '已派单', unitId: 'u-cgb', unitName: '城管办', allowed: ['sign', 'return'] })
  as(unitStaff, {
    'reports.get': () => ({ ok: true, data: dispatched }),
    'reports.return': () => ({ ok: true, data: { ...dispatched, status: 'returned', statusLabel: '已退单', allowed: [] } })
  })
  const { container } = inStore(<StaffReportPage />)
  await screen.findByText('处理过程')
  expect(actionButtons(container)).toEqual(['签收', '退单'])

  fireEvent.click(container.querySelector('.action-sign') as HTMLElement)
  taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
  await act(async () => {
    fireEvent.click(screen.getByText('确认签收'))
  })
  expect(callsOf('reports.sign')).toHaveLength(0)

  fireEvent.click(container.querySelector('.action-return') as HTMLElement)
  await typeInto(container, '.input-return-reason', '不归')
  await act(async () => {
    fireEvent.click(screen.getByText('确认退单'))
  })
  expect(await screen.findByText('退单理由至少 5 个字')).toBeTruthy()
  expect(callsOf('reports.return')).toHaveLength(0)

  await typeInto(container, '.input-return-reason', '该路段不属于本单位管辖')
  await act(async () => {
    fireEvent.click(screen.getByText('确认退单'))
  })
  await waitFor(() => expect(callsOf('reports.return')).toEqual([['reports.return', { reportId: 'r-1', reason: '该路段不属于本单位管辖' }]]))
})

test('unit staff rectify: after-photos are uploaded once, kept when the step fails, then sent with the note', async () => {
  const answered = reportDetail({ status: 'answered', statusLabel: '整改中', unitName: '城管办', allowed: ['rectify'] })
  let attempt = 0
  as(unitStaff, {
    'reports.get': () => ({ ok: true, data: answered }),
    'reports.rectify': () =>
      ++attempt === 1 ? { ok: false, code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' } : { ok: true, data: { ...answered, status: 'rectified', statusLabel: '待验收', allowed: [] } }
  })
  upload.mockResolvedValue({ ok: true, data: 'cloud://env/reports/2026/11/after.jpg' })
  const { container } = inStore(<StaffReportPage />)
  await screen.findByText('处理过程')
  fireEvent.click(container.querySelector('.action-rectify') as HTMLElement)
  taro.chooseMedia.mockResolvedValueOnce({ tempFiles: [{ tempFilePath: 'wxfile://tmp/after.jpg' }], type: 'image' })
  await act(async () => {
    fireEvent.click(screen.getByText('拍照/选照片'))
  })
  await typeInto(container, '.input-rectify-note', '已清运垃圾')
  await act(async () => {
    fireEvent.click(screen.getByText('确认提交整改'))
  })
  expect(await screen.findByText('服务暂时不可用，请稍后再试', { selector: '.flow-error' })).toBeTruthy()
  await act(async () => {
    fireEvent.click(screen.getByText('确认提交整改'))
  })
  await waitFor(() => expect(callsOf('reports.rectify')).toHaveLength(2))
  for (const [, input] of callsOf('reports.rectify')) expect(input).toEqual({ reportId: 'r-1', photos: ['cloud://env/reports/2026/11/after.jpg'], note: '已清运垃圾' })
  expect(upload).toHaveBeenCalledTimes(1)
  expect(upload.mock.calls[0][1]).toMatch(/^reports\/\d{4}\/\d{2}\/rectify-r-1-[A-Za-z0-9]{8}\.jpg$/)
})

test('verification: 验收不通过 needs a reason and sends pass=false', async () => {
  const rectified = reportDetail({ status: 'rectified', statusLabel: '待验收', afterPhotos: [{ fileID: 'a', url: 'https://files.example/a.jpg' }], allowed: ['verifyPass', 'verifyFail'] })
  as(villageAdmin, {
    'reports.get': () => ({ ok: true, data: rectified }),
    'reports.verify': () => ({ ok: true, data: { ...rectified, status: 'answered', statusLabel: '整改中', allowed: [] } })
  })
  const { container } = inStore(<StaffReportPage />)
  await screen.findByText('处理过程')
  expect(actionButtons(container)).toEqual(['验收通过', '验收不通过'])
  fireEvent.click(container.querySelector('.action-verifyFail') as HTMLElement)
  await typeInto(container, '.input-verifyFail-reason', '垃圾桶仍未补齐')
  await act(async () => {
    fireEvent.click(screen.getByText('确认验收不通过'))
  })
  await waitFor(() => expect(callsOf('reports.verify')).toEqual([['reports.verify', { reportId: 'r-1', pass: false, reason: '垃圾桶仍未补齐' }]]))
})

test('a conflict shows the message and reloads the report', async () => {
  let gets = 0
  const submitted = reportDetail({ allowed: ['accept'] })
  as(villageAdmin, {
    'reports.get': () => (++gets === 1 ? { ok: true, data: submitted } : { ok: true, data: { ...submitted, status: 'accepted', statusLabel: '已受理', allowed: [] } }),
    'reports.accept': () => ({ ok: false, code: 'CONFLICT', message: '数据已被他人修改，请刷新后重试' })
  })
  const { container } = inStore(<StaffReportPage />)
  await screen.findByText('处理过程')
  await act(async () => {
    fireEvent.click(container.querySelector('.action-accept') as HTMLElement)
  })
  await waitFor(() => expect(callsOf('reports.get')).toHaveLength(2))
  await waitFor(() => expect(actionButtons(container)).toEqual([]))
  expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '数据已被他人修改，请刷新后重试' }))
})

test('residents without a staff role are refused the staff page', async () => {
  as(profile({ roles: ['resident'], grants: [] }), {})
  inStore(<StaffReportPage />)
  expect(await screen.findByText('只有网格员、责任单位、村（居）管理员和镇创建办可以处置问题')).toBeTruthy()
  expect(callsOf('reports.get')).toHaveLength(0)
})

test('问题处置 queue: opens on 待我处理 with counts; chips and folded filters go into reports.queue; a problem opens the staff detail', async () => {
  const counts = { mine: 3, byStatus: { submitted: 2, accepted: 1, dispatched: 1 } }
  as(villageAdmin, {
    'reports.queue': (input) => {
      const filter = input as { status?: string; overdue?: boolean; cursor?: string }
      if (filter.overdue) return { ok: true, data: { items: [], next: null, counts } }
      return {
        ok: true,
        data: {
          items: [
            reportSummary({
              id: 'r-7',
              no: 'SSP-7',
              unitName: '城管办',
              status: filter.status === 'dispatched' ? 'dispatched' : 'submitted',
              statusLabel: filter.status === 'dispatched' ? '已派单' : '待受理'
            })
          ],
          next: null,
          counts: filter.cursor ? null : counts
        }
      }
    }
  })
  const { container } = inStore(<QueuePage />)
  const cardOf = () =>
    waitFor(() => {
      const node = container.querySelector('.report-card[data-report-id="r-7"]')
      if (!node) throw new Error('not yet')
      return node as HTMLElement
    })
  expect(within(await cardOf()).getByText('待受理')).toBeTruthy()
  expect(screen.getByText('责任单位：城管办')).toBeTruthy()
  expect(container.querySelector('.page-report-queue')).toBeTruthy()
  expect(callsOf('reports.queue')[0]).toEqual(['reports.queue', { mine: true, pageSize: 20 }])
  // the chips: 待我处理 first and on, 全部, then the open statuses that have problems, with their counts
  const views = container.querySelector('.queue-views') as HTMLElement
  await waitFor(() => expect(Array.from(views.querySelectorAll('.choice-chip')).map((n) => n.textContent)).toEqual(['待我处理 3', '全部', '待受理 2', '已受理 1', '已派单 1']))
  expect(views.querySelector('.choice-chip--on')?.textContent).toBe('待我处理 3')
  // the rarer filters are folded: no status row of 11 chips, no overdue/source rows in view
  expect(container.querySelector('.filter-status')).toBeNull()
  expect(container.querySelector('.filter-overdue')).toBeNull()

  await act(async () => {
    fireEvent.click(within(views).getByText('已派单 1'))
  })
  await waitFor(() => expect(callsOf('reports.queue').at(-1)).toEqual(['reports.queue', { status: 'dispatched', pageSize: 20 }]))
  fireEvent.click(screen.getByText(/^更多筛选/))
  await act(async () => {
    fireEvent.click(screen.getByText('只看超期'))
  })
  await waitFor(() => expect(callsOf('reports.queue').at(-1)).toEqual(['reports.queue', { status: 'dispatched', overdue: true, pageSize: 20 }]))
  expect(await screen.findByText('没有符合条件的问题')).toBeTruthy()
  // closed statuses are under 更多筛选
  await act(async () => {
    fireEvent.click(within(container.querySelector('.filter-status') as HTMLElement).getByText('已销号'))
  })
  await waitFor(() => expect(callsOf('reports.queue').at(-1)).toEqual(['reports.queue', { status: 'closed', overdue: true, pageSize: 20 }]))

  fireEvent.click(screen.getByText('清除筛选（2）'))
  await act(async () => {
    fireEvent.click(within(views).getByText('待我处理 3'))
  })
  await waitFor(() => expect(callsOf('reports.queue').at(-1)).toEqual(['reports.queue', { mine: true, pageSize: 20 }]))
  fireEvent.click(await cardOf())
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/reports/pages/handle/index?id=r-7' })
})

const row = (patch: Partial<LedgerRow> = {}): LedgerRow => ({
  id: 'r-1',
  no: 'SSP-2026-0001',
  source: 'inspection',
  createdAt: '2026-11-20T02:00:00.000Z',
  villageName: '东山村',
  gridName: '第一网格',
  address: '村委会南边路口',
  categoryName: '乱扔垃圾/暴露垃圾',
  description: '村口垃圾',
  unitName: '城管办',
  dispatchedAt: '2026-11-20T05:00:00.000Z',
  rectifyDeadline: '2026-11-27',
  dueAt: '2027-01-04T09:00:00.000Z',
  dueEstimated: true,
  measures: '当天清运',
  plannedDate: '2026-11-22',
  status: 'closed',
  statusLabel: '已销号',
  closedAt: '2026-11-23T02:00:00.000Z',
  daysOverdue: 1,
  ...patch
})

test('问题台账: every column, and 导出 Excel gives a download link', async () => {
  // a wide screen shows the table (a phone: cards, report-phone.test.tsx)
  ;(Taro.getSystemInfoSync as jest.Mock).mockReturnValue({ windowWidth: 1024, windowHeight: 768, pixelRatio: 2, platform: 'devtools' })
  as(townAdmin, {
    'reports.ledger': () => ({ ok: true, data: { items: [row()], next: null } }),
    'reports.exportLedger': () => ({ ok: true, data: { fileID: 'cloud://env/exports/ledger.xlsx', url: '/files/exports/ledger.xlsx', rows: 1 } })
  })
  const { container } = inStore(<LedgerPage />)
  expect(await screen.findByText('SSP-2026-0001')).toBeTruthy()
  expect(container.querySelector('.page-ledger')).toBeTruthy()
  const headers = Array.from(container.querySelectorAll('.ledger-row--head .ledger-cell')).map((node) => node.textContent)
  expect(headers).toEqual([
    '编号',
    '来源',
    '上报时间',
    '村（居）',
    '网格',
    '地点',
    '问题类别',
    '问题描述',
    '责任单位',
    '派单时间',
    '整改期限',
    '当前期限',
    '整改措施',
    '计划完成',
    '状态',
    '销号时间',
    '逾期工作日'
  ])
  const cells = Array.from(container.querySelectorAll('.ledger-row[data-report-id="r-1"] .ledger-cell')).map((node) => node.textContent)
  expect(cells).toEqual([
    'SSP-2026-0001',
    '督导',
    '2026-11-20',
    '东山村',
    '第一网格',
    '村委会南边路口',
    '乱扔垃圾/暴露垃圾',
    '村口垃圾',
    '城管办',
    '2026-11-20',
    '2026-11-27',
    '2027-01-04（估算）',
    '当天清运',
    '2026-11-22',
    '已销号',
    '2026-11-23',
    '1'
  ])

  // Filters: a category and a start date; the export follows the same filters.
  fireEvent.click(screen.getByText(/^更多筛选/))
  await act(async () => {
    fireEvent.click(within(container.querySelector('.filter-category') as HTMLElement).getByText('公厕不洁'))
  })
  await act(async () => {
    const from = container.querySelector('.filter-from') as HTMLElement
    from.dispatchEvent(new CustomEvent('change', { detail: { value: '2026-11-01' }, bubbles: true }))
  })
  await waitFor(() => expect(callsOf('reports.ledger').at(-1)).toEqual(['reports.ledger', { category: 'toilet', from: '2026-11-01', pageSize: 20 }]))
  await act(async () => {
    fireEvent.click(screen.getByText('导出 Excel'))
  })
  await waitFor(() => expect(callsOf('reports.exportLedger')).toEqual([['reports.exportLedger', { category: 'toilet', from: '2026-11-01' }]]))
  const link = (await screen.findByText('下载 Excel（1 条）')) as HTMLAnchorElement
  expect(link.tagName).toBe('A')
  expect(link.getAttribute('href')).toBe('/files/exports/ledger.xlsx')
  expect(link.hasAttribute('download')).toBe(true)
  ;(Taro.getSystemInfoSync as jest.Mock).mockReturnValue({ windowWidth: 375, windowHeight: 667, pixelRatio: 2, platform: 'devtools' })
})

test('函件: the formal layout of a letter', async () => {
  taro.__setRouterParams({ id: 'l-1' })
  as(unitStaff, {
    'reports.letter': () => ({
      ok: true,
      data: {
        id: 'l-1',
        kind: 'reply',
        kindLabel: '答复函',
        no: '城管答〔2026〕3号',
        reportId: 'r-1',
        reportNo: 'SSP-2026-0001',
        issuedAt: '2026-11-21T02:00:00.000Z',
        to: '西岗镇文明创建办公室',
        from: '城管办',
        body: '关于村口垃圾问题，我单位已安排清运。',
        dueAt: null
      }
    })
  })
  const { container } = inStore(<LetterPage />)
  expect(await screen.findByText('答复函')).toBeTruthy()
  expect(container.querySelector('.page-letter .letter')).toBeTruthy()
  expect(callsOf('reports.letter')).toEqual([['reports.letter', { letterId: 'l-1' }]])
  expect(screen.getByText('城管答〔2026〕3号')).toBeTruthy()
  expect(screen.getByText('西岗镇文明创建办公室：')).toBeTruthy()
  expect(screen.getByText('2026年11月21日')).toBeTruthy()
})

test('节假日: a month calendar marks holidays and make-up days and says where each comes from; the town office taps a day to set it', async () => {
  jest.useFakeTimers({ now: new Date('2026-10-05T02:00:00.000Z'), advanceTimers: true })
  try {
    const year = 2026
    as(townAdmin, {
      'reports.calendar': () => ({
        ok: true,
        data: { year, known: false, days: [{ date: `${year}-10-01`, kind: 'holiday', name: '国庆节', origin: 'package' }] }
      }),
      'reports.setCalendarDay': (input) => ({
        ok: true,
        data: {
          year,
          known: false,
          days: [
            { date: `${year}-10-01`, kind: 'holiday', name: '国庆节', origin: 'package' },
            { date: (input as { date: string }).date, kind: 'workday', name: null, origin: 'office' }
          ]
        }
      })
    })
    const { container } = inStore(<CalendarPage />)
    expect(await screen.findByText(/放假安排尚未公布/)).toBeTruthy()
    expect(container.querySelector('.page-calendar')).toBeTruthy()
    // the month of today, Monday first; no internal words
    expect(screen.getByText('2026 年 10 月')).toBeTruthy()
    expect(container.textContent).not.toContain('数据包')
    const cell = (date: string) => container.querySelector(`.calendar-cell[data-date="${date}"]`) as HTMLElement
    expect(cell('2026-10-01').className).toContain('calendar-cell--holiday')
    expect(cell('2026-10-01').textContent).toBe('1休')
    expect(cell('2026-10-11').className).toContain('calendar-cell--weekend')
    expect(screen.getByText('国家安排')).toBeTruthy()

    // tap a day: what it is now, then one tap sets it
    fireEvent.click(cell('2026-10-11'))
    expect(await screen.findByText('10 月 11 日（周日）')).toBeTruthy()
    expect(screen.getByText(/现在：周末休息/)).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('设为上班（调休）'))
    })
    await waitFor(() => expect(callsOf('reports.setCalendarDay')).toEqual([['reports.setCalendarDay', { date: `${year}-10-11`, kind: 'workday' }]]))
    expect(await screen.findByText('创建办补充')).toBeTruthy()
    expect(cell('2026-10-11').className).toContain('calendar-cell--workday')
    expect(cell('2026-10-11').className).toContain('calendar-cell--office')

    // another month asks nothing new within the year; the list follows the month
    fireEvent.click(screen.getByText('下个月'))
    expect(await screen.findByText('2026 年 11 月')).toBeTruthy()
    expect(screen.getByText('这个月没有节假日或调休，按周末休息、周一到周五上班计算。')).toBeTruthy()
  } finally {
    jest.useRealTimers()
  }
})

test('节假日: a village admin sees the calendar but cannot set days', async () => {
  as(villageAdmin, {
    'reports.calendar': () => ({ ok: true, data: { year: new Date().getFullYear(), known: true, days: [] } })
  })
  const { container } = inStore(<CalendarPage />)
  expect(await screen.findByText(/放假安排已收录/)).toBeTruthy()
  const first = container.querySelector('.calendar-cell[data-date]') as HTMLElement
  fireEvent.click(first)
  expect(container.querySelector('.calendar-editor')).toBeNull()
})

describe('我的 → 管理 entries by role', () => {
  const entriesOf = (container: HTMLElement) => Array.from(container.querySelectorAll('.me-admin-title')).map((node) => node.textContent)

  test.each([
    ['grid worker', profile(), ['问题处置', '督导上报', '走访记录', '保洁考核']],
    ['unit staff', unitStaff, ['问题处置', '信息报送', '整改通知', '数据看板', '周通报 · 月通报']],
    [
      'village admin',
      villageAdmin,
      [
        '问题处置',
        '问题台账',
        '数据看板',
        '周通报 · 月通报',
        '巡查排班',
        '走访记录',
        '保洁考核',
        '信息报送',
        '人员与角色',
        '组织架构',
        '善行审核',
        '光荣榜管理',
        '评选管理',
        '积分超市管理',
        '家庭管理',
        '积分更正',
        '志愿活动管理',
        '时长审核',
        '志愿队伍'
      ]
    ],
    [
      'town office',
      townAdmin,
      [
        '问题处置',
        '督导上报',
        '问题台账',
        '数据看板',
        '节假日与调休',
        '问题类别',
        '周通报 · 月通报',
        '巡查排班',
        '走访记录',
        '保洁考核',
        '信息报送',
        '人员与角色',
        '组织架构',
        '防刷与审批规则',
        '善行审核',
        '光荣榜管理',
        '评选管理',
        '积分超市管理',
        '家庭管理',
        '积分更正',
        '积分规则',
        '志愿活动管理',
        '时长审核',
        '志愿队伍',
        '志愿服务规则'
      ]
    ]
  ])('%s', async (_who, person, expected) => {
    as(person, {})
    const { container } = inStore(<MePage />)
    await screen.findByText('管理')
    expect(entriesOf(container)).toEqual(expected)
  })

  test('a resident without roles has no 管理', async () => {
    as(profile({ roles: ['resident'], grants: [] }), {})
    inStore(<MePage />)
    await screen.findByText('长辈模式')
    expect(screen.queryByText('管理')).toBeNull()
  })
})

describe('我的 → 管理 headings', () => {
  const headingsOf = (container: HTMLElement) => Array.from(container.querySelectorAll('.me-admin-group')).map((node) => node.textContent)

  test('the town office sees its entries under one heading per area', async () => {
    as(townAdmin, {})
    const { container } = inStore(<MePage />)
    await screen.findByText('管理')
    expect(headingsOf(container)).toEqual(['问题处置', '人员与组织', '善行与光荣榜', '志愿服务'])
  })

  test('someone with one area gets no headings', async () => {
    as(unitStaff, {})
    const { container } = inStore(<MePage />)
    await screen.findByText('问题处置')
    expect(headingsOf(container)).toEqual([])
  })
})
