import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { Deed, Goods, Redemption } from '@/contract'
import DeedsPage from '@/packages/deeds/pages/index/index'
import DeclarePage from '@/packages/deeds/pages/declare/index'
import ShopPage from '@/packages/deeds/pages/shop/index'
import ReviewPage from '@/packages/deeds/pages/review/index'
import GoodsAdminPage from '@/packages/deeds/pages/goods/index'
import { org, profile } from './support/fixtures'
import { callMock, callsOf, serve, typeInto, type Replies } from './support/serve'
import { inStore } from './support/render'

jest.mock('@/services/call', () => ({ call: jest.fn() }))

const taro = Taro as unknown as { showModal: jest.Mock; navigateTo: jest.Mock }

beforeEach(() => {
  callMock.mockReset()
  jest.clearAllMocks()
})

const me = profile()
const base: Replies = { 'users.me': () => ({ ok: true, data: me }) }

function deed(patch: Partial<Deed> = {}): Deed {
  return {
    id: 'd-1',
    villageId: 'v-1',
    subjectUserId: me.id,
    subjectName: '张秀兰',
    householdId: null,
    householdName: null,
    declarerName: '张秀兰',
    onBehalf: false,
    category: 'helping',
    categoryLabel: '助人为乐',
    group: 'social',
    groupLabel: '社会公德',
    title: '帮邻居收麦子',
    occurredOn: '2026-11-10',
    place: '东山村三组',
    description: '邻居老人生病，帮他把麦子收回家。',
    photos: [],
    status: 'approved',
    statusLabel: '已通过',
    reason: null,
    points: 5,
    capped: false,
    createdAt: '2026-11-10T02:00:00.000Z',
    reviewedAt: '2026-11-11T02:00:00.000Z',
    ...patch
  }
}

const goods: Goods = { id: 'g-1', villageId: 'v-1', name: '洗衣粉', price: 20, stock: 5, photo: null, photoUrl: null, enabled: true }
const redemption: Redemption = {
  id: 'r-1',
  villageId: 'v-1',
  goodsId: 'g-1',
  goodsName: '洗衣粉',
  price: 20,
  userId: me.id,
  userName: '张秀兰',
  code: '12345678',
  status: 'awaiting',
  createdAt: '2026-11-21T02:00:00.000Z',
  handedOverAt: null
}
const balance = { balance: 35, earnedThisMonth: 10 }

