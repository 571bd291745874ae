import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { HonourBoardDetail, HonourBoardSummary, HonourEntry } from '@/contract'
import HonourPage from '@/pages/honour/index'
import BoardPage from '@/packages/honour/pages/board/index'
import EditBoardPage from '@/packages/honour/pages/edit/index'
import { POSTER_MAX_ENTRIES, POSTER_WIDTH, drawBoardPoster, groupByVirtue, layoutBoardPoster } from '@/services/board-poster'
import { releasePhoto, uploadPhoto } from '@/services/storage'
import { profile } from './support/fixtures'
import { fakeCanvas, textWidth } from './support/fake-canvas'
import { callMock, callsOf, serve, typeInto, type Replies } from './support/serve'
import { inStore } from './support/render'

jest.mock('@/services/call', () => ({ call: jest.fn() }))
jest.mock('@/services/storage', () => ({
  uploadPhoto: jest.fn(),
  preparePhoto: jest.fn(async (path: string) => `${path}#compressed`),
  releasePhoto: jest.fn()
}))

const upload = uploadPhoto as jest.MockedFunction<typeof uploadPhoto>
const taro = Taro as unknown as {
  __setRouterParams: (params: Record<string, string>) => void
  navigateTo: jest.Mock
  redirectTo: jest.Mock
  showModal: jest.Mock
  chooseMedia: jest.Mock
}

beforeEach(() => {
  callMock.mockReset()
  upload.mockReset()
  jest.clearAllMocks()
})

function summary(patch: Partial<HonourBoardSummary> = {}): HonourBoardSummary {
  return {
    id: 'b-1',
    title: '东山村善行义举四德榜',
    period: { kind: 'month', year: 2026, index: 11 },
    periodLabel: '2026年11月',
    villageId: 'v-1',
    scopeName: '东山村',
    status: 'published',
    entryCount: 3,
    publishedAt: '2026-11-20T02:00:00.000Z',
    updatedAt: '2026-11-20T02:00:00.000Z',
    selectionId: null,
    ...patch
  }
}

function entry(patch: Partial<HonourEntry> = {}): HonourEntry {
  return {
    subject: 'person',
    name: '李桂芳',
    userId: null,
    category: 'filial',
    categoryLabel: '孝老爱亲',
    virtueLabel: '家庭美德',
    story: '照顾瘫痪在床的婆婆十二年，从无怨言。',
    photo: null,
    photoUrl: null,
    secStatus: 'pass',
    ...patch
  }
}

function board(patch: Partial<HonourBoardDetail> = {}): HonourBoardDetail {
  return {
    ...summary(),
    townName: '西岗镇',
    issuer: '东山村村民委员会',
    issuedOn: '2026-11-20',
    entries: [
      entry(),
      entry({ name: '王建国', category: 'bravery', categoryLabel: '见义勇为', virtueLabel: '社会公德', story: '跳进河里救起落水儿童。' }),
      entry({ name: '赵敏', category: 'dedication', categoryLabel: '敬业奉献', virtueLabel: '职业道德', story: '乡村教师，坚守山村小学二十年。' })
    ],
    canManage: false,
    ...patch
  }
}

const me = profile()
const base: Replies = { 'users.me': () => ({ ok: true, data: me }) }

describe('光荣榜 tab', () => {
  test('lists the published boards of my village and the town, newest first, with 加载更多', async () => {
    serve({
      ...base,
      'honour.boards': (input) =>
        (input as { cursor?: string }).cursor === 'p2'
          ? { ok: true, data: { items: [summary({ id: 'b-3', title: '十月四德榜', periodLabel: '2026年10月' })], next: null } }
          : { ok: true, data: { items: [summary(), summary({ id: 'b-2', title: '西岗镇年度好人榜', villageId: null, scopeName: '西岗镇', periodLabel: '2026年度' })], next: 'p2' } }
    })
    const { container } = inStore(<HonourPage />)
    expect(container.querySelector('.page-honour')).toBeTruthy()
    expect(await screen.findByText('东山村善行义举四德榜')).toBeTruthy()
    expect(screen.getByText('西岗镇年度好人榜')).toBeTruthy()
    expect(screen.getByText('西岗镇 · 全镇')).toBeTruthy()
    expect(screen.getAllByText(/3 位上榜/)).toHaveLength(2)
    expect(screen.queryByText('即将上线')).toBeNull()
    await act(async () => {
      fireEvent.click(screen.getByText('加载更多'))
    })
    expect(await screen.findByText('十月四德榜')).toBeTruthy()
    expect(screen.getByText('没有更多了')).toBeTruthy()
    fireEvent.click(screen.getByText('东山村善行义举四德榜'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/honour/pages/board/index?id=b-1' })
  })

  test('says so when nothing is published yet', async () => {
    serve({ ...base, 'honour.boards': () => ({ ok: true, data: { items: [], next: null } }) })
    inStore(<HonourPage />)
    expect(await screen.findByText(/还没有发布的光荣榜/)).toBeTruthy()
  })

  test('shows the error with 重试, which loads again', async () => {
    let attempt = 0
    serve({
      ...base,
      'honour.boards': () => (++attempt === 1 ? { ok: false, code: 'INTERNAL', message: '网络不给力，请检查网络后重试' } : { ok: true, data: { items: [summary()], next: null } })
    })
    inStore(<HonourPage />)
    expect(await screen.findByText('网络不给力，请检查网络后重试')).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('重试'))
    })
    expect(await screen.findByText('东山村善行义举四德榜')).toBeTruthy()
  })
})

