import { screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { InputOf, MyProfile, TownSafeguards } from '@/contract'
import { AdminEntries } from '@/components/me-sections'
import SafeguardsPage from '@/packages/admin/pages/safeguards/index'
import { org, profile } from './support/fixtures'
import { callMock, callsOf, serve, typeInto, type Replies } from './support/serve'
import { click, inStore } from './support/render'

jest.mock('@/services/call', () => ({ call: jest.fn() }))

const taro = Taro as unknown as { navigateTo: jest.Mock; showToast: jest.Mock }

const townAdmin = profile({ id: 'user-town', name: '王主任', roles: ['resident', 'town_admin'], grants: [{ role: 'town_admin', grantedAt: '2026-10-01T00:00:00.000Z', grantedBy: 'seed' }] })
const villageAdmin = profile({
  id: 'user-va',
  name: '赵书记',
  roles: ['resident', 'village_admin'],
  grants: [{ role: 'village_admin', villageId: 'v-dongshan', grantedAt: '2026-10-01T00:00:00.000Z', grantedBy: 'seed' }]
})

const current: TownSafeguards = { correctionThreshold: 50, reportsPerDay: 10, declarationsPerDay: 10, nominationsPerDay: 5 }

function as(person: MyProfile, replies: Replies = {}) {
  serve({
    'users.me': () => ({ ok: true, data: person }),
    'org.overview': () => ({ ok: true, data: org }),
    'org.safeguards': () => ({ ok: true, data: current }),
    'org.saveSafeguards': (input) => ({ ok: true, data: input as TownSafeguards }),
    ...replies
  })
}

async function valueOf(container: HTMLElement, selector: string): Promise<string> {
  return waitFor(() => {
    const input = container.querySelector(`${selector} input`) as HTMLInputElement | null
    if (!input) throw new Error(`no input in ${selector} yet`)
    return input.value
  })
}

const field = (container: HTMLElement, name: string) => container.querySelector(`.safeguards-field--${name}`) as HTMLElement

beforeEach(() => {
  callMock.mockReset()
  jest.clearAllMocks()
})

describe('防刷与审批规则 (town office)', () => {
  test('shows the saved threshold and daily caps, each explained, with the allowed range', async () => {
    as(townAdmin)
    const { container } = inStore(<SafeguardsPage />)
    await screen.findByText('积分更正审批')
    expect(container.querySelector('.page-admin-safeguards')).toBeTruthy()
    expect(callsOf('org.safeguards')).toEqual([['org.safeguards', {}]])
    expect(await valueOf(container, '.safeguards-correctionThreshold')).toBe('50')
    expect(await valueOf(container, '.safeguards-reportsPerDay')).toBe('10')
    expect(await valueOf(container, '.safeguards-declarationsPerDay')).toBe('10')
    expect(await valueOf(container, '.safeguards-nominationsPerDay')).toBe('5')
    expect(screen.getByText(/须由提出人以外的村（居）管理员或镇创建办批准/)).toBeTruthy()
    expect(screen.getByText(/督导上报不受此限/)).toBeTruthy()
    expect(within(field(container, 'correctionThreshold')).getByText('可填 0–10000 分')).toBeTruthy()
    expect(within(field(container, 'reportsPerDay')).getByText('可填 1–1000 条')).toBeTruthy()
    expect(within(field(container, 'nominationsPerDay')).getByText('可填 1–1000 次')).toBeTruthy()
  })

  test('each bad field gets its own Chinese message and nothing is sent', async () => {
    as(townAdmin)
    const { container } = inStore(<SafeguardsPage />)
    await screen.findByText('积分更正审批')
    await typeInto(container, '.safeguards-correctionThreshold', '')
    await typeInto(container, '.safeguards-reportsPerDay', '0')
    await typeInto(container, '.safeguards-declarationsPerDay', '2.5')
    await typeInto(container, '.safeguards-nominationsPerDay', '20000')
    await click(screen.getByText('保存规则'))
    expect(await screen.findByText('请按提示修改后再保存')).toBeTruthy()
    expect(within(field(container, 'correctionThreshold')).getByText('请填写积分更正审批线')).toBeTruthy()
    expect(within(field(container, 'reportsPerDay')).getByText('每人每日随手拍上限应在 1–1000 之间')).toBeTruthy()
    expect(within(field(container, 'declarationsPerDay')).getByText('每人每日善行申报上限应为整数')).toBeTruthy()
    expect(within(field(container, 'nominationsPerDay')).getByText('每人每日提名上限应在 1–1000 之间')).toBeTruthy()
    expect(callsOf('org.saveSafeguards')).toHaveLength(0)
  })

  test('saves the numbers, says the new rules apply at once', async () => {
    as(townAdmin)
    const { container } = inStore(<SafeguardsPage />)
    await screen.findByText('积分更正审批')
    await typeInto(container, '.safeguards-correctionThreshold', '100')
    await typeInto(container, '.safeguards-reportsPerDay', '20')
    await click(screen.getByText('保存规则'))
    await waitFor(() => expect(callsOf('org.saveSafeguards')).toHaveLength(1))
    const sent = callsOf('org.saveSafeguards')[0][1] as InputOf<'org.saveSafeguards'>
    expect(sent).toEqual({ correctionThreshold: 100, reportsPerDay: 20, declarationsPerDay: 10, nominationsPerDay: 5 })
    expect(await screen.findByText('已保存，新规则已生效。')).toBeTruthy()
    expect(taro.showToast).toHaveBeenCalledWith({ title: '已保存', icon: 'success' })
  })

  test("a refused save shows the server's message and keeps what was typed", async () => {
    as(townAdmin, { 'org.saveSafeguards': () => ({ ok: false, code: 'CONFLICT', message: '数据已被他人修改，请刷新后重试' }) })
    const { container } = inStore(<SafeguardsPage />)
    await screen.findByText('积分更正审批')
    await typeInto(container, '.safeguards-nominationsPerDay', '3')
    await click(screen.getByText('保存规则'))
    expect(await screen.findByText('数据已被他人修改，请刷新后重试')).toBeTruthy()
    expect(await valueOf(container, '.safeguards-nominationsPerDay')).toBe('3')
  })

  test('loading fails: the message and 重试', async () => {
    let fails = true
    as(townAdmin, { 'org.safeguards': () => (fails ? { ok: false, code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' } : { ok: true, data: current }) })
    inStore(<SafeguardsPage />)
    expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeTruthy()
    fails = false
    await click(screen.getByText('重试'))
    expect(await screen.findByText('积分更正审批')).toBeTruthy()
  })

  test('a village admin gets a plain refusal and nothing is loaded', async () => {
    as(villageAdmin)
    inStore(<SafeguardsPage />)
    expect(await screen.findByText('只有镇创建办可以查看和设置防刷与审批规则')).toBeTruthy()
    expect(callsOf('org.safeguards')).toHaveLength(0)
  })
})

describe('我的 → 管理', () => {
  test('the town office finds 防刷与审批规则; a village admin does not', async () => {
    as(townAdmin)
    const { unmount } = inStore(<AdminEntries />)
    await click(await screen.findByText('防刷与审批规则'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/pages/safeguards/index' })
    unmount()
    as(villageAdmin)
    inStore(<AdminEntries />)
    expect(await screen.findByText('组织架构')).toBeTruthy()
    expect(screen.queryByText('防刷与审批规则')).toBeNull()
  })
})
