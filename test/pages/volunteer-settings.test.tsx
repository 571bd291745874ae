import { screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { InputOf, MyProfile, VolunteerSettings } from '@/contract'
import { AdminEntries } from '@/components/me-sections'
import VolunteerSettingsPage from '@/packages/volunteers/pages/settings/index'
import { VOLUNTEER_ROUTES } from '@/services/volunteer-routes'
import { org, profile } from './support/fixtures'
import { callMock, callsOf, serve, typeInto, type Replies } from './support/serve'
import { inStore, click } from './support/render'

jest.mock('@/services/call', () => ({ call: jest.fn() }))

const taro = Taro as unknown as { navigateTo: jest.Mock; showToast: jest.Mock }

const townAdmin = profile({ id: 'user-town', name: '王主任', roles: ['resident', 'town_admin'], grants: [{ role: 'town_admin', grantedAt: '2026-10-01T00:00:00.000Z', grantedBy: 'seed' }] })
const villageAdmin = profile({
  id: 'user-va',
  name: '赵书记',
  roles: ['resident', 'village_admin'],
  grants: [{ role: 'village_admin', villageId: 'v-dongshan', grantedAt: '2026-10-01T00:00:00.000Z', grantedBy: 'seed' }]
})
const volunteer = profile({ roles: ['resident', 'volunteer'], grants: [] })

const current: VolunteerSettings = { roundingHours: 0.5, maxDistanceM: 500, rotateSeconds: 60, checkinOpensMinutes: 30 }

function as(person: MyProfile, replies: Replies = {}) {
  serve({
    'users.me': () => ({ ok: true, data: person }),
    'org.overview': () => ({ ok: true, data: org }),
    'volunteers.settings': () => ({ ok: true, data: current }),
    'volunteers.saveSettings': (input) => ({ ok: true, data: input as VolunteerSettings }),
    ...replies
  })
}

/** The value in a real Taro <Input>, once its inner <input> is there. */
async function valueOf(container: HTMLElement, selector: string): Promise<string> {
  return waitFor(() => {
    const input = container.querySelector(`${selector} input`) as HTMLInputElement | null
    if (!input) throw new Error(`no input in ${selector} yet`)
    return input.value
  })
}

const ruleCard = (container: HTMLElement, field: string) => container.querySelector(`.settings-rule--${field}`) as HTMLElement
const chip = (container: HTMLElement, label: string) =>
  within(container.querySelector('.settings-rounding') as HTMLElement)
    .getByText(label)
    .closest('[role="radio"]') as HTMLElement

beforeEach(() => {
  callMock.mockReset()
  jest.clearAllMocks()
})

describe('志愿服务规则 (town office)', () => {
  test('shows the current rules with a plain explanation of each', async () => {
    as(townAdmin)
    const { container } = inStore(<VolunteerSettingsPage />)
    await screen.findByText('时长取整')
    expect(container.querySelector('.page-volunteer-settings')).toBeTruthy()
    expect(callsOf('volunteers.settings')).toEqual([['volunteers.settings', {}]])

    expect(chip(container, '按半小时').getAttribute('aria-checked')).toBe('true')
    expect(chip(container, '按 15 分钟').getAttribute('aria-checked')).toBe('false')
    expect(await valueOf(container, '.settings-maxDistanceM')).toBe('500')
    expect(await valueOf(container, '.settings-rotateSeconds')).toBe('60')
    expect(await valueOf(container, '.settings-checkinOpensMinutes')).toBe('30')

    expect(within(ruleCard(container, 'roundingHours')).getByText(/按半小时记 1.5 小时/)).toBeTruthy()
    expect(within(ruleCard(container, 'maxDistanceM')).getByText(/离活动地点多远以内/)).toBeTruthy()
    expect(within(ruleCard(container, 'maxDistanceM')).getByText('可填 50–5000 米')).toBeTruthy()
    expect(within(ruleCard(container, 'rotateSeconds')).getByText(/大屏上的签到二维码多少秒换一次/)).toBeTruthy()
    expect(within(ruleCard(container, 'rotateSeconds')).getByText('可填 15–600 秒')).toBeTruthy()
    expect(within(ruleCard(container, 'checkinOpensMinutes')).getByText(/活动开始前多少分钟起可以扫码签到/)).toBeTruthy()
    expect(within(ruleCard(container, 'checkinOpensMinutes')).getByText('可填 0–240 分钟')).toBeTruthy()
    expect(screen.getByText(/之后签退算出的时长按新的取整方式/)).toBeTruthy()
  })

  test('each bad field gets its own Chinese message and nothing is sent', async () => {
    as(townAdmin)
    const { container } = inStore(<VolunteerSettingsPage />)
    await screen.findByText('时长取整')
    await typeInto(container, '.settings-maxDistanceM', '')
    await typeInto(container, '.settings-rotateSeconds', '5')
    await typeInto(container, '.settings-checkinOpensMinutes', '2.5')
    await click(screen.getByText('保存规则'))

    expect(within(ruleCard(container, 'maxDistanceM')).getByText('请填写签到距离')).toBeTruthy()
    expect(within(ruleCard(container, 'rotateSeconds')).getByText('至少 15 秒')).toBeTruthy()
    expect(within(ruleCard(container, 'checkinOpensMinutes')).getByText('提前开放签到应为整数')).toBeTruthy()
    expect(screen.getByText('请按提示修改后再保存')).toBeTruthy()

    await typeInto(container, '.settings-maxDistanceM', '6000')
    await typeInto(container, '.settings-rotateSeconds', '60')
    await typeInto(container, '.settings-checkinOpensMinutes', '300')
    await click(screen.getByText('保存规则'))
    expect(within(ruleCard(container, 'maxDistanceM')).getByText('距离最多 5000 米')).toBeTruthy()
    expect(within(ruleCard(container, 'rotateSeconds')).queryByText('至少 15 秒')).toBeNull()
    expect(within(ruleCard(container, 'checkinOpensMinutes')).getByText('提前开放签到应在 0–240 分钟之间')).toBeTruthy()
    expect(callsOf('volunteers.saveSettings')).toHaveLength(0)
  })

  test('saves exactly the chosen rules as numbers, then says what they apply to', async () => {
    as(townAdmin)
    const { container } = inStore(<VolunteerSettingsPage />)
    await screen.findByText('时长取整')
    await click(chip(container, '按 15 分钟'))
    await typeInto(container, '.settings-maxDistanceM', '800')
    await typeInto(container, '.settings-rotateSeconds', '30')
    await typeInto(container, '.settings-checkinOpensMinutes', '0')
    await click(screen.getByText('保存规则'))

    await waitFor(() => expect(callsOf('volunteers.saveSettings')).toHaveLength(1))
    const sent: InputOf<'volunteers.saveSettings'> = { roundingHours: 0.25, maxDistanceM: 800, rotateSeconds: 30, checkinOpensMinutes: 0 }
    expect(callsOf('volunteers.saveSettings')[0]).toEqual(['volunteers.saveSettings', sent])
    expect(await screen.findByText('已保存，新规则已生效。已经计入的时长不会重新计算。')).toBeTruthy()
    expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存' }))
    expect(chip(container, '按 15 分钟').getAttribute('aria-checked')).toBe('true')
    expect(await valueOf(container, '.settings-maxDistanceM')).toBe('800')
  })

  test("the server's refusal is shown and the form keeps what was typed", async () => {
    as(townAdmin, { 'volunteers.saveSettings': () => ({ ok: false, code: 'FORBIDDEN', message: '只有镇创建办可以设置志愿服务规则' }) })
    const { container } = inStore(<VolunteerSettingsPage />)
    await screen.findByText('时长取整')
    await click(chip(container, '按 1 小时'))
    await typeInto(container, '.settings-maxDistanceM', '1200')
    await click(screen.getByText('保存规则'))

    expect(await screen.findByText('只有镇创建办可以设置志愿服务规则')).toBeTruthy()
    expect(callsOf('volunteers.saveSettings')).toEqual([['volunteers.saveSettings', { roundingHours: 1, maxDistanceM: 1200, rotateSeconds: 60, checkinOpensMinutes: 30 }]])
    expect(await valueOf(container, '.settings-maxDistanceM')).toBe('1200')
    expect(chip(container, '按 1 小时').getAttribute('aria-checked')).toBe('true')
    expect(screen.queryByText(/已保存/)).toBeNull()
    expect(taro.showToast).not.toHaveBeenCalled()
  })

  test('a failed load offers 重试', async () => {
    let loads = 0
    as(townAdmin, { 'volunteers.settings': () => (++loads === 1 ? { ok: false, code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' } : { ok: true, data: current }) })
    const { container } = inStore(<VolunteerSettingsPage />)
    expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeTruthy()
    await click(screen.getByText('重试'))
    expect(await valueOf(container, '.settings-maxDistanceM')).toBe('500')
  })
})

describe('志愿服务规则 (others)', () => {
  test.each([
    ['a village admin', villageAdmin],
    ['a volunteer', volunteer]
  ])('%s reads the rules without an editor', async (_who, person) => {
    as(person)
    const { container } = inStore(<VolunteerSettingsPage />)
    expect(await screen.findByText('按半小时向下取整')).toBeTruthy()
    expect(within(ruleCard(container, 'maxDistanceM')).getByText('500 米')).toBeTruthy()
    expect(within(ruleCard(container, 'rotateSeconds')).getByText('60 秒')).toBeTruthy()
    expect(within(ruleCard(container, 'checkinOpensMinutes')).getByText('30 分钟')).toBeTruthy()
    expect(screen.queryByText('保存规则')).toBeNull()
    expect(container.querySelector('.settings-input')).toBeNull()
  })
})

describe('我的 → 管理 → 志愿服务规则', () => {
  test('the town office has the entry and it opens the page', async () => {
    as(townAdmin)
    inStore(<AdminEntries />)
    await click(await screen.findByText('志愿服务规则'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: VOLUNTEER_ROUTES.settings })
  })

  test('a village admin, who organises volunteers too, has no such entry', async () => {
    as(villageAdmin)
    inStore(<AdminEntries />)
    expect(await screen.findByText('志愿队伍')).toBeTruthy()
    expect(screen.queryByText('志愿服务规则')).toBeNull()
  })
})
