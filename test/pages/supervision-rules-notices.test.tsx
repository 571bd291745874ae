import { screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { CleaningRules, InputOf, RectifyNotice } from '@/contract'
import { AdminEntries } from '@/components/me-sections'
import CleaningRulesPage from '@/packages/supervision/pages/cleaning-rules/index'
import RectifyNoticesPage from '@/packages/supervision/pages/rectify-notices/index'
import { SUPERVISION_ROUTES } from '@/services/supervision-routes'
import { profile } from './support/fixtures'
import { click, inStore } from './support/render'
import { callMock, callsOf, serve, typeInto, type Replies } from './support/serve'

jest.mock('@/services/call', () => ({ call: jest.fn() }))

const taro = Taro as unknown as { navigateTo: jest.Mock }
const grant = { grantedAt: '2026-10-01T00:00:00.000Z', grantedBy: 'seed' }
const townAdmin = profile({ roles: ['resident', 'town_admin'], grants: [{ role: 'town_admin', ...grant }] })
const villageAdmin = profile({ roles: ['resident', 'village_admin'], grants: [{ role: 'village_admin', villageId: 'v-dongshan', ...grant }] })
const unitStaff = profile({ roles: ['resident', 'unit_staff'], grants: [{ role: 'unit_staff', unitId: 'u-zhifa', ...grant }] })
const resident = profile({ roles: ['resident'], grants: [] })

const RULES: CleaningRules = {
  items: [
    { key: 'c1', text: '暴露垃圾未清理' },
    { key: 'c2', text: '小广告未清除' },
    { key: 'c4', text: '垃圾桶满溢' }
  ],
  deductionYuan: 20,
  deductionSet: false,
  rev: 3
}

beforeEach(() => {
  callMock.mockReset()
  jest.clearAllMocks()
})

const inputs = (container: HTMLElement) => Array.from(container.querySelectorAll('.cleaning-rule-input input')) as HTMLInputElement[]
const textsOnScreen = async (container: HTMLElement) =>
  waitFor(() => {
    const found = inputs(container)
    if (!found.length) throw new Error('rows not there yet')
    return found.map((i) => i.value)
  })

describe('保洁考核规则', () => {
  const as = (who: typeof townAdmin, replies: Replies = {}) =>
    serve({
      'users.me': () => ({ ok: true, data: who }),
      'supervision.cleaningRules': () => ({ ok: true, data: RULES }),
      'supervision.saveCleaningRules': (input) => {
        const i = input as InputOf<'supervision.saveCleaningRules'>
        return { ok: true, data: { items: i.items.map((x) => ({ key: x.key ?? 'c7', text: x.text })), deductionYuan: i.deductionYuan ?? 20, deductionSet: i.deductionYuan !== null, rev: i.rev + 1 } }
      },
      ...replies
    })

  test('the town office sets the amount, renames, reorders, removes and adds items: the whole list goes with the loaded revision', async () => {
    as(townAdmin)
    const { container } = inStore(<CleaningRulesPage />)
    expect(await textsOnScreen(container)).toEqual(['暴露垃圾未清理', '小广告未清除', '垃圾桶满溢'])
    expect(screen.getByText('不填按默认 20 元')).toBeTruthy()
    await typeInto(container, '.cleaning-rules-deduction', '30')
    await typeInto(container, '.cleaning-rule-card[data-key="c2"] .cleaning-rule-input', '小广告、野广告未清除')
    await click(container.querySelector('.cleaning-rule-card[data-key="c4"] .cleaning-rule-up'))
    await click(container.querySelector('.cleaning-rule-card[data-key="c1"] .cleaning-rule-remove'))
    await click(screen.getByText('添加检查项'))
    expect(screen.getByText('第 3 项（新增，未保存）')).toBeTruthy()
    await typeInto(container, '.cleaning-rule-card[data-key="new"] .cleaning-rule-input', '果皮箱破损未报修')
    await click(screen.getByText('保存规则'))
    expect(callsOf('supervision.saveCleaningRules').map((c) => c[1])).toEqual([
      {
        items: [{ key: 'c4', text: '垃圾桶满溢' }, { key: 'c2', text: '小广告、野广告未清除' }, { text: '果皮箱破损未报修' }],
        deductionYuan: 30,
        rev: 3
      }
    ])
    expect(await screen.findByText('已保存。之后的检查按新的检查项和金额记录。')).toBeTruthy()
    // the saved list (with the new item's key) replaces the edited one, at the next revision
    expect(container.querySelector('.cleaning-rule-card[data-key="c7"]')).toBeTruthy()
    await click(screen.getByText('保存规则'))
    expect((callsOf('supervision.saveCleaningRules')[1][1] as { rev: number }).rev).toBe(4)
  })

  test('an empty or repeated item, or an amount out of range, is refused before sending; a blank amount means the default', async () => {
    as(townAdmin)
    const { container } = inStore(<CleaningRulesPage />)
    await textsOnScreen(container)
    await typeInto(container, '.cleaning-rules-deduction', '2000')
    await typeInto(container, '.cleaning-rule-card[data-key="c2"] .cleaning-rule-input', '暴露垃圾未清理')
    await click(screen.getByText('添加检查项'))
    await click(screen.getByText('保存规则'))
    expect(screen.getByText('请填写 0–1000 的整数，不填按默认 20 元')).toBeTruthy()
    expect(screen.getByText('检查内容不能重复')).toBeTruthy()
    expect(screen.getByText('检查内容为 2–40 个字')).toBeTruthy()
    expect(callsOf('supervision.saveCleaningRules')).toHaveLength(0)

    await typeInto(container, '.cleaning-rules-deduction', '')
    await typeInto(container, '.cleaning-rule-card[data-key="c2"] .cleaning-rule-input', '小广告未清除')
    await click(container.querySelector('.cleaning-rule-card[data-key="new"] .cleaning-rule-remove'))
    await click(screen.getByText('保存规则'))
    expect((callsOf('supervision.saveCleaningRules')[0][1] as { deductionYuan: number | null }).deductionYuan).toBeNull()
  })

  test('someone saved in between: the server’s message, nothing lost silently, and 载入最新规则 on request', async () => {
    let reads = 0
    as(townAdmin, {
      'supervision.cleaningRules': () => ({ ok: true, data: ++reads === 1 ? RULES : { ...RULES, items: [{ key: 'c1', text: '暴露垃圾未清理' }], deductionYuan: 50, deductionSet: true, rev: 4 } }),
      'supervision.saveCleaningRules': () => ({ ok: false, code: 'CONFLICT', message: '保洁考核规则刚被他人修改，请载入最新规则后再改' })
    })
    const { container } = inStore(<CleaningRulesPage />)
    await textsOnScreen(container)
    await typeInto(container, '.cleaning-rules-deduction', '25')
    await click(screen.getByText('保存规则'))
    expect(await screen.findByText('保洁考核规则刚被他人修改，请载入最新规则后再改')).toBeTruthy()
    expect(screen.queryByText('保存规则')).toBeNull()
    expect((container.querySelector('.cleaning-rules-deduction input') as HTMLInputElement).value).toBe('25')
    await click(screen.getByText('放弃我的修改，载入最新规则'))
    await waitFor(() => expect(inputs(container).map((i) => i.value)).toEqual(['暴露垃圾未清理']))
    expect((container.querySelector('.cleaning-rules-deduction input') as HTMLInputElement).value).toBe('50')
    expect(screen.getByText('保存规则')).toBeTruthy()
  })

  test('a village admin reads the rules (the default amount said as such) and edits nothing; 长辈模式 applies', async () => {
    as({ ...villageAdmin, largeFont: true })
    const { container } = inStore(<CleaningRulesPage />)
    expect(await screen.findByText('20 元')).toBeTruthy()
    expect(screen.getByText('镇创建办还没有设定，按默认 20 元')).toBeTruthy()
    expect(Array.from(container.querySelectorAll('.cleaning-rule-text')).map((n) => n.textContent)).toEqual(['暴露垃圾未清理', '小广告未清除', '垃圾桶满溢'])
    expect(screen.queryByText('保存规则')).toBeNull()
    expect(container.querySelector('input')).toBeNull()
    expect(container.querySelector('.page-cleaning-rules')?.classList.contains('elder-mode')).toBe(true)
  })

  test('a failed load says why and 重试 loads again; a resident is turned away', async () => {
    let reads = 0
    as(townAdmin, { 'supervision.cleaningRules': () => (++reads === 1 ? { ok: false, code: 'INTERNAL', message: '网络不给力，请检查网络后重试' } : { ok: true, data: RULES }) })
    const { container, unmount } = inStore(<CleaningRulesPage />)
    expect(await screen.findByText('网络不给力，请检查网络后重试')).toBeTruthy()
    await click(screen.getByText('重试'))
    expect(await textsOnScreen(container)).toHaveLength(3)
    unmount()

    as(resident)
    inStore(<CleaningRulesPage />)
    expect(await screen.findByText('保洁考核规则只对网格员、村（居）管理员和镇创建办开放')).toBeTruthy()
  })
})

describe('整改通知 (unit staff)', () => {
  const notice = (extra: Partial<RectifyNotice> = {}): RectifyNotice => ({
    id: 'rn-1',
    no: '整改〔2026〕3号',
    unitId: 'u-zhifa',
    unitName: '镇综合行政执法中队',
    zoneId: 'z-2',
    zoneName: '行政执法中队办公区',
    villageName: '集镇',
    escalation: 'notice',
    escalationLabel: '整改通知',
    findings: 1,
    deadline: '2026-11-23',
    body: '镇综合行政执法中队：\n2026年11月18日，镇创建办检查你单位办公区域「行政执法中队办公区」（集镇），发现以下问题：\n1. 垃圾桶满溢：中队门口垃圾桶满溢',
    issuedAt: '2026-11-18T02:00:00.000Z',
    ...extra
  })

  test('number, date, 通报 mark, deadline and the notice text, newest first as sent', async () => {
    serve({
      'users.me': () => ({ ok: true, data: unitStaff }),
      'supervision.rectifyNotices': () => ({
        ok: true,
        data: {
          items: [
            notice({
              id: 'rn-2',
              no: '整改〔2026〕5号',
              escalation: 'bulletin',
              escalationLabel: '通报',
              deadline: '2026-12-03',
              issuedAt: '2026-11-28T03:00:00.000Z',
              body: '你单位办公区域在 30 天内再次被查出问题，予以通报。'
            }),
            notice()
          ],
          next: null
        }
      })
    })
    const { container } = inStore(<RectifyNoticesPage />)
    expect(await screen.findByText('整改〔2026〕5号', {}, { timeout: 5000 })).toBeTruthy()
    const cards = Array.from(container.querySelectorAll('.rectify-card')) as HTMLElement[]
    expect(cards.map((c) => c.getAttribute('data-notice-id'))).toEqual(['rn-2', 'rn-1'])
    expect(cards[0].classList.contains('rectify-card--bulletin')).toBe(true)
    expect(cards[0].querySelector('.rectify-mark')?.textContent).toBe('通报')
    expect(cards[0].textContent).toContain('整改期限：2026-12-03')
    expect(cards[0].textContent).toContain('2026-11-28')
    expect(cards[1].querySelector('.rectify-mark')?.textContent).toBe('整改通知')
    expect(cards[1].textContent).toContain('整改期限：2026-11-23')
    expect(cards[1].querySelector('.rectify-body')?.textContent).toContain('1. 垃圾桶满溢：中队门口垃圾桶满溢')
    expect(cards[1].textContent).toContain('发现问题 1 条')
    // the unit's own: the server decides by the caller, the page sends no unit
    expect(callsOf('supervision.rectifyNotices')[0][1]).toEqual({ pageSize: expect.any(Number) })
  })

  test('none yet; a failed load with 重试', async () => {
    serve({ 'users.me': () => ({ ok: true, data: unitStaff }), 'supervision.rectifyNotices': () => ({ ok: true, data: { items: [], next: null } }) })
    const first = inStore(<RectifyNoticesPage />)
    expect(await screen.findByText('还没有收到整改通知', {}, { timeout: 5000 })).toBeTruthy()
    first.unmount()

    let reads = 0
    serve({
      'users.me': () => ({ ok: true, data: unitStaff }),
      'supervision.rectifyNotices': () => (++reads === 1 ? { ok: false, code: 'INTERNAL', message: '网络不给力，请检查网络后重试' } : { ok: true, data: { items: [notice()], next: null } })
    })
    inStore(<RectifyNoticesPage />)
    expect(await screen.findByText('网络不给力，请检查网络后重试', {}, { timeout: 5000 })).toBeTruthy()
    await click(screen.getByText('重试'))
    expect(await screen.findByText('整改〔2026〕3号')).toBeTruthy()
  })

  test('我的 → 管理 has 整改通知 for unit staff, opening the list', async () => {
    serve({ 'users.me': () => ({ ok: true, data: unitStaff }) })
    inStore(<AdminEntries />)
    await click(await screen.findByText('整改通知', {}, { timeout: 5000 }))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: SUPERVISION_ROUTES.rectifyNotices })
  })
})
