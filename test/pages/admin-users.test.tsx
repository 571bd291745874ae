import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { AppStoreProvider } from '@/store/app-store'
import AdminUsersPage from '@/packages/admin/pages/users/index'
import type { MoveRequest } from '@/contract'
import { org, profile, summary, units } from './support/fixtures'
import { callMock, callsOf, serve, typeInto } from './support/serve'

jest.mock('@/services/call', () => ({ call: jest.fn() }))

const townAdmin = profile({
  id: 'user-admin',
  name: '王主任',
  roles: ['resident', 'town_admin'],
  grants: [{ role: 'town_admin', grantedAt: '2026-10-01T00:00:00.000Z', grantedBy: 'seed' }]
})
const villageAdmin = profile({
  id: 'user-va',
  name: '赵书记',
  roles: ['resident', 'village_admin'],
  grants: [{ role: 'village_admin', villageId: 'v-xishan', grantedAt: '2026-10-01T00:00:00.000Z', grantedBy: 'seed' }]
})

function renderPage() {
  return render(
    <AppStoreProvider>
      <AdminUsersPage />
    </AppStoreProvider>
  )
}

beforeEach(() => {
  callMock.mockReset()
  jest.clearAllMocks()
})

test('town office: search, load more, and assign a grid worker with confirmation', async () => {
  const li = summary()
  let assigned = false
  serve({
    'users.me': () => ({ ok: true, data: townAdmin }),
    'org.overview': () => ({ ok: true, data: org }),
    'org.listUnits': () => ({ ok: true, data: units }),
    'users.moves': () => ({ ok: true, data: { items: [], next: null } }),
    'users.list': (input) => {
      const { cursor, keyword } = input as { cursor?: string; keyword?: string }
      if (keyword) return { ok: true, data: { items: [assigned ? summary({ roles: ['resident', 'grid_worker'] }) : li], next: null } }
      if (cursor === 'p2') return { ok: true, data: { items: [summary({ id: 'user-chen', name: '陈大妈' })], next: null } }
      return { ok: true, data: { items: [li, summary({ id: 'user-sun', name: '孙师傅' })], next: 'p2' } }
    },
    'users.assignRole': (input) => {
      assigned = true
      const { gridId } = input as { gridId: string }
      return {
        ok: true,
        data: summary({ roles: ['resident', 'grid_worker'], grants: [{ role: 'grid_worker', villageId: 'v-dongshan', gridId, grantedAt: 'now', grantedBy: 'user-admin' }] })
      }
    }
  })
  const { container } = renderPage()
  expect(container.querySelector('.page-admin-users')).toBeTruthy()
  expect(await screen.findByText('孙师傅')).toBeTruthy()

  // 加载更多 appends the next page.
  await act(async () => {
    fireEvent.click(screen.getByText('加载更多'))
  })
  expect(await screen.findByText('陈大妈')).toBeTruthy()
  expect(callsOf('users.list')[1]).toEqual(['users.list', { cursor: 'p2', pageSize: 20 }])
  expect(screen.getByText('没有更多了')).toBeTruthy()

  // Search by name.
  await typeInto(container, '.search-input', '李建国')
  await act(async () => {
    fireEvent.click(screen.getByText('搜索'))
  })
  await waitFor(() => expect(screen.queryByText('孙师傅')).toBeNull())
  expect(callsOf('users.list').at(-1)).toEqual(['users.list', { keyword: '李建国', pageSize: 20 }])

  // Assign 网格员 in 东山村 第一网格.
  const item = container.querySelector('[data-user-id="user-li"]') as HTMLElement
  fireEvent.click(within(item).getByText('分配角色'))
  fireEvent.click(within(item).getByText('网格员'))
  fireEvent.click(within(item.querySelector('.pick-role-village') as HTMLElement).getByText('东山村'))
  fireEvent.click(within(item.querySelector('.pick-role-grid') as HTMLElement).getByText('第一网格'))
  await act(async () => {
    fireEvent.click(within(item).getByText('确认分配'))
  })

  expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '给 李建国 分配「网格员 · 东山村 第一网格」？' }))
  await waitFor(() => expect(callsOf('users.assignRole')).toEqual([['users.assignRole', { userId: 'user-li', role: 'grid_worker', gridId: 'g-ds-1' }]]))
  expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已分配网格员' }))
  expect(await within(container.querySelector('[data-user-id="user-li"]') as HTMLElement).findAllByText('网格员 · 东山村 第一网格')).not.toHaveLength(0)
})

