import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { Goods, InputOf, Redemption } from '@/contract'
import { AppStoreProvider } from '@/store/app-store'
import GoodsAdminPage from '@/packages/deeds/pages/goods/index'
import { uploadPhoto } from '@/services/storage'
import { org, profile } from './support/fixtures'
import { callMock, callsOf, serve, typeInto, type Replies } from './support/serve'

jest.mock('@/services/call', () => ({ call: jest.fn() }))
jest.mock('@/services/storage', () => ({
  uploadPhoto: jest.fn(),
  preparePhoto: jest.fn(async (path: string) => `${path}#compressed`),
  releasePhoto: jest.fn()
}))

const upload = uploadPhoto as jest.MockedFunction<typeof uploadPhoto>
const taro = Taro as unknown as { showModal: jest.Mock; chooseMedia: jest.Mock }

beforeEach(() => {
  callMock.mockReset()
  upload.mockReset()
  jest.clearAllMocks()
})

const villageAdmin = profile({
  id: 'user-va',
  name: '赵书记',
  roles: ['resident', 'village_admin'],
  grants: [{ role: 'village_admin', villageId: 'v-dongshan', grantedAt: '2026-10-01T00:00:00.000Z', grantedBy: 'seed' }]
})

function redemption(patch: Partial<Redemption>): Redemption {
  return {
    id: 'r-1',
    villageId: 'v-dongshan',
    goodsId: 'g-1',
    goodsName: '洗衣粉',
    price: 20,
    userId: 'user-li',
    userName: '李建国',
    code: '12345678',
    status: 'awaiting',
    createdAt: '2026-11-21T02:00:00.000Z',
    handedOverAt: null,
    ...patch
  }
}

const stored: Goods = {
  id: 'g-1',
  villageId: 'v-dongshan',
  name: '洗衣粉',
  price: 20,
  stock: 5,
  photo: 'cloud://env/reports/2026/11/soap.jpg',
  photoUrl: 'https://files.example/soap.jpg',
  enabled: true
}

function replies(goods: Goods[] = []): Replies {
  return {
    'users.me': () => ({ ok: true, data: villageAdmin }),
    'org.overview': () => ({ ok: true, data: org }),
    'deeds.goods': () => ({ ok: true, data: goods }),
    'deeds.saveGoods': (input) => {
      const sent = input as InputOf<'deeds.saveGoods'>
      return { ok: true, data: { ...sent, id: sent.id ?? 'g-new', photoUrl: sent.photo ? 'https://files.example/new.jpg' : null } }
    },
    'deeds.redemptions': () => ({
      ok: true,
      data: { items: [redemption({ id: 'r-1' }), redemption({ id: 'r-2', goodsName: '毛巾', status: 'handed_over', handedOverAt: '2026-11-21T03:00:00.000Z' })], next: null }
    }),
    'deeds.cancelRedemption': (input) => ({ ok: true, data: redemption({ id: (input as { redemptionId: string }).redemptionId, status: 'cancelled' }) })
  }
}

async function openTab(tab: '商品' | '兑换记录') {
  const view = render(
    <AppStoreProvider>
      <GoodsAdminPage />
    </AppStoreProvider>
  )
  await waitFor(() => expect(view.container.querySelector('.page-goods-admin .handover-code')).toBeTruthy())
  await act(async () => {
    fireEvent.click(screen.getByText(tab))
  })
  return view
}

const click = async (element: Element) => {
  await act(async () => {
    fireEvent.click(element)
  })
}

describe('积分超市管理：取消兑换', () => {
  test('only an awaiting redemption can be cancelled; the reason is required, then confirmed and sent', async () => {
    serve(replies())
    taro.showModal.mockResolvedValue({ confirm: true, cancel: false })
    const { container } = await openTab('兑换记录')
    expect(await screen.findByText('洗衣粉 · 李建国')).toBeTruthy()
    expect(screen.getAllByText('取消兑换')).toHaveLength(1)
    const row = container.querySelector('[data-redemption-id="r-1"]') as HTMLElement
    await click(within(row).getByText('取消兑换'))

    await click(screen.getByText('确认取消兑换'))
    expect(screen.getByText('原因至少 2 个字')).toBeTruthy()
    expect(taro.showModal).not.toHaveBeenCalled()

    await typeInto(container, '.redemption-cancel-reason', '居民不要了')
    await click(screen.getByText('确认取消兑换'))
    expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('退回 20 积分') }))
    await waitFor(() => expect(callsOf('deeds.cancelRedemption')).toHaveLength(1))
    expect(callsOf('deeds.cancelRedemption')[0][1]).toEqual({ villageId: 'v-dongshan', redemptionId: 'r-1', reason: '居民不要了' })
    await waitFor(() => expect(within(row).getByText('已取消')).toBeTruthy())
    expect(screen.queryByText('取消兑换')).toBeNull()
  })

  test('declining the confirmation sends nothing; a refusal is shown and the reason kept', async () => {
    serve({ ...replies(), 'deeds.cancelRedemption': () => ({ ok: false, code: 'CONFLICT', message: '只能取消尚未发放的兑换' }) })
    taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
    const { container } = await openTab('兑换记录')
    await click(await screen.findByText('取消兑换'))
    await typeInto(container, '.redemption-cancel-reason', '居民不要了')
    await click(screen.getByText('确认取消兑换'))
    expect(callsOf('deeds.cancelRedemption')).toHaveLength(0)

    taro.showModal.mockResolvedValueOnce({ confirm: true, cancel: false })
    await click(screen.getByText('确认取消兑换'))
    expect(await screen.findByText('只能取消尚未发放的兑换')).toBeTruthy()
    expect((container.querySelector('.redemption-cancel-reason textarea') as HTMLTextAreaElement).value).toBe('居民不要了')
  })
})

