import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { CorrectionRequest, HouseholdRecord, HouseholdSummary, InputOf, MyProfile, PointEntry, PointRule, UserSummary } from '@/contract'
import { AdminEntries } from '@/components/me-sections'
import RulesPage from '@/packages/deeds/pages/rules/index'
import HouseholdsPage from '@/packages/deeds/pages/households/index'
import CorrectPage from '@/packages/deeds/pages/correct/index'
import { DEED_ROUTES } from '@/services/deed-routes'
import { org, profile, summary } from './support/fixtures'
import { callMock, callsOf, serve, typeInto, type Replies } from './support/serve'
import { inStore } from './support/render'

jest.mock('@/services/call', () => ({ call: jest.fn() }))

const taro = Taro as unknown as { showModal: jest.Mock; navigateTo: jest.Mock }

beforeEach(() => {
  callMock.mockReset()
  jest.clearAllMocks()
})

const townAdmin = profile({ id: 'user-town', name: '镇创建办', roles: ['resident', 'town_admin'], grants: [{ role: 'town_admin', grantedAt: '2026-10-01T00:00:00.000Z', grantedBy: 'seed' }] })
const villageAdmin = profile({
  id: 'user-va',
  name: '赵书记',
  roles: ['resident', 'village_admin'],
  grants: [{ role: 'village_admin', villageId: 'v-dongshan', grantedAt: '2026-10-01T00:00:00.000Z', grantedBy: 'seed' }]
})

function as(me: MyProfile): Replies {
  return { 'users.me': () => ({ ok: true, data: me }), 'org.overview': () => ({ ok: true, data: org }) }
}

const click = async (element: Element) => {
  await act(async () => {
    fireEvent.click(element)
  })
}

/* ---------------------------------------------------------------- 积分规则 */

const rules: PointRule[] = [
  { key: 'deed:helping', label: '助人为乐', points: 5, dailyCap: 10, monthlyCap: 50 },
  { key: 'volunteer_hours', label: '志愿服务（每小时）', points: 2, dailyCap: 20, monthlyCap: 100 }
]

function rulesReplies(me: MyProfile): Replies {
  return {
    ...as(me),
    'deeds.rules': () => ({ ok: true, data: rules }),
    'deeds.saveRules': (input) => {
      const sent = (input as InputOf<'deeds.saveRules'>).rules
      return { ok: true, data: rules.map((rule) => ({ ...rule, ...sent.find((item) => item.key === rule.key) })) }
    }
  }
}

const ruleInput = (key: string, field: string) => `[data-rule-key="${key}"] .rule-${field}`

