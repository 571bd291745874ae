import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { Result } from '@/contract'
import { AppStoreProvider } from '@/store/app-store'
import BulletinsPage from '@/packages/bulletins/pages/list/index'
import BulletinPage from '@/packages/bulletins/pages/detail/index'
import BulletinPrintPage from '@/packages/bulletins/pages/print/index'
import { org } from './support/fixtures'
import { detail, own, publicBulletin, summary, townAdmin, villageAdmin } from './support/bulletin-fixtures'
import { fakeCanvas } from './support/fake-canvas'
import { callsOf, serve, typeInto } from './support/serve'

jest.mock('@/services/call', () => ({ call: jest.fn() }))

const taro = Taro as unknown as { __setRouterParams: (params: Record<string, string>) => void; navigateTo: jest.Mock }
const inStore = (page: JSX.Element) => render(<AppStoreProvider>{page}</AppStoreProvider>)
const page = (items: unknown[]) => ({ ok: true as const, data: { items, next: null } })

beforeEach(() => {
  jest.clearAllMocks()
  taro.__setRouterParams({ id: 'bulletin-week-2026-W48' })
})

describe('通报 list', () => {
  test('the town office sees drafts, under review and published, and generates last week’s draft', async () => {
    serve({
      'users.me': () => ({ ok: true, data: townAdmin }),
      'supervision.bulletins': () =>
        page([
          summary(),
          summary({ id: 'bulletin-month-2026-11', kind: 'month', kindLabel: '月通报', title: '西岗镇11月通报', status: 'review', statusLabel: '征求意见（申诉期）', openContests: 2, flagName: null })
        ]),
      'supervision.generateBulletin': () => ({ ok: true, data: detail({ id: 'bulletin-week-2026-W49' }) })
    })
    const { container } = inStore(<BulletinsPage />)
    expect(await screen.findByText('西岗镇第48周通报', {}, { timeout: 5000 })).toBeTruthy()
    expect(screen.getByText('西岗镇11月通报')).toBeTruthy()
    expect(container.querySelectorAll('.bulletin-card')).toHaveLength(2)
    expect(screen.getByText(/待答复申诉 2 条/)).toBeTruthy()
    expect(screen.getByText(/流动红旗：空缺/)).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('生成上周周通报'))
    })
    await waitFor(() => expect(callsOf('supervision.generateBulletin').at(-1)?.[1]).toEqual({ kind: 'week' }))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/bulletins/pages/detail/index?id=bulletin-week-2026-W49' })
    // The status filter asks the server again.
    await act(async () => {
      fireEvent.click(screen.getByText('已发布'))
    })
    await waitFor(() => expect(callsOf('supervision.bulletins').at(-1)?.[1]).toEqual({ status: 'published', pageSize: 20 }))
  })

  test('empty: a village admin is told there is nothing to check, and gets no generate button', async () => {
    serve({ 'users.me': () => ({ ok: true, data: villageAdmin }), 'supervision.bulletins': () => page([]) })
    inStore(<BulletinsPage />)
    expect(await screen.findByText('还没有需要核对或已发布的通报', {}, { timeout: 5000 })).toBeTruthy()
    expect(screen.queryByText('生成上周周通报')).toBeNull()
  })
})

