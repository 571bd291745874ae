import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { AppStoreProvider } from '@/store/app-store'
import SchemePage from '@/packages/bulletins/pages/scheme/index'
import BulletinLettersPage from '@/packages/bulletins/pages/letters/index'
import BulletinBoardPage from '@/packages/bulletins/pages/board/index'
import HonourPage from '@/pages/honour/index'
import MePage from '@/pages/me/index'
import Taro from '@tarojs/taro'
import { org, profile, units } from './support/fixtures'
import { letter, publicBulletin, resident, scheme, townAdmin, villageAdmin } from './support/bulletin-fixtures'
import { fakeCanvas } from './support/fake-canvas'
import { callsOf, serve, typeInto } from './support/serve'

jest.mock('@/services/call', () => ({ call: jest.fn() }))

const inStore = (page: JSX.Element) => render(<AppStoreProvider>{page}</AppStoreProvider>)
const page = (items: unknown[]) => ({ ok: true as const, data: { items, next: null } })

beforeEach(() => jest.clearAllMocks())

describe('评分办法', () => {
  test('the town office saves a new version on top of the one shown; a bad number is refused before sending', async () => {
    serve({
      'users.me': () => ({ ok: true, data: townAdmin }),
      'supervision.scoringScheme': () => ({ ok: true, data: scheme() }),
      'supervision.saveScoringScheme': () => ({
        ok: true,
        data: scheme({ version: 3, flagThreshold: 88, versions: [{ version: 2, name: '2026年评分办法', savedAt: '2026-11-01T01:00:00.000Z', savedByName: '王主任' }, ...scheme().versions] })
      })
    })
    const { container } = inStore(<SchemePage />)
    expect(await screen.findByText('2026年评分办法（第 2 版）', {}, { timeout: 5000 })).toBeTruthy()
    expect(screen.getByText('按期办结率：权重 40')).toBeTruthy()
    expect(screen.getByText('问题少于 5 件：数据不足 · 流动红旗分数线 90 分')).toBeTruthy()
    await typeInto(container, '.bulletin-scheme-flagThreshold', '120')
    await act(async () => {
      fireEvent.click(screen.getByText('保存为新版本'))
    })
    expect((await screen.findAllByText('流动红旗分数线不能大于 100')).length).toBeGreaterThan(0)
    expect(callsOf('supervision.saveScoringScheme')).toHaveLength(0)
    await typeInto(container, '.bulletin-scheme-flagThreshold', '88')
    await act(async () => {
      fireEvent.click(screen.getByText('保存为新版本'))
    })
    await waitFor(() =>
      expect(callsOf('supervision.saveScoringScheme').at(-1)?.[1]).toEqual({
        baseVersion: 2,
        name: '2026年评分办法',
        weights: { onTimeRate: 40, closureRate: 20, satisfactionRate: 20, reworkRate: 10, reopenRate: 0, avgHandlingDays: 10 },
        worstDays: 10,
        overduePoints: 2,
        overdueMax: 20,
        minVolume: 5,
        flagThreshold: 88
      })
    )
    expect(await screen.findByText('2026年评分办法（第 3 版）')).toBeTruthy()
    expect(screen.getByText(/第 2 版 · 2026年评分办法/)).toBeTruthy()
  })

  test('a village admin reads the scheme and its history without the form; tapping an old version shows it', async () => {
    serve({
      'users.me': () => ({ ok: true, data: villageAdmin }),
      'supervision.scoringScheme': (input) => ({
        ok: true,
        data: (input as { version?: number }).version === 1 ? scheme({ version: 1, name: '默认评分办法', savedByName: null, savedAt: null, versions: [] }) : scheme()
      })
    })
    inStore(<SchemePage />)
    expect(await screen.findByText('2026年评分办法（第 2 版）', {}, { timeout: 5000 })).toBeTruthy()
    expect(screen.queryByText('保存为新版本')).toBeNull()
    fireEvent.click(screen.getByText(/第 1 版 · 默认评分办法/))
    expect(await screen.findByText('默认评分办法（第 1 版）')).toBeTruthy()
    expect(callsOf('supervision.scoringScheme').at(-1)?.[1]).toEqual({ version: 1 })
    expect(screen.getByText('回到现行版本')).toBeTruthy()
  })
})