describe('积分规则', () => {
  test('checks every field before saving, then sends the whole table as numbers', async () => {
    serve(rulesReplies(townAdmin))
    const { container } = inStore(<RulesPage />)
    expect(await screen.findByText('助人为乐')).toBeTruthy()
    expect(screen.getByText('志愿服务（每小时）')).toBeTruthy()

    await typeInto(container, ruleInput('deed:helping', 'points'), '')
    await typeInto(container, ruleInput('deed:helping', 'dailyCap'), '2.5')
    await typeInto(container, ruleInput('volunteer_hours', 'dailyCap'), '30')
    await typeInto(container, ruleInput('volunteer_hours', 'monthlyCap'), '20')
    await click(screen.getByText('保存积分规则'))
    const helping = container.querySelector('[data-rule-key="deed:helping"]') as HTMLElement
    const hours = container.querySelector('[data-rule-key="volunteer_hours"]') as HTMLElement
    expect(within(helping).getByText('请填写分值')).toBeTruthy()
    expect(within(helping).getByText('每日上限应为整数')).toBeTruthy()
    expect(within(hours).getByText('每月上限不能小于每日上限')).toBeTruthy()
    expect(screen.getByText('请按提示修改后再保存')).toBeTruthy()
    expect(callsOf('deeds.saveRules')).toHaveLength(0)

    await typeInto(container, ruleInput('deed:helping', 'points'), '6')
    await typeInto(container, ruleInput('deed:helping', 'dailyCap'), '12')
    await typeInto(container, ruleInput('volunteer_hours', 'monthlyCap'), '120')
    await click(screen.getByText('保存积分规则'))
    await waitFor(() => expect(callsOf('deeds.saveRules')).toHaveLength(1))
    expect(callsOf('deeds.saveRules')[0][1]).toEqual({
      rules: [
        { key: 'deed:helping', points: 6, dailyCap: 12, monthlyCap: 50 },
        { key: 'volunteer_hours', points: 2, dailyCap: 30, monthlyCap: 120 }
      ]
    })
    expect(await screen.findByText(/^已保存。/)).toBeTruthy()
    expect((container.querySelector(`${ruleInput('deed:helping', 'points')} input`) as HTMLInputElement).value).toBe('6')
  })

  test("a refused save shows the server's message and keeps what was typed", async () => {
    serve({ ...rulesReplies(townAdmin), 'deeds.saveRules': () => ({ ok: false, code: 'FORBIDDEN', message: '只有镇创建办可以修改积分规则' }) })
    const { container } = inStore(<RulesPage />)
    await screen.findByText('助人为乐')
    await typeInto(container, ruleInput('deed:helping', 'points'), '8')
    await click(screen.getByText('保存积分规则'))
    expect(await screen.findByText('只有镇创建办可以修改积分规则')).toBeTruthy()
    expect((container.querySelector(`${ruleInput('deed:helping', 'points')} input`) as HTMLInputElement).value).toBe('8')
  })

  test('others read the rules without an editor', async () => {
    serve(rulesReplies(villageAdmin))
    inStore(<RulesPage />)
    expect(await screen.findByText('助人为乐')).toBeTruthy()
    expect(screen.getByText(`${rules[0].points} 分 · 每日最多 ${rules[0].dailyCap} 分 · 每月最多 ${rules[0].monthlyCap} 分`)).toBeTruthy()
    expect(screen.queryByText('保存积分规则')).toBeNull()
  })
})

/* ---------------------------------------------------------------- 家庭管理 */

const li = summary({ id: 'user-li', name: '李建国' })
const liWife = summary({ id: 'user-li-w', name: '王秀英' })
const zhangHome: HouseholdSummary = {
  id: 'h-zhang',
  villageId: 'v-dongshan',
  name: '张建国家',
  headUserId: 'user-zj',
  members: [
    { userId: 'user-zj', name: '张建国' },
    { userId: 'user-zx', name: '张小红' }
  ],
  balance: 30
}

function householdReplies(): Replies {
  return {
    ...as(villageAdmin),
    'deeds.households': () => ({ ok: true, data: { items: [zhangHome], next: null } }),
    'users.list': (input) => {
      const word = (input as { keyword?: string }).keyword ?? ''
      return { ok: true, data: { items: [li, liWife].filter((user: UserSummary) => user.name.includes(word)), next: null } }
    },
    'deeds.saveHousehold': (input) => {
      const sent = input as InputOf<'deeds.saveHousehold'>
      const names = new Map([li, liWife].map((user) => [user.id, user.name]))
      return {
        ok: true,
        data: { id: sent.id ?? 'h-new', villageId: sent.villageId, name: sent.name, headUserId: sent.headUserId, members: sent.memberIds.map((userId) => ({ userId, name: names.get(userId) ?? '' })) }
      }
    }
  }
}

async function addMember(container: HTMLElement, keyword: string, userId: string) {
  await typeInto(container, '.user-search-input', keyword)
  await click(within(container.querySelector('.user-search') as HTMLElement).getByText('查找'))
  const row = await waitFor(() => {
    const found = container.querySelector(`.user-pick[data-user-id="${userId}"]`)
    if (!found) throw new Error(`${userId} not listed yet`)
    return found
  })
  await click(row)
}