describe('a bulletin, town office', () => {
  test('renders the figures: flag, 红黑榜, 数据不足, a row’s score inputs, the overdue units', async () => {
    serve({ 'users.me': () => ({ ok: true, data: townAdmin }), 'supervision.bulletin': () => ({ ok: true, data: detail() }) })
    const { container } = inStore(<BulletinPage />)
    expect(await screen.findByText('西岗镇第48周通报', {}, { timeout: 5000 })).toBeTruthy()
    expect(screen.getByText('东山村 · 93.4 分')).toBeTruthy()
    expect(screen.getByText('上期：北岭村')).toBeTruthy()
    expect(container.querySelector('.bulletin-board--red')?.textContent).toContain('1. 东山村')
    expect(container.querySelector('.bulletin-board--black')?.textContent).toContain('北岭村')
    const tiny = container.querySelector('[data-place-id="v-tiny"]')
    expect(tiny?.textContent).toContain('数据不足')
    expect(screen.getByText(/镇交通站：超期 2 件/)).toBeTruthy()
    expect(screen.getByText(/SSP-0012 道路破损/)).toBeTruthy()
    // Tapping a row shows how its score was made.
    fireEvent.click(screen.getByText('北岭村', { selector: '.bulletin-row-name' }))
    expect(await screen.findByText(/按期办结率 90%（9\/10）/)).toBeTruthy()
    expect(screen.getByText('得分 = Σ 权重 × 调整后比率 − 超期扣分')).toBeTruthy()
  })

  test('publishing refused: the reasons are shown in Chinese, and the server’s refusal too', async () => {
    serve({
      'users.me': () => ({ ok: true, data: townAdmin }),
      'supervision.bulletin': () => ({
        ok: true,
        data: detail({ status: 'review', statusLabel: '征求意见（申诉期）', canEdit: false, canOpenReview: false, publishBlockers: ['申诉期到 12月1日 18:00 结束', '还有 1 条申诉没有答复'] })
      }),
      'supervision.publishBulletin': () => ({ ok: false, code: 'CONFLICT', message: '还有 1 条申诉没有答复，不能发布' })
    })
    inStore(<BulletinPage />)
    expect(await screen.findByText('暂不能发布：', {}, { timeout: 5000 })).toBeTruthy()
    expect(screen.getByText('· 申诉期到 12月1日 18:00 结束')).toBeTruthy()
    expect(screen.getByText('· 还有 1 条申诉没有答复')).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('发布通报'))
    })
    expect(await screen.findByText('还有 1 条申诉没有答复，不能发布')).toBeTruthy()
    expect(callsOf('supervision.publishBulletin').at(-1)?.[1]).toEqual({ bulletinId: 'bulletin-week-2026-W48', rev: 3 })
  })

  test('saves the edited text on its rev; answers a contest', async () => {
    const contest = {
      id: 'c-1',
      placeKind: 'village' as const,
      placeId: 'v-beiling',
      placeName: '北岭村',
      figure: 'overdue' as const,
      figureLabel: '超期',
      reason: '一件问题已于期限内整改',
      status: 'open' as const,
      statusLabel: '待答复',
      byName: '李卫东',
      at: '2026-11-30T03:00:00.000Z',
      answer: null,
      answeredAt: null,
      answeredByName: null
    }
    let current = detail({ status: 'review', statusLabel: '征求意见（申诉期）', canEdit: true, contests: [contest] })
    serve({
      'users.me': () => ({ ok: true, data: townAdmin }),
      'supervision.bulletin': () => ({ ok: true, data: current }),
      'supervision.editBulletin': (input) => {
        current = { ...current, text: (input as { text: string }).text, rev: 4 }
        return { ok: true, data: current }
      },
      'supervision.answerContest': (input) => {
        const i = input as { note: string }
        current = { ...current, contests: [{ ...contest, status: 'accepted', statusLabel: '已采纳', answer: i.note, answeredByName: '王主任', answeredAt: '2026-11-30T05:00:00.000Z' }] }
        return { ok: true, data: current }
      }
    })
    const { container } = inStore(<BulletinPage />)
    expect(await screen.findByText('理由：一件问题已于期限内整改', {}, { timeout: 5000 })).toBeTruthy()
    await typeInto(container, '.bulletin-text-input', '本周全镇共受理问题 26 件，已销号 21 件。')
    await act(async () => {
      fireEvent.click(screen.getByText('保存正文'))
    })
    await waitFor(() => expect(callsOf('supervision.editBulletin').at(-1)?.[1]).toEqual({ bulletinId: 'bulletin-week-2026-W48', rev: 3, text: '本周全镇共受理问题 26 件，已销号 21 件。' }))
    await typeInto(container, '.bulletin-contest-note', '核实后更正为超期 0 件')
    await act(async () => {
      fireEvent.click(screen.getByText('采纳'))
    })
    await waitFor(() => expect(callsOf('supervision.answerContest').at(-1)?.[1]).toEqual({ bulletinId: 'bulletin-week-2026-W48', contestId: 'c-1', decision: 'accept', note: '核实后更正为超期 0 件' }))
    expect(await screen.findByText(/答复：核实后更正为超期 0 件/)).toBeTruthy()
    expect(screen.getByText('已采纳')).toBeTruthy()
  })

  describe('published', () => {
    const original = { getContext: HTMLCanvasElement.prototype.getContext, toDataURL: HTMLCanvasElement.prototype.toDataURL }
    afterEach(() => {
      HTMLCanvasElement.prototype.getContext = original.getContext
      HTMLCanvasElement.prototype.toDataURL = original.toDataURL
    })

    test('shows the image with 保存图片, 打印版 and 导出Excel', async () => {
      const fake = fakeCanvas()
      HTMLCanvasElement.prototype.getContext = jest.fn(() => fake.canvas.getContext('2d')) as unknown as typeof HTMLCanvasElement.prototype.getContext
      HTMLCanvasElement.prototype.toDataURL = jest.fn(() => 'data:image/png;base64,BBBB')
      serve({
        'users.me': () => ({ ok: true, data: townAdmin }),
        'org.overview': () => ({ ok: true, data: org }),
        'supervision.bulletin': () => ({
          ok: true,
          data: detail({ status: 'published', statusLabel: '已发布', publishedAt: '2026-12-01T02:00:00.000Z', canEdit: false, canRegenerate: false, canOpenReview: false, publishBlockers: [] })
        }),
        'supervision.publicBulletin': () => ({ ok: true, data: publicBulletin() }),
        'supervision.exportBulletin': () => ({ ok: true, data: { fileID: 'cloud://exports/b.xlsx', url: 'https://files.example/b.xlsx', rows: 14 } })
      })
      const { container } = inStore(<BulletinPage />)
      await waitFor(() => expect(container.querySelector('img.bulletin-image-image')).toBeTruthy(), { timeout: 5000 })
      expect(container.querySelector('img.bulletin-image-image')?.getAttribute('src')).toBe('data:image/png;base64,BBBB')
      expect((screen.getByText('保存图片') as HTMLAnchorElement).getAttribute('download')).toBe('西岗镇第48周通报-2026年11月23日—11月29日.png')
      expect(fake.texts()).toEqual(expect.arrayContaining(['西岗镇第48周通报', '东山村', '93.4 分', '西岗镇文明创建办公室']))
      expect(screen.queryByText('发布通报')).toBeNull()
      fireEvent.click(screen.getByText('打印版'))
      expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/bulletins/pages/print/index?id=bulletin-week-2026-W48' })
      await act(async () => {
        fireEvent.click(screen.getByText('导出Excel'))
      })
      expect(await screen.findByText('下载 Excel（14 行）')).toBeTruthy()
    })
  })
})