describe('我的善行', () => {
  test('shows my balance and the record; 积分明细 lists the ledger', async () => {
    serve({
      ...base,
      'deeds.record': () => ({ ok: true, data: { balance, deeds: { items: [deed()], next: null } } }),
      'deeds.ledger': () => ({
        ok: true,
        data: {
          balance,
          page: { items: [{ id: 'p-1', delta: 5, source: 'deed', sourceLabel: '善行', refId: 'd-1', note: '帮邻居收麦子', capped: false, at: '2026-11-11T02:00:00.000Z' }], next: null }
        }
      })
    })
    const { container } = inStore(<DeedsPage />)
    expect(container.querySelector('.page-deeds')).toBeTruthy()
    expect(await screen.findByText('帮邻居收麦子')).toBeTruthy()
    expect(screen.getByText('35')).toBeTruthy()
    expect(screen.getByText('+5 分')).toBeTruthy()
    fireEvent.click(screen.getByText('积分明细'))
    expect(await screen.findByText('+5')).toBeTruthy()
    fireEvent.click(screen.getByText('积分超市'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/deeds/pages/shop/index' })
  })
})

describe('申报善行', () => {
  test('checks the form before anything is sent', async () => {
    serve(base)
    const { container } = inStore(<DeclarePage />)
    await waitFor(() => expect(container.querySelector('.page-deed-declare .deed-submit')).toBeTruthy())
    await act(async () => {
      fireEvent.click(screen.getByText('提交申报'))
    })
    expect(screen.getByText('请选择善行类别')).toBeTruthy()
    expect(screen.getByText('请按提示修改后再提交')).toBeTruthy()
    expect(container.querySelectorAll('.form-field--invalid').length).toBeGreaterThanOrEqual(3)
    expect(callsOf('deeds.declare')).toHaveLength(0)
  })

  test('sends a valid declaration for myself', async () => {
    serve({ ...base, 'deeds.declare': () => ({ ok: true, data: deed({ status: 'pending', statusLabel: '待审核', points: null }) }) })
    const { container } = inStore(<DeclarePage />)
    await waitFor(() => expect(container.querySelector('.deed-submit')).toBeTruthy())
    fireEvent.click(screen.getByText('助人为乐'))
    await typeInto(container, '.deed-title', '帮邻居收麦子')
    await typeInto(container, '.deed-place', '东山村三组')
    await typeInto(container, '.deed-description', '邻居老人生病，帮他把麦子收回家。')
    await act(async () => {
      fireEvent.click(screen.getByText('提交申报'))
    })
    await waitFor(() => expect(callsOf('deeds.declare')).toHaveLength(1))
    expect(callsOf('deeds.declare')[0][1]).toMatchObject({ subjectUserId: me.id, category: 'helping', title: '帮邻居收麦子', place: '东山村三组', photos: [] })
    expect(await screen.findByText('已提交，等待村（居）审核')).toBeTruthy()
  })
})

describe('积分超市', () => {
  test('兑换 shows the pickup code large', async () => {
    taro.showModal.mockResolvedValue({ confirm: true, cancel: false })
    serve({
      ...base,
      'deeds.goods': () => ({ ok: true, data: [goods] }),
      'deeds.ledger': () => ({ ok: true, data: { balance, page: { items: [], next: null } } }),
      'deeds.redeem': () => ({ ok: true, data: redemption })
    })
    const { container } = inStore(<ShopPage />)
    expect(await screen.findByText('洗衣粉')).toBeTruthy()
    expect(await screen.findByText('我的积分：35')).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('兑换'))
    })
    await waitFor(() => expect(container.querySelector('.page-shop .pickup-code-value')?.textContent).toBe('12345678'))
    expect(callsOf('deeds.redeem')[0][1]).toEqual({ goodsId: 'g-1' })
    expect(screen.getByText(/已扣 20 积分/)).toBeTruthy()
  })

  test('a refused redemption shows the message', async () => {
    taro.showModal.mockResolvedValue({ confirm: true, cancel: false })
    serve({
      ...base,
      'deeds.goods': () => ({ ok: true, data: [goods] }),
      'deeds.ledger': () => ({ ok: true, data: { balance, page: { items: [], next: null } } }),
      'deeds.redeem': () => ({ ok: false, code: 'CONFLICT', message: '积分不足' })
    })
    inStore(<ShopPage />)
    expect(await screen.findByText('我的积分：35')).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('兑换'))
    })
    expect(await screen.findByText('积分不足')).toBeTruthy()
  })

  test('兑换 off says why beside it: points missing (how many), or sold out; goods without a photo get a placeholder', async () => {
    serve({
      ...base,
      'deeds.goods': () => ({
        ok: true,
        data: [goods, { ...goods, id: 'g-2', name: '电饭煲', price: 50 }, { ...goods, id: 'g-3', name: '毛巾', price: 10, stock: 0, photoUrl: 'https://files.example/towel.jpg' }]
      }),
      'deeds.ledger': () => ({ ok: true, data: { balance, page: { items: [], next: null } } })
    })
    const { container } = inStore(<ShopPage />)
    expect(await screen.findByText('我的积分：35')).toBeTruthy()
    const card = (id: string) => container.querySelector(`.goods-card[data-goods-id="${id}"]`) as HTMLElement
    await waitFor(() => expect(card('g-2').querySelector('.goods-card-why')?.textContent).toBe('积分不足（还差15分）'))
    // affordable: no reason shown
    expect(card('g-1').querySelector('.goods-card-why')).toBeNull()
    expect(within(card('g-3')).getByText('已兑完')).toBeTruthy()
    // no photo: a placeholder that says so; a photo: the picture
    expect(within(card('g-1')).getByText('暂无图片')).toBeTruthy()
    expect(within(card('g-3')).queryByText('暂无图片')).toBeNull()
  })

  test('after a move only the points earned here count toward 还差', async () => {
    serve({
      ...base,
      'deeds.goods': () => ({ ok: true, data: [goods] }),
      'deeds.ledger': () => ({ ok: true, data: { balance: { ...balance, spendableHere: 5 }, page: { items: [], next: null } } })
    })
    const { container } = inStore(<ShopPage />)
    expect(await screen.findByText('我的积分：35')).toBeTruthy()
    await waitFor(() => expect(container.querySelector('.goods-card-why')?.textContent).toBe('积分不足（还差15分）'))
  })

  test('after a move, the points earned here are shown apart (the rest stays with the old village)', async () => {
    serve({
      ...base,
      'deeds.goods': () => ({ ok: true, data: [goods] }),
      'deeds.ledger': () => ({ ok: true, data: { balance: { ...balance, spendableHere: 5 }, page: { items: [], next: null } } })
    })
    inStore(<ShopPage />)
    expect(await screen.findByText('我的积分：35')).toBeTruthy()
    expect(screen.getByText('其中在本村（居）获得、可在这里兑换的：5 分（在原村（居）获得的积分留在原村（居））')).toBeTruthy()
  })
})