describe('家庭管理', () => {
  test("lists the village's households with head, members and balance", async () => {
    serve(householdReplies())
    const { container } = inStore(<HouseholdsPage />)
    expect(await screen.findByText(zhangHome.name)).toBeTruthy()
    expect(callsOf('deeds.households')[0][1]).toMatchObject({ villageId: 'v-dongshan' })
    const card = container.querySelector('.page-deed-households [data-household-id="h-zhang"]') as HTMLElement
    expect(within(card).getByText('户主：张建国')).toBeTruthy()
    expect(within(card).getByText(String(zhangHome.balance))).toBeTruthy()
    expect(within(card).getByText(/张小红/)).toBeTruthy()
  })

  test('a new household: members found by name, the head chosen among them, saved and the list reloaded', async () => {
    serve(householdReplies())
    const { container } = inStore(<HouseholdsPage />)
    await screen.findByText(zhangHome.name)
    await click(screen.getByText('新建家庭'))

    await click(screen.getByText('保存'))
    expect(screen.getByText('请至少添加一位家庭成员')).toBeTruthy()
    expect(screen.getByText('家庭名称至少 2 个字')).toBeTruthy()
    expect(callsOf('deeds.saveHousehold')).toHaveLength(0)

    await typeInto(container, '.household-name', '李建国家')
    await addMember(container, '李建国', 'user-li')
    expect(callsOf('users.list')[0][1]).toMatchObject({ villageId: 'v-dongshan', keyword: '李建国' })
    await addMember(container, '王秀英', 'user-li-w')
    fireEvent.click(within(container.querySelector('.household-head') as HTMLElement).getByText('王秀英'))
    await click(screen.getByText('保存'))

    await waitFor(() => expect(callsOf('deeds.saveHousehold')).toHaveLength(1))
    expect(callsOf('deeds.saveHousehold')[0][1]).toEqual({ villageId: 'v-dongshan', name: '李建国家', headUserId: 'user-li-w', memberIds: ['user-li', 'user-li-w'] })
    await waitFor(() => expect(callsOf('deeds.households')).toHaveLength(2))
  })

  test('a member already in another household: the CONFLICT is explained and the form is kept', async () => {
    serve({ ...householdReplies(), 'deeds.saveHousehold': () => ({ ok: false, code: 'CONFLICT', message: '有成员已登记在其他家庭' }) })
    const { container } = inStore(<HouseholdsPage />)
    await screen.findByText(zhangHome.name)
    await click(screen.getByText('新建家庭'))
    await typeInto(container, '.household-name', '李建国家')
    await addMember(container, '李建国', 'user-li')
    await click(screen.getByText('保存'))
    expect(await screen.findByText(/有成员已登记在其他家庭/)).toBeTruthy()
    expect(screen.getByText(/一个人只能在一个家庭里/)).toBeTruthy()
    expect((container.querySelector('.household-name input') as HTMLInputElement).value).toBe('李建国家')
    expect(container.querySelector('.household-member[data-user-id="user-li"]')).toBeTruthy()
  })

  test('tapping a household opens its record; 修改家庭 starts from what is stored', async () => {
    const record: HouseholdRecord = { household: zhangHome, balance: zhangHome.balance, deeds: [], ledger: { items: [], next: null } }
    serve({ ...householdReplies(), 'deeds.household': () => ({ ok: true, data: record }) })
    const { container } = inStore(<HouseholdsPage />)
    await screen.findByText(zhangHome.name)
    await click(container.querySelector('[data-household-id="h-zhang"]') as HTMLElement)
    expect(await screen.findByText(`全家积分 ${record.balance}`)).toBeTruthy()
    expect(callsOf('deeds.household')[0][1]).toMatchObject({ householdId: 'h-zhang' })
    await click(screen.getByText('修改家庭'))
    await waitFor(() => expect((container.querySelector('.household-name input') as HTMLInputElement | null)?.value).toBe(zhangHome.name))
    expect(container.querySelectorAll('.household-member')).toHaveLength(zhangHome.members.length)
    await click(screen.getByText('保存'))
    expect(callsOf('deeds.saveHousehold')[0][1]).toMatchObject({ id: 'h-zhang', headUserId: 'user-zj', memberIds: ['user-zj', 'user-zx'] })
  })

  test('a resident gets a plain refusal', async () => {
    serve(as(profile({ roles: ['resident'], grants: [] })))
    inStore(<HouseholdsPage />)
    expect(await screen.findByText('只有村（居）管理员和镇创建办可以管理家庭')).toBeTruthy()
    expect(callsOf('deeds.households')).toHaveLength(0)
  })
})

/* ---------------------------------------------------------------- 积分更正 */