describe('a bulletin, village admin', () => {
  test('sees only its own figures with how they were scored, and the window', async () => {
    serve({ 'users.me': () => ({ ok: true, data: villageAdmin }), 'supervision.bulletinFigures': () => ({ ok: true, data: own() }) })
    inStore(<BulletinPage />)
    expect(await screen.findByText('本单位的数据和得分依据', {}, { timeout: 5000 })).toBeTruthy()
    expect(callsOf('supervision.bulletinFigures')[0]?.[1]).toEqual({ bulletinId: 'bulletin-week-2026-W48', placeKind: 'village', placeId: 'v-dongshan' })
    expect(callsOf('supervision.bulletin')).toHaveLength(0)
    expect(screen.getByText(/按期办结率 90%（9\/10）/)).toBeTruthy()
    expect(screen.getByText(/申诉期至 2026-12-01 18:00/)).toBeTruthy()
    expect(screen.queryByText('发布通报')).toBeNull()
  })

  test('contest form: a figure must be chosen and the reason be long enough before anything is sent', async () => {
    let current = own()
    serve({
      'users.me': () => ({ ok: true, data: villageAdmin }),
      'supervision.bulletinFigures': () => ({ ok: true, data: current }),
      'supervision.contestBulletin': (input) => {
        const i = input as { reason: string }
        current = own({
          canContest: false,
          contestNote: '本期已提出申诉，等待镇创建办答复',
          contests: [
            {
              id: 'c-9',
              placeKind: 'village',
              placeId: 'v-dongshan',
              placeName: '东山村',
              figure: 'overdue',
              figureLabel: '超期',
              reason: i.reason,
              status: 'open',
              statusLabel: '待答复',
              byName: '李卫东',
              at: '2026-11-30T03:00:00.000Z',
              answer: null,
              answeredAt: null,
              answeredByName: null
            }
          ]
        })
        return { ok: true, data: current }
      }
    })
    const { container } = inStore(<BulletinPage />)
    expect(await screen.findByText('提出申诉', {}, { timeout: 5000 })).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('提交申诉'))
    })
    expect(await screen.findByText('请选择申诉的数据')).toBeTruthy()
    fireEvent.click(screen.getByText('超期', { selector: '.choice-chip *' }))
    await typeInto(container, '.bulletin-contest-reason-input', '有误')
    await act(async () => {
      fireEvent.click(screen.getByText('提交申诉'))
    })
    expect(await screen.findByText('申诉理由至少 5 个字')).toBeTruthy()
    expect(callsOf('supervision.contestBulletin')).toHaveLength(0)
    await typeInto(container, '.bulletin-contest-reason-input', '11月25日的问题已在期限内整改销号')
    await act(async () => {
      fireEvent.click(screen.getByText('提交申诉'))
    })
    await waitFor(() =>
      expect(callsOf('supervision.contestBulletin').at(-1)?.[1]).toEqual({
        bulletinId: 'bulletin-week-2026-W48',
        placeKind: 'village',
        placeId: 'v-dongshan',
        figure: 'overdue',
        reason: '11月25日的问题已在期限内整改销号'
      })
    )
    expect(await screen.findByText('本期已提出申诉，等待镇创建办答复')).toBeTruthy()
    expect(screen.getByText('待答复')).toBeTruthy()
    expect(screen.queryByText('提交申诉')).toBeNull()
  })

  test('the server refusing is shown with 重试; a link without an id is not found', async () => {
    serve({ 'users.me': () => ({ ok: true, data: villageAdmin }), 'supervision.bulletinFigures': () => ({ ok: false, code: 'FORBIDDEN', message: '只能查看本村（居）、本单位的数据' }) })
    const { unmount } = inStore(<BulletinPage />)
    expect(await screen.findByText('只能查看本村（居）、本单位的数据', {}, { timeout: 5000 })).toBeTruthy()
    expect(screen.getByText('重试')).toBeTruthy()
    unmount()
    taro.__setRouterParams({})
    inStore(<BulletinPage />)
    expect(await screen.findByText('未找到要查看的通报（可能已删除或链接有误）', {}, { timeout: 5000 })).toBeTruthy()
  })
})

