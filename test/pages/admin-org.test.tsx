import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { AppStoreProvider } from '@/store/app-store'
import AdminOrgPage from '@/packages/admin/pages/org/index'
import { org, profile, units } from './support/fixtures'
import { callMock, callsOf, serve, typeInto } from './support/serve'

jest.mock('@/services/call', () => ({ call: jest.fn() }))

const townAdmin = profile({ roles: ['resident', 'town_admin'], grants: [{ role: 'town_admin', grantedAt: '', grantedBy: '' }] })
const staff = [{ userId: 'user-zhang', name: '张秀兰', grant: { role: 'grid_worker' as const, villageId: 'v-dongshan', gridId: 'g-ds-1', grantedAt: '', grantedBy: '' } }]

beforeEach(() => {
  callMock.mockReset()
  jest.clearAllMocks()
})

function renderPage() {
  return render(
    <AppStoreProvider>
      <AdminOrgPage />
    </AppStoreProvider>
  )
}

test('shows villages with grids, units and staff by name', async () => {
  serve({
    'users.me': () => ({ ok: true, data: townAdmin }),
    'org.overview': () => ({ ok: true, data: org }),
    'org.listUnits': () => ({ ok: true, data: units }),
    'org.listStaff': () => ({ ok: true, data: staff })
  })
  const { container } = renderPage()
  expect(await screen.findByText('西岗镇 · 村（居）与网格')).toBeTruthy()
  expect(screen.getByText('西山一网格')).toBeTruthy()
  expect(await screen.findByText('城管办')).toBeTruthy()
  expect(await screen.findByText('网格员 · 东山村 第一网格')).toBeTruthy()
  expect(callsOf('org.listStaff')).toEqual([['org.listStaff', {}]])

  fireEvent.click(within(container.querySelector('.staff-village') as HTMLElement).getByText('西山村'))
  await waitFor(() => expect(callsOf('org.listStaff').at(-1)).toEqual(['org.listStaff', { villageId: 'v-xishan' }]))
})

test('adding a village: the typed name survives a refusal, then saves and reloads', async () => {
  let refuse = true
  serve({
    'users.me': () => ({ ok: true, data: townAdmin }),
    'org.overview': () => ({ ok: true, data: org }),
    'org.listUnits': () => ({ ok: true, data: units }),
    'org.listStaff': () => ({ ok: true, data: [] }),
    'org.saveVillage': (input) =>
      refuse ? { ok: false, code: 'CONFLICT', message: '已有同名的村（居）' } : { ok: true, data: { id: 'v-new', townId: 'town1', name: (input as { name: string }).name, order: 3, grids: [] } }
  })
  const { container } = renderPage()
  await screen.findByText('东山村', { selector: '.org-village-name' })
  fireEvent.click(screen.getByText('新增村（居）'))
  await typeInto(container, '.name-editor-input', '南湖社区')
  await act(async () => {
    fireEvent.click(within(container.querySelector('.name-editor') as HTMLElement).getByText('保存'))
  })
  expect(await screen.findByText('已有同名的村（居）')).toBeTruthy()
  expect((container.querySelector('.name-editor-input input') as HTMLInputElement).value).toBe('南湖社区')

  refuse = false
  const overviewCalls = callsOf('org.overview').length
  await act(async () => {
    fireEvent.click(within(container.querySelector('.name-editor') as HTMLElement).getByText('保存'))
  })
  await waitFor(() => expect(callsOf('org.saveVillage').at(-1)).toEqual(['org.saveVillage', { name: '南湖社区' }]))
  expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存' }))
  await waitFor(() => expect(callsOf('org.overview').length).toBeGreaterThan(overviewCalls))
  expect(container.querySelector('.name-editor')).toBeNull()
})

test('an empty name is refused on the device with the contract message', async () => {
  serve({
    'users.me': () => ({ ok: true, data: townAdmin }),
    'org.overview': () => ({ ok: true, data: org }),
    'org.listUnits': () => ({ ok: true, data: units }),
    'org.listStaff': () => ({ ok: true, data: [] })
  })
  const { container } = renderPage()
  await screen.findByText('东山村', { selector: '.org-village-name' })
  fireEvent.click(within(container.querySelector('[data-village-id="v-dongshan"]') as HTMLElement).getByText('＋ 新增网格'))
  await act(async () => {
    fireEvent.click(within(container.querySelector('.name-editor') as HTMLElement).getByText('保存'))
  })
  expect(await screen.findByText('请填写网格名称')).toBeTruthy()
  expect(callsOf('org.saveGrid')).toHaveLength(0)
})

test('a village admin edits grids of their own village only, and cannot add villages or units', async () => {
  serve({
    'users.me': () => ({
      ok: true,
      data: profile({ roles: ['resident', 'village_admin'], grants: [{ role: 'village_admin', villageId: 'v-xishan', grantedAt: '', grantedBy: '' }] })
    }),
    'org.overview': () => ({ ok: true, data: org }),
    'org.listUnits': () => ({ ok: true, data: units }),
    'org.listStaff': () => ({ ok: true, data: [] })
  })
  const { container } = renderPage()
  await screen.findByText('东山村', { selector: '.org-village-name' })
  expect(screen.queryByText('新增村（居）')).toBeNull()
  expect(screen.queryByText('新增单位')).toBeNull()
  expect(within(container.querySelector('[data-village-id="v-dongshan"]') as HTMLElement).queryByText('＋ 新增网格')).toBeNull()
  expect(within(container.querySelector('[data-village-id="v-xishan"]') as HTMLElement).getByText('＋ 新增网格')).toBeTruthy()
  await waitFor(() => expect(callsOf('org.listStaff')).toEqual([['org.listStaff', { villageId: 'v-xishan' }]]))
})