describe('积分超市管理：商品照片', () => {
  test('a picked photo is uploaded on save and its fileID sent as photo', async () => {
    serve(replies())
    upload.mockResolvedValue({ ok: true, data: 'cloud://env/reports/2026/11/goods-1.jpg' })
    const { container } = await openTab('商品')
    await click(await screen.findByText('上架新商品'))
    await typeInto(container, '.goods-name', '毛巾')
    await typeInto(container, '.goods-price', '15')
    await typeInto(container, '.goods-stock', '10')
    taro.chooseMedia.mockResolvedValueOnce({ tempFiles: [{ tempFilePath: 'wxfile://tmp/towel.jpg' }], type: 'image' })
    await click(screen.getByText('拍照/选照片'))
    await waitFor(() => expect(container.querySelectorAll('.photo-picker-item')).toHaveLength(1))
    expect(screen.queryByText('拍照/选照片')).toBeNull()

    await click(screen.getByText('保存'))
    await waitFor(() => expect(callsOf('deeds.saveGoods')).toHaveLength(1))
    expect(upload).toHaveBeenCalledTimes(1)
    expect(upload.mock.calls[0][0]).toBe('wxfile://tmp/towel.jpg#compressed')
    expect(upload.mock.calls[0][1]).toMatch(/^reports\/\d{4}\/\d{2}\/goods-v-dongshan-[A-Za-z0-9]+\.jpg$/)
    const fileID = (await upload.mock.results[0].value) as { data: string }
    expect(callsOf('deeds.saveGoods')[0][1]).toEqual({ villageId: 'v-dongshan', name: '毛巾', price: 15, stock: 10, photo: fileID.data, enabled: true })
  })

  test('a failed upload keeps the form and sends nothing; the retry uploads once more then saves', async () => {
    serve(replies())
    upload.mockResolvedValueOnce({ ok: false, code: 'INTERNAL', message: '照片上传没有成功，网络不给力，请稍后重试' })
    const { container } = await openTab('商品')
    await click(await screen.findByText('上架新商品'))
    await typeInto(container, '.goods-name', '毛巾')
    await typeInto(container, '.goods-price', '15')
    await typeInto(container, '.goods-stock', '10')
    taro.chooseMedia.mockResolvedValueOnce({ tempFiles: [{ tempFilePath: 'wxfile://tmp/towel.jpg' }], type: 'image' })
    await click(screen.getByText('拍照/选照片'))
    await waitFor(() => expect(container.querySelectorAll('.photo-picker-item')).toHaveLength(1))
    await click(screen.getByText('保存'))
    expect(await screen.findByText('照片上传没有成功，网络不给力，请稍后重试')).toBeTruthy()
    expect(callsOf('deeds.saveGoods')).toHaveLength(0)
    expect((container.querySelector('.goods-name input') as HTMLInputElement).value).toBe('毛巾')

    upload.mockResolvedValueOnce({ ok: true, data: 'cloud://env/reports/2026/11/goods-2.jpg' })
    await click(screen.getByText('保存'))
    await waitFor(() => expect(callsOf('deeds.saveGoods')).toHaveLength(1))
    expect(upload).toHaveBeenCalledTimes(2)
    expect(callsOf('deeds.saveGoods')[0][1]).toMatchObject({ photo: 'cloud://env/reports/2026/11/goods-2.jpg' })
  })

  test('the stored photo is shown, kept as it is, or removed (photo: null)', async () => {
    serve(replies([stored]))
    const { container } = await openTab('商品')
    expect(await screen.findByText('洗衣粉')).toBeTruthy()
    expect(container.querySelector('.goods-card .goods-card-photo--none')).toBeNull()
    await click(container.querySelector('[data-goods-id="g-1"]') as HTMLElement)
    expect(container.querySelectorAll('.photo-picker-item')).toHaveLength(1)
    expect(container.querySelector(`.photo-picker-item [src="${stored.photoUrl}"]`)).toBeTruthy()
    await click(screen.getByText('保存'))
    await waitFor(() => expect(callsOf('deeds.saveGoods')).toHaveLength(1))
    expect(callsOf('deeds.saveGoods')[0][1]).toMatchObject({ id: 'g-1', photo: stored.photo })

    await click(await screen.findByText('洗衣粉'))
    await click(screen.getByLabelText('删除第 1 张照片'))
    expect(container.querySelectorAll('.photo-picker-item')).toHaveLength(0)
    await click(screen.getByText('保存'))
    await waitFor(() => expect(callsOf('deeds.saveGoods')).toHaveLength(2))
    expect(callsOf('deeds.saveGoods')[1][1]).toMatchObject({ id: 'g-1', photo: null })
    expect(upload).not.toHaveBeenCalled()
  })
})