test('assigning without the place it needs says so and does not call the server', async () => {
  serve({
    'users.me': () => ({ ok: true, data: townAdmin }),
    'org.overview': () => ({ ok: true, data: org }),
    'org.listUnits': () => ({ ok: true, data: units }),
    'users.moves': () => ({ ok: true, data: { items: [], next: null } }),
    'users.list': () => ({ ok: true, data: { items: [summary()], next: null } })
  })
  const { container } = renderPage()
  await screen.findByText('李建国')
  const item = container.querySelector('[data-user-id="user-li"]') as HTMLElement
  fireEvent.click(within(item).getByText('分配角色'))
  fireEvent.click(within(item).getByText('责任单位'))
  await act(async () => {
    fireEvent.click(within(item).getByText('确认分配'))
  })
  expect(within(item).getByText('请选择责任单位')).toBeTruthy()
  expect(Taro.showModal).not.toHaveBeenCalled()
  expect(callsOf('users.assignRole')).toHaveLength(0)
})

test('a refused assignment shows the server message and keeps the choice', async () => {
  serve({
    'users.me': () => ({ ok: true, data: townAdmin }),
    'org.overview': () => ({ ok: true, data: org }),
    'org.listUnits': () => ({ ok: true, data: units }),
    'users.moves': () => ({ ok: true, data: { items: [], next: null } }),
    'users.list': () => ({ ok: true, data: { items: [summary()], next: null } }),
    'users.assignRole': () => ({ ok: false, code: 'FORBIDDEN', message: '您没有权限进行此操作' })
  })
  const { container } = renderPage()
  await screen.findByText('李建国')
  const item = container.querySelector('[data-user-id="user-li"]') as HTMLElement
  fireEvent.click(within(item).getByText('分配角色'))
  fireEvent.click(within(item).getByText('镇创建办'))
  await act(async () => {
    fireEvent.click(within(item).getByText('确认分配'))
  })
  expect(await within(item).findByText('您没有权限进行此操作')).toBeTruthy()
  expect(item.querySelector('.pick-role .choice-chip--on')?.textContent).toBe('镇创建办')
})

test('a village admin sees only their village, without role assignment', async () => {
  serve({
    'users.me': () => ({ ok: true, data: villageAdmin }),
    'org.overview': () => ({ ok: true, data: org }),
    'users.moves': () => ({ ok: true, data: { items: [], next: null } }),
    'users.list': () => ({ ok: true, data: { items: [], next: null } })
  })
  renderPage()
  expect(await screen.findByText('还没有人员')).toBeTruthy()
  expect(callsOf('users.list')).toEqual([['users.list', { villageId: 'v-xishan', pageSize: 20 }]])
  expect(callsOf('org.listUnits')).toHaveLength(0)
  expect(screen.queryByText('分配角色')).toBeNull()
  // says who assigns roles instead of promising it
  expect(screen.getByText('角色（网格员、村（居）管理员等）由镇创建办分配；需要调整时请联系镇创建办。')).toBeTruthy()
})

