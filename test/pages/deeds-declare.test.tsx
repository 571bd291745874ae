import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { Deed, InputOf, ResidentMatch } from '@/contract'
import { AppStoreProvider } from '@/store/app-store'
import DeclarePage from '@/packages/deeds/pages/declare/index'
import { org, profile } from './support/fixtures'
import { callMock, callsOf, serve, typeInto, type Replies } from './support/serve'

jest.mock('@/services/call', () => ({ call: jest.fn() }))

const taro = Taro as unknown as { __resetStorage: () => void; getStorageSync: (key: string) => unknown }

beforeEach(() => {
  callMock.mockReset()
  jest.clearAllMocks()
  taro.__resetStorage()
})

type DeclareInput = InputOf<'deeds.declare'>

const gridWorker = profile()
const resident = profile({ id: 'user-wang', name: '王大妈', roles: ['resident'], grants: [] })

const namesakes: ResidentMatch[] = [
  { userId: 'user-li-1', name: '李建国', villageId: 'v-dongshan', gridName: '第一网格' },
  { userId: 'user-li-2', name: '李建国', villageId: 'v-dongshan', gridName: '第二网格' }
]

/** The declaration as the server would echo it, from what was sent. */
function echo(input: unknown, who: ResidentMatch | undefined): Deed {
  const sent = input as DeclareInput
  return {
    id: 'd-new',
    villageId: who?.villageId ?? 'v-dongshan',
    subjectUserId: sent.subjectUserId ?? null,
    subjectName: who?.name ?? '',
    householdId: null,
    householdName: null,
    declarerName: '张秀兰',
    onBehalf: sent.onBehalf === true,
    category: sent.category,
    categoryLabel: '助人为乐',
    group: 'social',
    groupLabel: '社会公德',
    title: sent.title,
    occurredOn: sent.occurredOn,
    place: sent.place,
    description: sent.description,
    photos: [],
    status: 'pending',
    statusLabel: '待审核',
    reason: null,
    points: null,
    capped: false,
    createdAt: '2026-11-21T02:00:00.000Z',
    reviewedAt: null
  }
}

function replies(me = gridWorker, matches: ResidentMatch[] = namesakes): Replies {
  return {
    'users.me': () => ({ ok: true, data: me }),
    'org.overview': () => ({ ok: true, data: org }),
    'deeds.findResidents': (input) => ({ ok: true, data: matches.filter((match) => match.villageId === (input as { villageId: string }).villageId) }),
    'deeds.declare': (input) => ({
      ok: true,
      data: echo(
        input,
        matches.find((match) => match.userId === (input as DeclareInput).subjectUserId)
      )
    })
  }
}

async function openPage() {
  const view = render(
    <AppStoreProvider>
      <DeclarePage />
    </AppStoreProvider>
  )
  await waitFor(() => expect(view.container.querySelector('.page-deed-declare .deed-submit')).toBeTruthy())
  return view
}

/** Picks whose deed it is and waits for the village list the search needs. */
async function choose(kind: '本村（居）其他居民' | '代录（为本网格居民登记）') {
  fireEvent.click(screen.getByText(kind))
  if (kind === '本村（居）其他居民') expect(await screen.findByText('西山村')).toBeTruthy()
  else expect(await screen.findByText(/代录只能为本网格（第一网格）的居民登记/)).toBeTruthy()
}

async function search(container: HTMLElement, name: string) {
  await typeInto(container, '.resident-name', name)
  await act(async () => {
    fireEvent.click(screen.getByText('查找'))
  })
}

async function fillDeed(container: HTMLElement) {
  fireEvent.click(screen.getByText('助人为乐'))
  await typeInto(container, '.deed-title', '帮邻居收麦子')
  await typeInto(container, '.deed-place', '东山村三组')
  await typeInto(container, '.deed-description', '邻居老人生病，帮他把麦子收回家。')
}

async function submit() {
  await act(async () => {
    fireEvent.click(screen.getByText('提交申报'))
  })
}

