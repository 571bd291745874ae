/** 挂起 / 恢复办理 on the staff page: the town office's buttons and forms, and what everyone then sees. */
import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { MyProfile, ReportDetail } from '@/contract'
import StaffReportPage from '@/packages/reports/pages/handle/index'
import { ReportCard } from '@/components/report-card'
import { categories, org, profile, reportDetail, reportSummary, units } from './support/fixtures'
import { callMock, callsOf, serve, typeInto, type Replies } from './support/serve'
import { inStore } from './support/render'

jest.mock('@/services/call', () => ({ call: jest.fn() }))

const taro = Taro as unknown as { __resetStorage: () => void; __setRouterParams: (params: Record<string, string>) => void; showModal: jest.Mock }

const townAdmin = profile({
  id: 'user-town',
  name: '王主任',
  roles: ['resident', 'town_admin'],
  grants: [{ role: 'town_admin', grantedAt: '2026-10-01T00:00:00.000Z', grantedBy: 'seed' }]
})
const villageAdmin = profile({
  id: 'user-va',
  name: '赵书记',
  roles: ['resident', 'village_admin'],
  grants: [{ role: 'village_admin', villageId: 'v-dongshan', grantedAt: '2026-10-01T00:00:00.000Z', grantedBy: 'seed' }]
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

const buttons = (container: HTMLElement) => Array.from(container.querySelectorAll('.flow-button')).map((node) => (node.textContent ?? '').trim())

const dispatched = reportDetail({ status: 'dispatched', statusLabel: '已派单', unitId: 'u-cgb', unitName: '城管办', rectifyDeadline: '2026-11-27', allowed: ['suspend'] })
const suspended: ReportDetail = {
  ...dispatched,
  suspended: true,
  dueAt: null,
  allowed: ['resume'],
  timeline: [
    ...dispatched.timeline,
    { seq: 2, at: '2026-11-21T02:00:00.000Z', action: 'suspend', from: 'dispatched', to: 'dispatched', actor: '王主任', actorRole: 'town_admin', note: '需跨部门协调', photos: [] }
  ]
}

beforeEach(() => {
  callMock.mockReset()
  jest.clearAllMocks()
  taro.__resetStorage()
  taro.__setRouterParams({ id: 'r-1' })
})

test('the town office suspends with a reason (told to the reporter when chosen), then resumes with a new deadline in working days', async () => {
  const resumed: ReportDetail = { ...dispatched, rectifyDeadline: '2026-12-04', allowed: ['suspend'] }
  as(townAdmin, {
    'reports.get': () => ({ ok: true, data: dispatched }),
    'reports.suspend': () => ({ ok: true, data: suspended }),
    'reports.resume': () => ({ ok: true, data: resumed })
  })
  const { container } = inStore(<StaffReportPage />)
  await screen.findByText('处理过程')
  expect(buttons(container)).toEqual(['挂起'])

  fireEvent.click(container.querySelector('.action-suspend') as HTMLElement)
  await typeInto(container, '.input-suspend-reason', '需')
  await act(async () => {
    fireEvent.click(screen.getByText('确认挂起'))
  })
  expect(await screen.findByText('挂起原因至少 2 个字')).toBeTruthy()
  expect(callsOf('reports.suspend')).toHaveLength(0)

  await typeInto(container, '.input-suspend-reason', '需跨部门协调')
  fireEvent.click(screen.getByText('也告知反映人'))
  await act(async () => {
    fireEvent.click(screen.getByText('确认挂起'))
  })
  await waitFor(() => expect(callsOf('reports.suspend')).toEqual([['reports.suspend', { reportId: 'r-1', reason: '需跨部门协调', reasonPublic: true }]]))
  expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '挂起' }))

  // now suspended: 暂缓办理 shows, and only 恢复办理 is offered
  await waitFor(() => expect(buttons(container)).toEqual(['恢复办理']))
  expect(container.querySelector('.suspended-badge')?.textContent).toBe('暂缓办理')
  expect(screen.getByText('暂缓办理（镇创建办已挂起，恢复办理后继续）')).toBeTruthy()
  expect(container.querySelector('.timeline-entry--suspend .timeline-action')?.textContent).toBe('暂缓办理')

  fireEvent.click(container.querySelector('.action-resume') as HTMLElement)
  fireEvent.click(screen.getByText('10 个工作日'))
  await act(async () => {
    fireEvent.click(screen.getByText('确认恢复办理'))
  })
  await waitFor(() => expect(callsOf('reports.resume')).toEqual([['reports.resume', { reportId: 'r-1', workdays: 10 }]]))
  await waitFor(() => expect(buttons(container)).toEqual(['挂起']))
  expect(container.querySelector('.suspended-badge')).toBeNull()
})

test('the reason stays private unless the office chooses to tell the reporter', async () => {
  as(townAdmin, {
    'reports.get': () => ({ ok: true, data: dispatched }),
    'reports.suspend': () => ({ ok: true, data: suspended })
  })
  const { container } = inStore(<StaffReportPage />)
  await screen.findByText('处理过程')
  fireEvent.click(container.querySelector('.action-suspend') as HTMLElement)
  await typeInto(container, '.input-suspend-reason', '待上级批复')
  await act(async () => {
    fireEvent.click(screen.getByText('确认挂起'))
  })
  await waitFor(() => expect(callsOf('reports.suspend')).toEqual([['reports.suspend', { reportId: 'r-1', reason: '待上级批复', reasonPublic: false }]]))
})

test('a village admin gets no 挂起 or 恢复办理 (the server does not list them)', async () => {
  as(villageAdmin, { 'reports.get': () => ({ ok: true, data: { ...suspended, allowed: [] } }) })
  const { container } = inStore(<StaffReportPage />)
  await screen.findByText('处理过程')
  expect(buttons(container)).toEqual([])
  expect(container.querySelector('.suspended-badge')?.textContent).toBe('暂缓办理')
})

test('a list card shows 暂缓办理', async () => {
  as(townAdmin, {})
  const { container } = inStore(<ReportCard report={{ ...reportSummary(), suspended: true }} onOpen={() => undefined} />)
  await waitFor(() => expect(callsOf('users.me').length).toBeGreaterThan(0))
  expect(container.querySelector('.suspended-badge')?.textContent).toBe('暂缓办理')
})