describe('工作提示函', () => {
  test('the addressee answers (too short is refused before sending); the answer shows', async () => {
    serve({
      'users.me': () => ({ ok: true, data: villageAdmin }),
      'supervision.bulletinLetters': () =>
        page([letter(), letter({ id: 'bl-0', no: '提示〔2026〕1号', answer: '已整改', answeredByName: '李卫东', answeredAt: '2026-11-10T02:00:00.000Z', canAnswer: false })]),
      'supervision.answerBulletinLetter': (input) => ({
        ok: true,
        data: letter({ answer: (input as { answer: string }).answer, answeredByName: '李卫东', answeredAt: '2026-12-02T02:00:00.000Z', canAnswer: false })
      })
    })
    const { container } = inStore(<BulletinLettersPage />)
    expect(await screen.findByText('提示〔2026〕3号', {}, { timeout: 5000 })).toBeTruthy()
    expect(screen.getAllByText('· 11月两次上周通报黑榜')).toHaveLength(2)
    expect(screen.getByText(/答复：已整改/)).toBeTruthy()
    expect(container.querySelectorAll('.bulletin-letter-answer')).toHaveLength(1)
    await typeInto(container, '.bulletin-letter-answer-input', '好')
    await act(async () => {
      fireEvent.click(screen.getByText('提交答复'))
    })
    expect(await screen.findByText('答复至少 5 个字')).toBeTruthy()
    expect(callsOf('supervision.answerBulletinLetter')).toHaveLength(0)
    await typeInto(container, '.bulletin-letter-answer-input', '已召开专题会，12月10日前整改到位')
    await act(async () => {
      fireEvent.click(screen.getByText('提交答复'))
    })
    expect(await screen.findByText(/答复：已召开专题会，12月10日前整改到位/)).toBeTruthy()
    expect(callsOf('supervision.answerBulletinLetter').at(-1)?.[1]).toEqual({ letterId: 'bl-1', answer: '已召开专题会，12月10日前整改到位' })
    expect(container.querySelectorAll('.bulletin-letter-answer')).toHaveLength(0)
  })

  test('empty', async () => {
    serve({ 'users.me': () => ({ ok: true, data: townAdmin }), 'supervision.bulletinLetters': () => page([]) })
    inStore(<BulletinLettersPage />)
    expect(await screen.findByText('还没有发出工作提示函', {}, { timeout: 5000 })).toBeTruthy()
  })
})

describe('红黑榜 · 流动红旗 (residents)', () => {
  const original = { getContext: HTMLCanvasElement.prototype.getContext, toDataURL: HTMLCanvasElement.prototype.toDataURL }
  afterEach(() => {
    HTMLCanvasElement.prototype.getContext = original.getContext
    HTMLCanvasElement.prototype.toDataURL = original.toDataURL
  })

  test('a resident sees the published 红黑榜 and 流动红旗, and can make the image', async () => {
    const fake = fakeCanvas()
    HTMLCanvasElement.prototype.getContext = jest.fn(() => fake.canvas.getContext('2d')) as unknown as typeof HTMLCanvasElement.prototype.getContext
    HTMLCanvasElement.prototype.toDataURL = jest.fn(() => 'data:image/png;base64,CCCC')
    serve({
      'users.me': () => ({ ok: true, data: resident }),
      'org.overview': () => ({ ok: true, data: org }),
      'supervision.publicBulletins': () => page([publicBulletin()])
    })
    const { container } = inStore(<BulletinBoardPage />)
    expect(await screen.findByText('西岗镇第48周通报', {}, { timeout: 5000 })).toBeTruthy()
    expect(screen.getByText('东山村 · 93.4 分')).toBeTruthy()
    expect(container.querySelector('.bulletin-board--red')?.textContent).toContain('东山村')
    expect(container.querySelector('.bulletin-board--black')?.textContent).toContain('北岭村')
    fireEvent.click(screen.getByText('生成图片（保存、分享）'))
    await waitFor(() => expect(container.querySelector('img.bulletin-image-image')).toBeTruthy())
    expect(fake.texts()).toContain('流动红旗')
    await act(async () => {
      fireEvent.click(screen.getByText('月通报'))
    })
    await waitFor(() => expect(callsOf('supervision.publicBulletins').at(-1)?.[1]).toEqual({ kind: 'month', pageSize: 20 }))
  })

  test('empty', async () => {
    serve({ 'users.me': () => ({ ok: true, data: resident }), 'org.overview': () => ({ ok: true, data: org }), 'supervision.publicBulletins': () => page([]) })
    inStore(<BulletinBoardPage />)
    expect(await screen.findByText(/还没有发布的通报/, {}, { timeout: 5000 })).toBeTruthy()
  })

  test('the 光荣榜 tab links to it', async () => {
    serve({ 'users.me': () => ({ ok: true, data: resident }), 'honour.boards': () => page([]) })
    inStore(<HonourPage />)
    fireEvent.click(await screen.findByText(/红黑榜 · 流动红旗/, {}, { timeout: 5000 }))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/bulletins/pages/board/index' })
  })
})

describe('我的 → 周通报 · 月通报', () => {
  test('unit staff get the entry (their own figures and letters); a resident does not', async () => {
    const unitStaff = profile({ roles: ['resident', 'unit_staff'], grants: [{ role: 'unit_staff', unitId: 'u-road', grantedAt: '', grantedBy: '' }] })
    serve({ 'users.me': () => ({ ok: true, data: unitStaff }), 'org.overview': () => ({ ok: true, data: org }), 'org.listUnits': () => ({ ok: true, data: units }) })
    const { unmount } = inStore(<MePage />)
    fireEvent.click(await screen.findByText('周通报 · 月通报', {}, { timeout: 5000 }))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/bulletins/pages/list/index' })
    expect(screen.getByText('核对本单位在通报中的数据并申诉，工作提示函')).toBeTruthy()
    unmount()
    serve({ 'users.me': () => ({ ok: true, data: resident }), 'org.overview': () => ({ ok: true, data: org }) })
    inStore(<MePage />)
    expect(await screen.findByText('长辈模式', {}, { timeout: 5000 })).toBeTruthy()
    expect(screen.queryByText('周通报 · 月通报')).toBeNull()
  })
})