function entry(patch: Partial<PointEntry>): PointEntry {
  return { id: 'p-1', delta: 5, source: 'deed', sourceLabel: '善行', refId: 'd-1', note: '帮邻居收麦子', capped: false, at: '2026-11-11T02:00:00.000Z', ...patch }
}

function request(patch: Partial<CorrectionRequest>): CorrectionRequest {
  return {
    id: 'pcr-1',
    userId: 'user-li',
    personName: '李建国',
    villageId: 'v-dongshan',
    delta: 80,
    reason: '补记全年志愿服务积分',
    status: 'pending',
    statusLabel: '待审批',
    requestedByName: '赵书记',
    requestedAt: '2026-11-11T02:00:00.000Z',
    canDecide: false,
    decidedByName: null,
    decidedAt: null,
    note: null,
    ...patch
  }
}

/**
 * A tiny ledger: deeds.correct appends to it up to the threshold (50) or adds a request above it,
 * deeds.person reads the ledger, deeds.pendingCorrections the requests.
 */
function correctionReplies(me: MyProfile = villageAdmin): Replies & { ledger: PointEntry[]; pending: CorrectionRequest[] } {
  const ledger: PointEntry[] = [entry({ id: 'p-1', delta: 5 })]
  const pending: CorrectionRequest[] = []
  const replies: Replies = {
    ...as(me),
    'deeds.pendingCorrections': () => ({ ok: true, data: { items: [...pending], next: null } }),
    'deeds.approveCorrection': (input) => {
      const sent = input as InputOf<'deeds.approveCorrection'>
      if (!sent.approve && !sent.note) return { ok: false, code: 'INVALID_INPUT', message: '请填写不批准的理由' }
      const found = pending.find((item) => item.id === sent.requestId)
      if (!found) return { ok: false, code: 'NOT_FOUND', message: '没有找到这条积分更正' }
      pending.splice(pending.indexOf(found), 1)
      if (sent.approve) ledger.push(entry({ id: `p-${ledger.length + 1}`, delta: found.delta, source: 'correction', sourceLabel: '积分更正', note: `更正：${found.reason}` }))
      return { ok: true, data: { ...found, status: sent.approve ? 'approved' : 'rejected', canDecide: false, note: sent.note ?? null } }
    },
    'users.list': () => ({ ok: true, data: { items: [li], next: null } }),
    'deeds.person': () => {
      const balance = ledger.reduce((sum, item) => sum + item.delta, 0)
      return {
        ok: true,
        data: { person: { id: li.id, name: li.name, villageId: li.villageId, householdName: null }, balance: { balance, earnedThisMonth: 5 }, page: { items: [...ledger].reverse(), next: null } }
      }
    },
    'deeds.correct': (input) => {
      const sent = input as InputOf<'deeds.correct'>
      if (Math.abs(sent.delta) > 50) {
        const waiting = request({ id: `pcr-${pending.length + 1}`, delta: sent.delta, reason: sent.reason, requestedByName: me.name })
        pending.push(waiting)
        return { ok: true, data: { status: 'pending', request: waiting, threshold: 50 } }
      }
      const posted = entry({ id: `p-${ledger.length + 1}`, delta: sent.delta, source: 'correction', sourceLabel: '积分更正', note: `更正：${sent.reason}` })
      ledger.push(posted)
      return { ok: true, data: { status: 'posted', entry: posted } }
    }
  }
  return Object.assign(replies, { ledger, pending })
}

async function openPerson(container: HTMLElement) {
  await waitFor(() => expect(container.querySelector('.user-search-input')).toBeTruthy())
  await typeInto(container, '.user-search-input', '李建国')
  await click(screen.getByText('查找'))
  await click(await screen.findByText('查看积分'))
  expect(await screen.findByText('帮邻居收麦子', { exact: false })).toBeTruthy()
}

async function fillCorrection(container: HTMLElement, sign: string, amount: string, reason: string) {
  fireEvent.click(screen.getByText(sign))
  await typeInto(container, '.correction-amount', amount)
  await typeInto(container, '.correction-reason', reason)
}