describe('打印版', () => {
  test('the town office’s copy has the text, every row and the overdue units; the issuer signs it', async () => {
    serve({
      'users.me': () => ({ ok: true, data: townAdmin }),
      'org.overview': () => ({ ok: true, data: org }),
      'supervision.bulletin': () => ({ ok: true, data: detail({ status: 'published', statusLabel: '已发布', publishedAt: '2026-12-01T02:00:00.000Z' }) })
    })
    const { container } = inStore(<BulletinPrintPage />)
    expect(await screen.findByText('本周全镇共受理问题 25 件，已销号 20 件。', {}, { timeout: 5000 })).toBeTruthy()
    expect(container.querySelectorAll('.bulletin-doc-tr:not(.bulletin-doc-th)')).toHaveLength(3)
    expect(screen.getByText('镇交通站：超期 2 件，在办 4 件')).toBeTruthy()
    expect(await screen.findByText('西岗镇文明创建办公室')).toBeTruthy()
    expect(screen.getByText('2026年12月1日')).toBeTruthy()
  })

  test('the copy is signed only once org.overview has named the town (never a bare 文明创建办公室)', async () => {
    let answer: (reply: Result<unknown>) => void = () => undefined
    const orgAnswered = new Promise<Result<unknown>>((resolve) => (answer = resolve))
    serve({
      'users.me': () => ({ ok: true, data: townAdmin }),
      'org.overview': (() => orgAnswered) as unknown as () => Result<unknown>,
      'supervision.bulletin': () => ({ ok: true, data: detail({ status: 'published', statusLabel: '已发布', publishedAt: '2026-12-01T02:00:00.000Z' }) })
    })
    const { container } = inStore(<BulletinPrintPage />)
    await waitFor(() => expect(callsOf('supervision.bulletin')).toHaveLength(1))
    await act(async () => undefined)
    expect(container.querySelector('.bulletin-doc-issuer')).toBeNull()
    expect(screen.queryByText('文明创建办公室')).toBeNull()
    await act(async () => answer({ ok: true, data: org }))
    expect(await screen.findByText('西岗镇文明创建办公室')).toBeTruthy()
  })

  test('org.overview failing: its message and 重试 instead of an unsigned copy', async () => {
    let failing = true
    serve({
      'users.me': () => ({ ok: true, data: villageAdmin }),
      'org.overview': () => (failing ? { ok: false, code: 'INTERNAL', message: '网络不太好，请稍后再试' } : { ok: true, data: org }),
      'supervision.publicBulletin': () => ({ ok: true, data: publicBulletin() })
    })
    const { container } = inStore(<BulletinPrintPage />)
    expect(await screen.findByText('网络不太好，请稍后再试', {}, { timeout: 5000 })).toBeTruthy()
    expect(container.querySelector('.bulletin-doc-issuer')).toBeNull()
    failing = false
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('西岗镇文明创建办公室')).toBeTruthy()
  })

  test('a village admin prints the public part only', async () => {
    serve({
      'users.me': () => ({ ok: true, data: villageAdmin }),
      'org.overview': () => ({ ok: true, data: org }),
      'supervision.publicBulletin': () => ({ ok: true, data: publicBulletin() })
    })
    inStore(<BulletinPrintPage />)
    expect(await screen.findByText('按 2026年评分办法（第 2 版）计分', {}, { timeout: 5000 })).toBeTruthy()
    expect(callsOf('supervision.bulletin')).toHaveLength(0)
    expect(screen.getByText('第 2 名')).toBeTruthy()
  })
})