const villageAdmin = profile({
  id: 'user-va',
  name: '赵书记',
  roles: ['resident', 'village_admin'],
  grants: [{ role: 'village_admin', villageId: 'v-dongshan', grantedAt: '2026-10-01T00:00:00.000Z', grantedBy: 'seed' }]
})
const admin: Replies = { 'users.me': () => ({ ok: true, data: villageAdmin }), 'org.overview': () => ({ ok: true, data: org }) }

describe('善行审核', () => {
  test('通过 and 不通过 with a reason take the deed off the queue', async () => {
    serve({
      ...admin,
      'deeds.queue': () => ({
        ok: true,
        data: { items: [deed({ id: 'd-1', status: 'pending', statusLabel: '待审核' }), deed({ id: 'd-2', title: '拾金不昧', status: 'pending', statusLabel: '待审核' })], next: null }
      }),
      'deeds.approve': () => ({ ok: true, data: deed({ id: 'd-1' }) }),
      'deeds.reject': () => ({ ok: true, data: deed({ id: 'd-2', status: 'rejected', statusLabel: '未通过', reason: '情况不属实' }) })
    })
    const { container } = inStore(<ReviewPage />)
    expect(await screen.findByText('拾金不昧')).toBeTruthy()
    expect(callsOf('deeds.queue')[0][1]).toMatchObject({ villageId: 'v-dongshan' })
    await act(async () => {
      fireEvent.click(screen.getAllByText('通过')[0])
    })
    await waitFor(() => expect(screen.queryByText('帮邻居收麦子')).toBeNull())
    expect(callsOf('deeds.approve')[0][1]).toEqual({ deedId: 'd-1' })
    fireEvent.click(screen.getByText('不通过'))
    await typeInto(container, '.deed-reject-reason', '情况不属实')
    await act(async () => {
      fireEvent.click(screen.getByText('确认不通过'))
    })
    expect(callsOf('deeds.reject')[0][1]).toEqual({ deedId: 'd-2', reason: '情况不属实' })
    expect(await screen.findByText('没有待审核的善行')).toBeTruthy()
  })

  test('the reviewer sees the photos sent with a deed and can enlarge them', async () => {
    const photos = [
      { fileID: 'cloud://env/deeds/a.jpg', url: 'https://tmp.example/a.jpg' },
      { fileID: 'cloud://env/deeds/b.jpg', url: 'https://tmp.example/b.jpg' }
    ]
    serve({ ...admin, 'deeds.queue': () => ({ ok: true, data: { items: [deed({ id: 'd-1', status: 'pending', statusLabel: '待审核', photos })], next: null } }) })
    const { container } = inStore(<ReviewPage />)
    expect(await screen.findByText('帮邻居收麦子')).toBeTruthy()
    const shown = Array.from(container.querySelectorAll('.deed-card-photos .photo-grid-item')).map((node) => node.getAttribute('src'))
    expect(shown).toEqual(['https://tmp.example/a.jpg', 'https://tmp.example/b.jpg'])
    fireEvent.click(container.querySelectorAll('.deed-card-photos .photo-grid-item')[1])
    expect((Taro as unknown as { previewImage: jest.Mock }).previewImage).toHaveBeenCalledWith({
      urls: ['https://tmp.example/a.jpg', 'https://tmp.example/b.jpg'],
      current: 'https://tmp.example/b.jpg'
    })
  })
})

describe('积分超市管理', () => {
  test('hands goods over by the pickup code', async () => {
    serve({ ...admin, 'deeds.handOver': () => ({ ok: true, data: { ...redemption, status: 'handed_over', handedOverAt: '2026-11-21T03:00:00.000Z' } }) })
    const { container } = inStore(<GoodsAdminPage />)
    await waitFor(() => expect(container.querySelector('.page-goods-admin .handover-code')).toBeTruthy())
    await typeInto(container, '.handover-code', '12345678')
    await act(async () => {
      fireEvent.click(screen.getByText('确认发放'))
    })
    expect(await screen.findByText('已发放：洗衣粉')).toBeTruthy()
    expect(callsOf('deeds.handOver')[0][1]).toEqual({ villageId: 'v-dongshan', code: '12345678' })
  })
})