describe('board poster drawing (one module for WeChat and the browser)', () => {
  test('draws title, period, village and town, the entries by 四德, issuer and date', () => {
    const { canvas, calls, texts } = fakeCanvas()
    const layout = drawBoardPoster(canvas, board(), 2)
    expect(canvas.width).toBe(POSTER_WIDTH * 2)
    expect(canvas.height).toBe(layout.height * 2)
    expect(calls[0]).toMatchObject({ name: 'scale', args: [2, 2] })
    expect(calls[1]).toMatchObject({ name: 'fillRect', args: [0, 0, POSTER_WIDTH, layout.height] })
    const drawn = texts()
    expect(drawn[0]).toBe('东山村善行义举四德榜')
    expect(drawn).toContain('2026年11月')
    expect(drawn).toContain('西岗镇 · 东山村')
    // Groups in the order of 四德: 社会公德, 职业道德, 家庭美德.
    const order = ['社会公德榜', '王建国', '职业道德榜', '赵敏', '家庭美德榜', '李桂芳'].map((text) => drawn.indexOf(text))
    expect(order.every((index) => index > 0)).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    expect(drawn).toContain('【孝老爱亲】')
    expect(drawn).toContain('照顾瘫痪在床的婆婆十二年，从无怨言。')
    expect(drawn).toContain('东山村村民委员会')
    expect(drawn).toContain('2026年11月20日')
    const issuer = calls.find((call) => call.name === 'fillText' && call.args[0] === '东山村村民委员会')
    expect(issuer).toMatchObject({ textAlign: 'right' })
    // Left-aligned text stays inside the margins.
    for (const call of calls.filter((item) => item.name === 'fillText' && item.textAlign === 'left')) {
      expect((call.args[1] as number) + textWidth(call.args[0] as string, call.font)).toBeLessThanOrEqual(POSTER_WIDTH - 64 + 1)
    }
  })

  test('a town board names the town only; long stories are cut to two lines; the rest are counted', () => {
    const measure = (text: string, font: string) => textWidth(text, font)
    const long = '这是一段很长很长的事迹'.repeat(20)
    const many = Array.from({ length: POSTER_MAX_ENTRIES + 3 }, (_, index) => entry({ name: `好人${index + 1}`, story: index === 0 ? long : '热心帮助邻里。' }))
    const layout = layoutBoardPoster(board({ villageId: null, scopeName: '西岗镇', issuer: '西岗镇文明创建办公室', entries: many }), measure)
    const drawn = layout.ops.flatMap((op) => (op.kind === 'text' ? [op.text] : []))
    expect(drawn).toContain('西岗镇')
    expect(drawn).not.toContain('西岗镇 · 西岗镇')
    const first = drawn.indexOf('好人1')
    // Name, category, then two lines of the story, the second cut with ….
    expect(drawn[first + 1]).toBe('【孝老爱亲】')
    expect(drawn[first + 3]).toMatch(/…$/)
    expect(drawn[first + 4]).toBe('好人2')
    expect(drawn).toContain(`好人${POSTER_MAX_ENTRIES}`)
    expect(drawn).not.toContain(`好人${POSTER_MAX_ENTRIES + 1}`)
    expect(drawn).toContain('另有 3 位上榜人，详见光荣榜。')
  })

  test('groups entries by virtue, leaving out empty virtues', () => {
    const groups = groupByVirtue(board().entries)
    expect(groups.map((group) => group.label)).toEqual(['社会公德', '职业道德', '家庭美德'])
  })
})