test('a list failure shows the message and 重试 loads again', async () => {
  let attempt = 0
  serve({
    'users.me': () => ({ ok: true, data: townAdmin }),
    'org.overview': () => ({ ok: true, data: org }),
    'org.listUnits': () => ({ ok: true, data: units }),
    'users.moves': () => ({ ok: true, data: { items: [], next: null } }),
    'users.list': () => (++attempt === 1 ? { ok: false, code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' } : { ok: true, data: { items: [summary()], next: null } })
  })
  renderPage()
  expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeTruthy()
  await act(async () => {
    fireEvent.click(screen.getByText('重试'))
  })
  expect(await screen.findByText('李建国')).toBeTruthy()
})

test('people without an admin role are turned away', async () => {
  serve({
    'users.me': () => ({ ok: true, data: profile({ roles: ['resident'], grants: [] }) }),
    'org.overview': () => ({ ok: true, data: org })
  })
  renderPage()
  expect(await screen.findByText(/管理功能只对村（居）管理员和镇创建办开放/)).toBeTruthy()
  expect(callsOf('users.list')).toHaveLength(0)
})

describe('待确认的迁入', () => {
  const move = (patch: Partial<MoveRequest> = {}): MoveRequest => ({
    userId: 'user-chen',
    name: '陈大妈',
    phone: '139****0003',
    fromVillageId: 'v-dongshan',
    fromVillageName: '东山村',
    fromGridName: '第一网格',
    to: { villageId: 'v-xishan', villageName: '西山村', gridId: 'g-xs-1', gridName: '西山一网格', requestedAt: '2026-11-18T02:00:00.000Z' },
    ...patch
  })
  const sun = move({ userId: 'user-sun', name: '孙师傅', phone: '139****0004', fromGridName: null, to: { ...move().to, gridId: null, gridName: null } })

  test('a village admin agrees to one move and refuses another with a reason, until none is left', async () => {
    let waiting = [move(), sun]
    serve({
      'users.me': () => ({ ok: true, data: villageAdmin }),
      'org.overview': () => ({ ok: true, data: org }),
      'users.list': () => ({ ok: true, data: { items: [], next: null } }),
      'users.moves': () => ({ ok: true, data: { items: waiting, next: null } }),
      'users.confirmMove': (input) => {
        waiting = waiting.filter((m) => m.userId !== (input as { userId: string }).userId)
        return { ok: true, data: summary({ id: 'user-chen', villageId: 'v-xishan' }) }
      },
      'users.refuseMove': (input) => {
        waiting = waiting.filter((m) => m.userId !== (input as { userId: string }).userId)
        return { ok: true, data: summary({ id: 'user-sun' }) }
      }
    })
    const { container } = renderPage()
    expect(await screen.findByText('陈大妈 · 139****0003')).toBeTruthy()
    expect(screen.getByText('待确认的迁入')).toBeTruthy()
    expect(callsOf('users.moves')).toEqual([['users.moves', { villageId: 'v-xishan', pageSize: 20 }]])
    const chen = container.querySelector('.move-item[data-user-id="user-chen"]') as HTMLElement
    expect(within(chen).getByText('现在：东山村 · 第一网格')).toBeTruthy()
    expect(within(chen).getByText('申请迁入：西山村 · 西山一网格')).toBeTruthy()
    expect(within(chen).getByText('申请时间：2026-11-18 10:00')).toBeTruthy()

    await act(async () => {
      fireEvent.click(within(chen).getByText('同意'))
    })
    await waitFor(() => expect(screen.queryByText('陈大妈 · 139****0003')).toBeNull())
    expect(callsOf('users.confirmMove')).toEqual([['users.confirmMove', { userId: 'user-chen', villageId: 'v-xishan' }]])

    const other = container.querySelector('.move-item[data-user-id="user-sun"]') as HTMLElement
    fireEvent.click(within(other).getByText('不同意'))
    await typeInto(container, '.move-refuse-reason', '经核实未在本村居住')
    await act(async () => {
      fireEvent.click(within(other).getByText('确认不同意'))
    })
    expect(await screen.findByText('没有待确认的迁入')).toBeTruthy()
    expect(callsOf('users.refuseMove')).toEqual([['users.refuseMove', { userId: 'user-sun', villageId: 'v-xishan', reason: '经核实未在本村居住' }]])
  })

  test('the town office sees every village’s; a failed load offers 重试 and a refused decision shows why', async () => {
    let attempt = 0
    serve({
      'users.me': () => ({ ok: true, data: townAdmin }),
      'org.overview': () => ({ ok: true, data: org }),
      'org.listUnits': () => ({ ok: true, data: units }),
      'users.list': () => ({ ok: true, data: { items: [], next: null } }),
      'users.moves': () => (++attempt === 1 ? { ok: false, code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' } : { ok: true, data: { items: [move()], next: null } }),
      'users.confirmMove': () => ({ ok: false, code: 'NOT_FOUND', message: '没有找到这份迁入申请，可能已撤回或已处理' })
    })
    renderPage()
    expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeTruthy()
    expect(callsOf('users.moves')[0]).toEqual(['users.moves', { pageSize: 20 }])
    await act(async () => {
      fireEvent.click(screen.getByText('重试'))
    })
    expect(await screen.findByText('陈大妈 · 139****0003')).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('同意'))
    })
    expect(await screen.findByText('没有找到这份迁入申请，可能已撤回或已处理')).toBeTruthy()
  })
})