describe('申报善行：本村（居）其他居民', () => {
  test('searches by exact name in my village, tells namesakes apart by grid, and sends the picked subjectUserId', async () => {
    serve(replies(resident))
    const { container } = await openPage()
    expect(screen.queryByText('代录（为本网格居民登记）')).toBeNull()
    await choose('本村（居）其他居民')
    await search(container, ' 李建国 ')
    expect(callsOf('deeds.findResidents')[0][1]).toEqual({ villageId: resident.villageId, name: '李建国' })
    expect(await screen.findByText('第二网格')).toBeTruthy()
    expect(screen.getByText('有 2 位同名居民，请按所在网格选择')).toBeTruthy()
    fireEvent.click(container.querySelector('[data-user-id="user-li-2"]') as HTMLElement)
    expect(screen.getByText('已选：李建国（第二网格）')).toBeTruthy()

    await fillDeed(container)
    await submit()
    await waitFor(() => expect(callsOf('deeds.declare')).toHaveLength(1))
    const sent = callsOf('deeds.declare')[0][1] as DeclareInput
    expect(sent).toMatchObject({ subjectUserId: 'user-li-2', category: 'helping', title: '帮邻居收麦子' })
    expect(sent.onBehalf).toBeUndefined()
    expect(await screen.findByText('已提交，等待村（居）审核')).toBeTruthy()
    expect(screen.getByText(/记入 李建国 的善行档案/)).toBeTruthy()
  })

  test('another village can be chosen before searching', async () => {
    serve(replies(resident))
    const { container } = await openPage()
    await choose('本村（居）其他居民')
    fireEvent.click(screen.getByText('西山村'))
    await search(container, '李建国')
    expect(callsOf('deeds.findResidents')[0][1]).toEqual({ villageId: 'v-xishan', name: '李建国' })
  })

  test('no match says so and suggests what to do; nothing can be sent without a pick', async () => {
    serve(replies(resident, []))
    const { container } = await openPage()
    await choose('本村（居）其他居民')
    await search(container, '赵四')
    expect(await screen.findByText('没有找到这位居民')).toBeTruthy()
    expect(screen.getByText('请他先登录小程序登记，或请网格员代录')).toBeTruthy()
    await fillDeed(container)
    await submit()
    expect(screen.getByText('请先按姓名查找，并选择是哪位居民')).toBeTruthy()
    expect(callsOf('deeds.declare')).toHaveLength(0)
  })

  test('an empty name is refused before any search', async () => {
    serve(replies(resident))
    await openPage()
    await choose('本村（居）其他居民')
    await act(async () => {
      fireEvent.click(screen.getByText('查找'))
    })
    expect(screen.getByText('请填写姓名')).toBeTruthy()
    expect(callsOf('deeds.findResidents')).toHaveLength(0)
  })
})

describe('申报善行：网格员代录', () => {
  test('searches the village of my grid and sends onBehalf; the success screen says it was entered on behalf', async () => {
    serve(replies())
    const { container } = await openPage()
    await choose('代录（为本网格居民登记）')
    await search(container, '李建国')
    const grid = gridWorker.grants.find((grant) => grant.role === 'grid_worker')
    expect(callsOf('deeds.findResidents')[0][1]).toEqual({ villageId: grid?.villageId, name: '李建国' })
    fireEvent.click((await screen.findAllByText('选这位'))[0])
    await fillDeed(container)
    await submit()
    await waitFor(() => expect(callsOf('deeds.declare')).toHaveLength(1))
    expect(callsOf('deeds.declare')[0][1]).toMatchObject({ subjectUserId: 'user-li-1', onBehalf: true })
    expect(await screen.findByText('已代录，等待村（居）审核')).toBeTruthy()
    expect(screen.getByText(/已为 李建国 代录这件善行/)).toBeTruthy()
  })

  test("the server's refusal for someone outside my grid is shown as it is and the form is kept", async () => {
    serve({ ...replies(), 'deeds.declare': () => ({ ok: false, code: 'FORBIDDEN', message: '只能为本网格的居民代录' }) })
    const { container } = await openPage()
    await choose('代录（为本网格居民登记）')
    await search(container, '李建国')
    fireEvent.click(container.querySelector('[data-user-id="user-li-2"]') as HTMLElement)
    await fillDeed(container)
    await submit()
    expect(await screen.findByText('只能为本网格的居民代录')).toBeTruthy()
    expect(screen.getByText('已选：李建国（第二网格）')).toBeTruthy()
    expect((container.querySelector('.deed-title input') as HTMLInputElement).value).toBe('帮邻居收麦子')
    expect(screen.getByText('提交申报')).toBeTruthy()
  })
})

describe('申报善行：草稿', () => {
  const stored = () => taro.getStorageSync('form-draft:user-wang:deed-declare')
  const valueOf = (container: HTMLElement, selector: string) => (container.querySelector(selector)?.querySelector('input, textarea') as HTMLInputElement | null)?.value

  test('what was typed survives leaving the page: restored with a notice, 清空 empties it', async () => {
    serve(replies(resident))
    const first = await openPage()
    await fillDeed(first.container)
    first.unmount()
    expect(stored()).toBeTruthy()

    const again = await openPage()
    expect(await screen.findByText('已恢复上次未提交的内容', {}, { timeout: 5000 })).toBeTruthy()
    await waitFor(() => expect(valueOf(again.container, '.deed-title')).toBe('帮邻居收麦子'))
    await waitFor(() => expect(valueOf(again.container, '.deed-description')).toBe('邻居老人生病，帮他把麦子收回家。'))

    await act(async () => {
      fireEvent.click(screen.getByText('清空'))
    })
    expect(screen.queryByText('已恢复上次未提交的内容')).toBeNull()
    await waitFor(() => expect(valueOf(again.container, '.deed-title')).toBe(''))
    expect(stored()).toBeFalsy()
    again.unmount()
    expect(stored()).toBeFalsy()
  })

  test('a successful submit forgets the draft', async () => {
    serve(replies(resident))
    const first = await openPage()
    await fillDeed(first.container)
    await submit()
    expect(await screen.findByText('已提交，等待村（居）审核')).toBeTruthy()
    first.unmount()
    expect(stored()).toBeFalsy()

    await openPage()
    expect(screen.queryByText('已恢复上次未提交的内容')).toBeNull()
  })

  test('an untouched form keeps no draft', async () => {
    serve(replies(resident))
    const first = await openPage()
    first.unmount()
    expect(stored()).toBeFalsy()
  })
})