describe('board page', () => {
  const original = { getContext: HTMLCanvasElement.prototype.getContext, toDataURL: HTMLCanvasElement.prototype.toDataURL }
  afterEach(() => {
    HTMLCanvasElement.prototype.getContext = original.getContext
    HTMLCanvasElement.prototype.toDataURL = original.toDataURL
  })

  test('shows the entries grouped by 四德, and the poster as an image with 保存图片', async () => {
    const fake = fakeCanvas()
    HTMLCanvasElement.prototype.getContext = jest.fn(() => fake.canvas.getContext('2d')) as unknown as typeof HTMLCanvasElement.prototype.getContext
    HTMLCanvasElement.prototype.toDataURL = jest.fn(() => 'data:image/png;base64,AAAA')
    taro.__setRouterParams({ id: 'b-1' })
    serve({ ...base, 'honour.board': () => ({ ok: true, data: board() }) })
    const { container } = inStore(<BoardPage />)
    expect(await screen.findByText('东山村善行义举四德榜')).toBeTruthy()
    expect(callsOf('honour.board')[0][1]).toEqual({ boardId: 'b-1' })
    const groups = Array.from(container.querySelectorAll('.board-group-title')).map((node) => node.textContent)
    expect(groups).toEqual(['社会公德榜', '职业道德榜', '家庭美德榜'])
    expect(screen.getByText('跳进河里救起落水儿童。')).toBeTruthy()
    fireEvent.click(screen.getByText('海报'))
    await waitFor(() => expect(container.querySelector('.page-board .board-poster img.board-poster-image')).toBeTruthy())
    const save = screen.getByText('保存图片') as HTMLAnchorElement
    expect(save.getAttribute('href')).toBe('data:image/png;base64,AAAA')
    expect(save.getAttribute('download')).toBe('东山村善行义举四德榜-2026年11月.png')
    expect(fake.texts()).toContain('东山村村民委员会')
  })

  test('a manager withdraws a published board with a reason (confirmed), then the editor opens; residents get no button', async () => {
    taro.__setRouterParams({ id: 'b-1' })
    serve({ ...base, 'honour.board': () => ({ ok: true, data: board({ canManage: false }) }) })
    const resident = inStore(<BoardPage />)
    expect(await screen.findByText('东山村善行义举四德榜')).toBeTruthy()
    expect(screen.queryByText('撤回修改')).toBeNull()
    resident.unmount()

    serve({
      ...base,
      'honour.board': () => ({ ok: true, data: board({ canManage: true, status: 'published' }) }),
      'honour.withdrawBoard': () => ({ ok: true, data: board({ canManage: true, status: 'draft' }) })
    })
    const { container } = inStore(<BoardPage />)
    fireEvent.click(await screen.findByText('撤回修改'))
    fireEvent.click(screen.getByText('撤回并修改'))
    expect(await screen.findByText('撤回原因至少 2 个字')).toBeTruthy()
    expect(callsOf('honour.withdrawBoard')).toEqual([])
    await typeInto(container, '.board-withdraw-reason', '上榜人姓名写错了')
    await act(async () => {
      fireEvent.click(screen.getByText('撤回并修改'))
    })
    expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '撤回光荣榜', confirmText: '确认撤回' }))
    await waitFor(() => expect(callsOf('honour.withdrawBoard')).toEqual([['honour.withdrawBoard', { boardId: 'b-1', reason: '上榜人姓名写错了' }]]))
    await waitFor(() => expect(taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/honour/pages/edit/index?id=b-1' }))
  })

  test('a board that is not there says so with 返回首页 (issue #14: not just 重试)', async () => {
    taro.__setRouterParams({ id: 'b-9' })
    serve({ ...base, 'honour.board': () => ({ ok: false, code: 'NOT_FOUND', message: '没有找到这期光荣榜' }) })
    inStore(<BoardPage />)
    expect(await screen.findByText('未找到这期光荣榜（可能已删除或链接有误）')).toBeTruthy()
    expect(screen.getByText('返回首页')).toBeTruthy()
    expect(screen.queryByText('重试')).toBeNull()
  })

  test('a board that cannot be read for another reason shows the message with 重试', async () => {
    taro.__setRouterParams({ id: 'b-9' })
    serve({ ...base, 'honour.board': () => ({ ok: false, code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' }) })
    inStore(<BoardPage />)
    expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeTruthy()
    expect(screen.getByText('重试')).toBeTruthy()
  })
})

describe('board editor', () => {
  test('checks every entry before saving, then saves the draft and publishes it', async () => {
    taro.__setRouterParams({ village: 'v-1' })
    taro.showModal.mockResolvedValue({ confirm: true, cancel: false })
    serve({
      ...base,
      'honour.saveBoard': () => ({ ok: true, data: board({ id: 'b-new', status: 'draft', issuedOn: null, publishedAt: null }) }),
      'honour.publishBoard': () => ({ ok: true, data: board({ id: 'b-new' }) })
    })
    const { container } = inStore(<EditBoardPage />)
    await waitFor(() => expect(container.querySelector('.page-board-edit .board-save')).toBeTruthy())
    await act(async () => {
      fireEvent.click(screen.getByText('保存草稿'))
    })
    expect(screen.getByText('请选择类别')).toBeTruthy()
    expect(callsOf('honour.saveBoard')).toHaveLength(0)
    await typeInto(container, '.board-entry-name-input', '李桂芳')
    fireEvent.click(screen.getByText('孝老爱亲'))
    await typeInto(container, '.board-entry-story-input', '照顾瘫痪在床的婆婆十二年。')
    await act(async () => {
      fireEvent.click(screen.getByText('发布'))
    })
    await waitFor(() => expect(callsOf('honour.publishBoard')).toHaveLength(1))
    expect(callsOf('honour.saveBoard')[0][1]).toMatchObject({
      villageId: 'v-1',
      title: '善行义举四德榜',
      period: { kind: 'month' },
      entries: [{ subject: 'person', name: '李桂芳', category: 'filial', story: '照顾瘫痪在床的婆婆十二年。', photo: null }]
    })
    expect(callsOf('honour.publishBoard')[0][1]).toEqual({ boardId: 'b-new' })
    await waitFor(() => expect(taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/honour/pages/board/index?id=b-new' }))
  })
  /** Picks one photo (the camera or album answers with `path`) for the entry at `index`. */
  async function pickFor(container: HTMLElement, index: number, path: string) {
    taro.chooseMedia.mockResolvedValueOnce({ tempFiles: [{ tempFilePath: path }], type: 'image' })
    const add = container.querySelector(`[data-entry-index="${index}"] .photo-picker-add`) as HTMLElement
    await act(async () => {
      fireEvent.click(add)
    })
    await waitFor(() => expect(container.querySelectorAll(`[data-entry-index="${index}"] .photo-picker-item`)).toHaveLength(1))
  }

  test('a photo picked for an entry is uploaded and its fileID saved with the board; a failed upload sends nothing', async () => {
    taro.__setRouterParams({ village: 'v-1' })
    serve({ ...base, 'honour.saveBoard': () => ({ ok: true, data: board({ id: 'b-new', status: 'draft', issuedOn: null, publishedAt: null }) }) })
    upload.mockResolvedValueOnce({ ok: false, code: 'INTERNAL', message: '照片上传没有成功，网络不给力，请稍后重试' }).mockResolvedValue({ ok: true, data: 'cloud://env/reports/2026/11/e1.jpg' })
    const { container } = inStore(<EditBoardPage />)
    await waitFor(() => expect(container.querySelector('.page-board-edit .board-save')).toBeTruthy())
    await typeInto(container, '.board-entry-name-input', '李桂芳')
    fireEvent.click(screen.getByText('孝老爱亲'))
    await typeInto(container, '.board-entry-story-input', '照顾瘫痪在床的婆婆十二年。')
    await pickFor(container, 0, 'wxfile://tmp/e1.jpg')
    // One photo per entry.
    expect(container.querySelector('[data-entry-index="0"] .photo-picker-add')).toBeNull()

    await act(async () => {
      fireEvent.click(screen.getByText('保存草稿'))
    })
    expect(await screen.findByText('照片上传没有成功，网络不给力，请稍后重试')).toBeTruthy()
    expect(callsOf('honour.saveBoard')).toHaveLength(0)

    await act(async () => {
      fireEvent.click(screen.getByText('保存草稿'))
    })
    await waitFor(() => expect(callsOf('honour.saveBoard')).toHaveLength(1))
    expect(upload).toHaveBeenCalledTimes(2)
    expect(upload.mock.calls[1][0]).toBe('wxfile://tmp/e1.jpg#compressed')
    expect(upload.mock.calls[1][1]).toMatch(/^reports\/\d{4}\/\d{2}\/honour-[A-Za-z0-9]+-[A-Za-z0-9]{8}\.jpg$/)
    expect(callsOf('honour.saveBoard')[0][1]).toMatchObject({ entries: [{ name: '李桂芳', category: 'filial', photo: 'cloud://env/reports/2026/11/e1.jpg' }] })

    // Saved again (now with the board's id): the photo is not uploaded a second time.
    await act(async () => {
      fireEvent.click(screen.getByText('保存草稿'))
    })
    await waitFor(() => expect(callsOf('honour.saveBoard')).toHaveLength(2))
    expect(upload).toHaveBeenCalledTimes(2)
    expect(callsOf('honour.saveBoard')[1][1]).toMatchObject({ id: 'b-new', entries: [{ photo: 'cloud://env/reports/2026/11/e1.jpg' }] })
  })

  test('a photo the automatic check could not decide is marked; the town office publishes after confirming it looked at it', async () => {
    taro.__setRouterParams({ id: 'b-8' })
    taro.showModal.mockResolvedValue({ confirm: true, cancel: false })
    const draft = board({
      id: 'b-8',
      status: 'draft',
      canManage: true,
      issuedOn: null,
      publishedAt: null,
      entries: [entry({ photo: 'cloud://env/checked/a.jpg', photoUrl: 'https://tmp/a.jpg', secStatus: 'review' })]
    })
    const town = profile({ roles: ['resident', 'town_admin'], grants: [{ role: 'town_admin', grantedAt: '2026-11-01T00:00:00.000Z', grantedBy: 'console' }] })
    serve({
      'users.me': () => ({ ok: true, data: town }),
      'honour.board': () => ({ ok: true, data: draft }),
      'honour.saveBoard': () => ({ ok: true, data: draft }),
      'honour.publishBoard': () => ({ ok: true, data: board({ id: 'b-8' }) })
    })
    const { container } = inStore(<EditBoardPage />)
    expect(await screen.findByText('照片未能通过自动安全检查，发布前由镇创建办人工复核')).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('发布'))
    })
    await waitFor(() => expect(callsOf('honour.publishBoard')).toHaveLength(1))
    expect(taro.showModal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '照片需人工复核' }))
    expect(callsOf('honour.publishBoard')[0][1]).toEqual({ boardId: 'b-8', photosReviewed: true })
    expect(container.querySelector('.board-entry-review')).toBeTruthy()
  })

  test('editing a draft keeps the saved photos, removes one and adds one', async () => {
    taro.__setRouterParams({ id: 'b-7' })
    const draft = board({
      id: 'b-7',
      status: 'draft',
      canManage: true,
      issuedOn: null,
      publishedAt: null,
      entries: [
        entry({ photo: 'cloud://env/reports/2026/10/a.jpg', photoUrl: 'https://tmp/a.jpg' }),
        entry({
          name: '王建国',
          category: 'bravery',
          categoryLabel: '见义勇为',
          virtueLabel: '社会公德',
          story: '跳进河里救起落水儿童。',
          photo: 'cloud://env/reports/2026/10/b.jpg',
          photoUrl: 'https://tmp/b.jpg'
        }),
        entry({ name: '赵敏', category: 'dedication', categoryLabel: '敬业奉献', virtueLabel: '职业道德', story: '乡村教师，坚守山村小学二十年。' })
      ]
    })
    serve({ ...base, 'honour.board': () => ({ ok: true, data: draft }), 'honour.saveBoard': () => ({ ok: true, data: draft }) })
    upload.mockResolvedValue({ ok: true, data: 'cloud://env/reports/2026/11/c.jpg' })
    const { container } = inStore(<EditBoardPage />)
    await waitFor(() => expect(container.querySelectorAll('.board-entry-editor')).toHaveLength(3))
    // A saved photo shows by its temporary URL, marked as uploaded.
    expect(container.querySelector('[data-entry-index="0"] .photo-picker-image')?.getAttribute('src')).toBe('https://tmp/a.jpg')
    expect(container.querySelector('[data-entry-index="0"] .photo-picker-badge')?.textContent).toBe('已上传')

    fireEvent.click(container.querySelector('[data-entry-index="1"] .photo-picker-remove') as HTMLElement)
    expect(container.querySelectorAll('[data-entry-index="1"] .photo-picker-item')).toHaveLength(0)
    expect(releasePhoto).toHaveBeenCalledWith('https://tmp/b.jpg')
    await pickFor(container, 2, 'wxfile://tmp/c.jpg')

    await act(async () => {
      fireEvent.click(screen.getByText('保存草稿'))
    })
    await waitFor(() => expect(callsOf('honour.saveBoard')).toHaveLength(1))
    expect(upload).toHaveBeenCalledTimes(1)
    expect(upload.mock.calls[0][0]).toBe('wxfile://tmp/c.jpg#compressed')
    const input = callsOf('honour.saveBoard')[0][1] as { id: string; entries: Array<{ name: string; photo: string | null }> }
    expect(input.id).toBe('b-7')
    expect(input.entries.map((e) => [e.name, e.photo])).toEqual([
      ['李桂芳', 'cloud://env/reports/2026/10/a.jpg'],
      ['王建国', null],
      ['赵敏', 'cloud://env/reports/2026/11/c.jpg']
    ])
  })
})
