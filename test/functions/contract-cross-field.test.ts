/**
 * Rules across fields of one input live in the action's schema, on the field they are about: the
 * router refuses with that field's message (nothing written, whoever calls), and the page's
 * validateInput shows the very same message on the same field before any round trip.
 */
import type { ActionName } from '../../src/contract'
import { validateInput } from '../../src/services/validate'
import { callAs, dumpAll, freshTown } from '../helpers/town'
import { clockAt } from '../helpers/reports'
import { activityInput } from '../helpers/volunteers'
import { selectionInput } from '../helpers/honour'

beforeEach(async () => {
  await freshTown()
  clockAt('2026-11-02T02:00:00Z')
})
afterEach(() => jest.useRealTimers())

const cases: Array<[string, string, ActionName, Record<string, unknown>, string, string]> = [
  ['a failed verification needs a reason', 'grid-dongshan-1', 'reports.verify', { reportId: 'r_any', pass: false }, 'reason', '请填写不通过的理由'],
  ['a report is not a duplicate of itself', 'grid-dongshan-1', 'reports.markDuplicate', { reportId: 'r_same', originalId: 'r_same' }, 'originalId', '不能标记为与自身重复'],
  ['the ledger from after to', 'village-admin-dongshan', 'reports.ledger', { from: '2026-11-02', to: '2026-11-01' }, 'from', '开始日期不能晚于结束日期'],
  ['the export from after to', 'village-admin-dongshan', 'reports.exportLedger', { from: '2026-11-02', to: '2026-11-01' }, 'from', '开始日期不能晚于结束日期'],
  ['no enabled category', 'town-admin', 'reports.saveCategories', { items: [{ code: 'litter', name: '乱扔垃圾', enabled: false }], rev: 0 }, 'items', '至少启用一个类别'],
  [
    'two categories with one code',
    'town-admin',
    'reports.saveCategories',
    {
      items: [
        { code: 'litter', name: '乱扔垃圾', enabled: true },
        { code: 'litter', name: '其他', enabled: true }
      ],
      rev: 0
    },
    'items',
    '类别代码不能重复'
  ],
  [
    'an activity ending before it starts',
    'village-admin-dongshan',
    'volunteers.saveActivity',
    activityInput({ startAt: '2026-11-05T02:00:00.000Z', endAt: '2026-11-05T02:00:00.000Z' }),
    'endAt',
    '结束时间应晚于开始时间'
  ],
  [
    'sign-up closing after the start',
    'village-admin-dongshan',
    'volunteers.saveActivity',
    activityInput({ startAt: '2026-11-05T02:00:00.000Z', endAt: '2026-11-05T05:00:00.000Z', signupDeadline: '2026-11-05T02:00:01.000Z' }),
    'signupDeadline',
    '报名截止时间不能晚于活动开始时间'
  ],
  ['browsing activities to before from', 'resident-1', 'volunteers.activities', { from: '2026-11-02T16:00:00.000Z', to: '2026-11-02T16:00:00.000Z' }, 'from', '开始日期应早于结束日期'],
  [
    'a daily cap above the monthly one',
    'town-admin',
    'deeds.saveRules',
    { rules: [{ key: 'volunteer_hours', points: 2, dailyCap: 30, monthlyCap: 20 }] },
    'rules.0.monthlyCap',
    '每月上限不能小于每日上限'
  ],
  ['a refused correction needs a reason', 'village-admin-dongshan', 'deeds.approveCorrection', { requestId: 'pc_any', approve: false }, 'note', '请填写不批准的理由'],
  ['a rejected nomination needs a reason', 'village-admin-dongshan', 'honour.reviewCandidate', { candidateId: 'cand_any', approve: false }, 'reason', '请填写不通过的理由'],
  ['more votes a day than in all', 'village-admin-dongshan', 'honour.saveSelection', selectionInput('v_dongshan', { votesPerDay: 5, votesTotal: 2 }), 'votesPerDay', '每天票数不能多于总票数'],
  [
    'nominations closing before they open',
    'village-admin-dongshan',
    'honour.saveSelection',
    selectionInput('v_dongshan', { nominateFrom: '2026-11-03T00:00:00Z', nominateTo: '2026-11-02T23:00:00Z' }),
    'nominateTo',
    '提名截止时间应晚于开始时间'
  ],
  ['a village admin without the village', 'town-admin', 'users.assignRole', { userId: 'u_any', role: 'village_admin' }, 'villageId', '请选择村（居）'],
  ['a grid worker without the grid', 'town-admin', 'users.assignRole', { userId: 'u_any', role: 'grid_worker', villageId: 'v_dongshan' }, 'gridId', '请选择网格'],
  ['unit staff without the unit', 'town-admin', 'users.assignRole', { userId: 'u_any', role: 'unit_staff' }, 'unitId', '请选择责任单位']
]

describe('cross-field rules: one message, on its field, at the router and in the form', () => {
  test.each(cases)('%s', async (_name, who, action, input, field, message) => {
    const before = dumpAll()
    const { res } = await callAs(who, action, input)
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT', message })
    if (!res.ok) expect(res.fields?.[field]).toBe(message)
    expect(dumpAll()).toEqual(before)
    const form = validateInput(action, input)
    expect(form).toMatchObject({ message })
    expect(form?.fields?.[field]).toBe(message)
  })

  test('the same inputs with the other field filled in are not refused by the schema', () => {
    expect(validateInput('reports.verify', { reportId: 'r_any', pass: false, reason: '垃圾桶仍未补齐' })).toBeNull()
    expect(validateInput('reports.verify', { reportId: 'r_any', pass: true })).toBeNull()
    expect(validateInput('reports.markDuplicate', { reportId: 'r_one', originalId: 'r_two' })).toBeNull()
    expect(validateInput('reports.ledger', { from: '2026-11-01', to: '2026-11-01' })).toBeNull()
    expect(validateInput('volunteers.activities', { from: '2026-11-01T16:00:00.000Z', to: '2026-11-02T16:00:00.000Z' })).toBeNull()
    expect(validateInput('volunteers.saveActivity', activityInput({ startAt: '2026-11-05T02:00:00.000Z', endAt: '2026-11-05T05:00:00.000Z', signupDeadline: '2026-11-05T02:00:00.000Z' }))).toBeNull()
    expect(validateInput('deeds.saveRules', { rules: [{ key: 'volunteer_hours', points: 2, dailyCap: 20, monthlyCap: 20 }] })).toBeNull()
    expect(validateInput('users.assignRole', { userId: 'u_any', role: 'town_admin' })).toBeNull()
    expect(validateInput('users.assignRole', { userId: 'u_any', role: 'grid_worker', gridId: 'g_any' })).toBeNull()
  })

  test('a time that is not one gets its own message, not the order’s', () => {
    const invalid = validateInput('volunteers.saveActivity', activityInput({ startAt: 'not a time' }))
    expect(invalid?.fields?.startAt).toMatch(/开始时间/)
    expect(invalid?.fields?.endAt).toBeUndefined()
    expect(invalid?.fields?.signupDeadline).toBeUndefined()
  })
})