describe('积分更正', () => {
  test('shows the balance and entries, confirms, sends the signed delta, then refreshes the ledger', async () => {
    const replies = correctionReplies()
    serve(replies)
    taro.showModal.mockResolvedValue({ confirm: true, cancel: false })
    const { container } = inStore(<CorrectPage />)
    await openPerson(container)
    expect(callsOf('users.list')[0][1]).toMatchObject({ villageId: 'v-dongshan', keyword: '李建国' })
    expect(callsOf('deeds.person')[0][1]).toMatchObject({ userId: 'user-li' })
    expect(screen.getByText('当前积分 5')).toBeTruthy()

    await fillCorrection(container, '扣分（−）', '3', '重复记分')
    await click(screen.getByText('记一条更正'))
    expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('更正记为一条新明细，原记录不变') }))
    await waitFor(() => expect(callsOf('deeds.correct')).toHaveLength(1))
    expect(callsOf('deeds.correct')[0][1]).toEqual({ userId: 'user-li', delta: -3, reason: '重复记分' })
    await waitFor(() => expect(callsOf('deeds.person')).toHaveLength(2))
    expect(await screen.findByText(/更正：重复记分/)).toBeTruthy()
    expect(screen.getByText(`当前积分 ${replies.ledger.reduce((sum, item) => sum + item.delta, 0)}`)).toBeTruthy()
    expect((container.querySelector('.correction-reason textarea') as HTMLTextAreaElement).value).toBe('')
  })

  test('checks sign, amount and reason first; a cancelled confirmation sends nothing', async () => {
    serve(correctionReplies())
    taro.showModal.mockResolvedValue({ confirm: false, cancel: true })
    const { container } = inStore(<CorrectPage />)
    await openPerson(container)
    await click(screen.getByText('记一条更正'))
    expect(screen.getByText('请选择加分还是扣分')).toBeTruthy()
    expect(screen.getByText('请填写分值')).toBeTruthy()
    expect(screen.getByText('原因至少 2 个字')).toBeTruthy()
    expect(taro.showModal).not.toHaveBeenCalled()

    await fillCorrection(container, '加分（+）', '0', '补记')
    await click(screen.getByText('记一条更正'))
    expect(screen.getByText('分值不能为 0')).toBeTruthy()

    await typeInto(container, '.correction-amount', '2')
    await click(screen.getByText('记一条更正'))
    expect(taro.showModal).toHaveBeenCalledTimes(1)
    expect(callsOf('deeds.correct')).toHaveLength(0)
  })

  test("the server's refusal (own household) is shown as it is and the form is kept", async () => {
    serve({ ...correctionReplies(), 'deeds.correct': () => ({ ok: false, code: 'FORBIDDEN', message: '不能更正自己或本家庭的积分，请由其他管理员办理' }) })
    taro.showModal.mockResolvedValue({ confirm: true, cancel: false })
    const { container } = inStore(<CorrectPage />)
    await openPerson(container)
    await fillCorrection(container, '加分（+）', '4', '漏记一次')
    await click(screen.getByText('记一条更正'))
    expect(await screen.findByText('不能更正自己或本家庭的积分，请由其他管理员办理')).toBeTruthy()
    expect((container.querySelector('.correction-reason textarea') as HTMLTextAreaElement).value).toBe('漏记一次')
    expect(callsOf('deeds.person')).toHaveLength(1)
  })

  test('above the approval threshold: nothing is recorded yet, the form says so and the request waits in 待审批', async () => {
    const replies = correctionReplies()
    serve(replies)
    taro.showModal.mockResolvedValue({ confirm: true, cancel: false })
    const { container } = inStore(<CorrectPage />)
    expect(await screen.findByText('没有待审批的积分更正')).toBeTruthy()
    expect(callsOf('deeds.pendingCorrections')[0][1]).toMatchObject({ villageId: 'v-dongshan' })
    await openPerson(container)
    await fillCorrection(container, '加分（+）', '80', '补记全年志愿服务积分')
    await click(screen.getByText('记一条更正'))
    expect(await screen.findByText('80 分超过 50 分的审批线，已提交审批：由另一位管理员（或镇创建办）批准后才记入积分。')).toBeTruthy()
    expect(replies.ledger).toHaveLength(1)
    expect(screen.getByText('当前积分 5')).toBeTruthy()
    // the list shows it, as the requester's own: not theirs to decide
    const item = await waitFor(() => {
      const found = container.querySelector('.pending-correction') as HTMLElement | null
      if (!found) throw new Error('no pending correction yet')
      return found
    })
    expect(within(item).getByText('+80')).toBeTruthy()
    expect(within(item).getByText(/待其他管理员审批/)).toBeTruthy()
    expect(within(item).queryByText('批准')).toBeNull()
  })

  test('another admin approves one request (confirmed) and rejects another with a reason', async () => {
    const replies = correctionReplies(townAdmin)
    replies.pending.push(request({ id: 'pcr-a', canDecide: true, delta: 80 }), request({ id: 'pcr-b', canDecide: true, delta: -60, reason: '重复记分' }))
    serve(replies)
    taro.showModal.mockResolvedValue({ confirm: true, cancel: false })
    const { container } = inStore(<CorrectPage />)
    const first = await waitFor(() => {
      const found = container.querySelector('[data-request-id="pcr-a"]') as HTMLElement | null
      if (!found) throw new Error('no request yet')
      return found
    })
    await click(within(first).getByText('批准'))
    expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '给李建国加 80 分，原因：补记全年志愿服务积分。批准后记为一条新明细。' }))
    await waitFor(() => expect(callsOf('deeds.approveCorrection')).toHaveLength(1))
    expect(callsOf('deeds.approveCorrection')[0][1]).toEqual({ requestId: 'pcr-a', approve: true })
    await waitFor(() => expect(container.querySelector('[data-request-id="pcr-a"]')).toBeNull())

    const second = container.querySelector('[data-request-id="pcr-b"]') as HTMLElement
    await click(within(second).getByText('不批准'))
    await click(within(second).getByText('确认不批准'))
    expect(await within(second).findByText('请填写不批准的理由')).toBeTruthy()
    await typeInto(second, '.pending-correction-note', '已经扣过一次')
    await click(within(second).getByText('确认不批准'))
    await waitFor(() => expect(callsOf('deeds.approveCorrection')).toHaveLength(3))
    expect(callsOf('deeds.approveCorrection')[2][1]).toEqual({ requestId: 'pcr-b', approve: false, note: '已经扣过一次' })
    expect(await screen.findByText('没有待审批的积分更正')).toBeTruthy()
  })

  test('the list failing to load shows the error; 重试 loads it again', async () => {
    let fails = true
    const replies = correctionReplies()
    serve({ ...replies, 'deeds.pendingCorrections': (input) => (fails ? { ok: false, code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' } : replies['deeds.pendingCorrections']!(input)) })
    inStore(<CorrectPage />)
    expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeTruthy()
    fails = false
    await click(screen.getByText('重试'))
    expect(await screen.findByText('没有待审批的积分更正')).toBeTruthy()
  })
})

/* ---------------------------------------------------------------- 我的 → 管理 */

describe('我的 → 管理 entries for the deeds staff pages', () => {
  test('the town office sees 积分规则, 家庭管理 and 积分更正', async () => {
    serve(as(townAdmin))
    inStore(<AdminEntries />)
    expect(await screen.findByText('积分规则')).toBeTruthy()
    expect(screen.getByText('家庭管理')).toBeTruthy()
    fireEvent.click(screen.getByText('积分更正'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: DEED_ROUTES.correct })
    fireEvent.click(screen.getByText('积分规则'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: DEED_ROUTES.rules })
  })

  test('a village admin sees 家庭管理 and 积分更正 but not 积分规则', async () => {
    serve(as(villageAdmin))
    inStore(<AdminEntries />)
    fireEvent.click(await screen.findByText('家庭管理'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: DEED_ROUTES.households })
    expect(screen.getByText('积分更正')).toBeTruthy()
    expect(screen.queryByText('积分规则')).toBeNull()
  })

  test('a grid worker sees none of them', async () => {
    serve(as(profile()))
    inStore(<AdminEntries />)
    expect(await screen.findByText('问题处置')).toBeTruthy()
    expect(screen.queryByText('家庭管理')).toBeNull()
    expect(screen.queryByText('积分更正')).toBeNull()
    expect(screen.queryByText('积分规则')).toBeNull()
  })
})
