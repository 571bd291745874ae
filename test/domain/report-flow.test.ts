import { FLOW_ACTIONS, REPORT_STATUSES, type FlowAction, type ReportStatus, type Role, type RoleGrant } from '@/contract'
import { MAX_REOPENS, REOPEN_WINDOW_DAYS, allowedActions, decide, isOpen, type FlowActor, type FlowReport } from '@/domain/report-flow'

const NOW = new Date('2026-11-20T02:00:00Z')
const DAY = 24 * 60 * 60 * 1000

const grant = (role: RoleGrant['role'], place: Partial<RoleGrant> = {}): RoleGrant => ({ role, ...place, grantedAt: '2026-01-01T00:00:00Z', grantedBy: 'town-1' })

/** The report under test: village v1, grid g1, filed by `reporter`; unit u1 once dispatched. */
const ACTORS = {
  reporter: { userId: 'reporter', grants: [] },
  otherResident: { userId: 'resident-2', grants: [] },
  gridWorker: { userId: 'gw-1', grants: [grant('grid_worker', { villageId: 'v1', gridId: 'g1' })] },
  otherGridWorker: { userId: 'gw-2', grants: [grant('grid_worker', { villageId: 'v1', gridId: 'g2' })] },
  villageAdmin: { userId: 'va-1', grants: [grant('village_admin', { villageId: 'v1' })] },
  otherVillageAdmin: { userId: 'va-2', grants: [grant('village_admin', { villageId: 'v2' })] },
  unitStaff: { userId: 'us-1', grants: [grant('unit_staff', { unitId: 'u1' })] },
  otherUnitStaff: { userId: 'us-2', grants: [grant('unit_staff', { unitId: 'u2' })] },
  townAdmin: { userId: 'ta-1', grants: [grant('town_admin')] }
} satisfies Record<string, FlowActor>
type ActorKind = keyof typeof ACTORS

/** Statuses in which the report has a unit (it has been dispatched at some point). */
const WITH_UNIT: ReportStatus[] = ['dispatched', 'signed', 'answered', 'returned', 'rectified', 'closed']

function report(status: ReportStatus, extra: Partial<FlowReport> = {}): FlowReport {
  return {
    status,
    villageId: 'v1',
    gridId: 'g1',
    unitId: WITH_UNIT.includes(status) ? 'u1' : null,
    reporterId: 'reporter',
    closedAt: status === 'closed' ? new Date(NOW.getTime() - 5 * DAY) : null,
    reopenCount: 0,
    rating: null,
    ...extra
  }
}

/*
 * Expected outcome of every action × actor × status. One letter per status, in this order:
 *   submitted accepted rejected duplicate dispatched signed answered returned rectified closed
 * Y = allowed, F = FORBIDDEN, C = CONFLICT. Written by hand from the rules, not from the code.
 * Strangers (other resident, admin of another village, staff of another unit, and unit staff
 * before the report reaches their unit) get F everywhere; involved people get C in a wrong state.
 */
const ALL_F = 'FFFFFFFFFF'
const STRANGERS = { otherResident: ALL_F, otherVillageAdmin: ALL_F, otherUnitStaff: ALL_F }
const NOBODY: Record<ActorKind, string> = {
  reporter: ALL_F,
  gridWorker: ALL_F,
  otherGridWorker: ALL_F,
  villageAdmin: ALL_F,
  unitStaff: ALL_F,
  townAdmin: ALL_F,
  ...STRANGERS
}

const EXPECTED: Record<FlowAction, Record<ActorKind, string>> = {
  submit: NOBODY,
  remind: NOBODY,
  recur: NOBODY,
  accept: {
    reporter: /*         */ 'FCCCCCCCCC',
    gridWorker: /*       */ 'YCCCCCCCCC',
    otherGridWorker: /*  */ 'FCCCCCCCCC',
    villageAdmin: /*     */ 'YCCCCCCCCC',
    unitStaff: /*        */ 'FFFFCCCCCC',
    townAdmin: /*        */ 'YCCCCCCCCC',
    ...STRANGERS
  },
  reject: {
    reporter: /*         */ 'FCCCCCCCCC',
    gridWorker: /*       */ 'YCCCCCCCCC',
    otherGridWorker: /*  */ 'FCCCCCCCCC',
    villageAdmin: /*     */ 'YCCCCCCCCC',
    unitStaff: /*        */ 'FFFFCCCCCC',
    townAdmin: /*        */ 'YCCCCCCCCC',
    ...STRANGERS
  },
  markDuplicate: {
    reporter: /*         */ 'FFCCCCCCCC',
    gridWorker: /*       */ 'YYCCCCCCCC',
    otherGridWorker: /*  */ 'FFCCCCCCCC',
    villageAdmin: /*     */ 'YYCCCCCCCC',
    unitStaff: /*        */ 'FFFFCCCCCC',
    townAdmin: /*        */ 'YYCCCCCCCC',
    ...STRANGERS
  },
  changeCategory: {
    reporter: /*         */ 'FFCCCCCFCC',
    gridWorker: /*       */ 'YYCCCCCYCC',
    otherGridWorker: /*  */ 'FFCCCCCFCC',
    villageAdmin: /*     */ 'YYCCCCCYCC',
    unitStaff: /*        */ 'FFFFCCCFCC',
    townAdmin: /*        */ 'YYCCCCCYCC',
    ...STRANGERS
  },
  dispatch: {
    reporter: /*         */ 'CFCCCCCFCC',
    gridWorker: /*       */ 'CFCCCCCFCC',
    otherGridWorker: /*  */ 'CFCCCCCFCC',
    villageAdmin: /*     */ 'CYCCCCCYCC',
    unitStaff: /*        */ 'FFFFCCCFCC',
    townAdmin: /*        */ 'CYCCCCCYCC',
    ...STRANGERS
  },
  sign: {
    reporter: /*         */ 'CCCCFCCCCC',
    gridWorker: /*       */ 'CCCCFCCCCC',
    otherGridWorker: /*  */ 'CCCCFCCCCC',
    villageAdmin: /*     */ 'CCCCFCCCCC',
    unitStaff: /*        */ 'FFFFYCCCCC',
    townAdmin: /*        */ 'CCCCFCCCCC',
    ...STRANGERS
  },
  answer: {
    reporter: /*         */ 'CCCCCFCCCC',
    gridWorker: /*       */ 'CCCCCFCCCC',
    otherGridWorker: /*  */ 'CCCCCFCCCC',
    villageAdmin: /*     */ 'CCCCCFCCCC',
    unitStaff: /*        */ 'FFFFCYCCCC',
    townAdmin: /*        */ 'CCCCCFCCCC',
    ...STRANGERS
  },
  return: {
    reporter: /*         */ 'CCCCFFCCCC',
    gridWorker: /*       */ 'CCCCFFCCCC',
    otherGridWorker: /*  */ 'CCCCFFCCCC',
    villageAdmin: /*     */ 'CCCCFFCCCC',
    unitStaff: /*        */ 'FFFFYYCCCC',
    townAdmin: /*        */ 'CCCCFFCCCC',
    ...STRANGERS
  },
  rectify: {
    reporter: /*         */ 'CCCCCCFCCC',
    gridWorker: /*       */ 'CCCCCCFCCC',
    otherGridWorker: /*  */ 'CCCCCCFCCC',
    villageAdmin: /*     */ 'CCCCCCFCCC',
    unitStaff: /*        */ 'FFFFCCYCCC',
    townAdmin: /*        */ 'CCCCCCFCCC',
    ...STRANGERS
  },
  verifyPass: {
    reporter: /*         */ 'CCCCCCCCFC',
    gridWorker: /*       */ 'CCCCCCCCYC',
    otherGridWorker: /*  */ 'CCCCCCCCFC',
    villageAdmin: /*     */ 'CCCCCCCCYC',
    unitStaff: /*        */ 'FFFFCCCCFC',
    townAdmin: /*        */ 'CCCCCCCCYC',
    ...STRANGERS
  },
  verifyFail: {
    reporter: /*         */ 'CCCCCCCCFC',
    gridWorker: /*       */ 'CCCCCCCCYC',
    otherGridWorker: /*  */ 'CCCCCCCCFC',
    villageAdmin: /*     */ 'CCCCCCCCYC',
    unitStaff: /*        */ 'FFFFCCCCFC',
    townAdmin: /*        */ 'CCCCCCCCYC',
    ...STRANGERS
  },
  // 镇创建办 only, on an accepted problem still open; resume only a suspended one (none is here: see below)
  suspend: {
    reporter: /*         */ 'CFCCFFFFFC',
    gridWorker: /*       */ 'CFCCFFFFFC',
    otherGridWorker: /*  */ 'CFCCFFFFFC',
    villageAdmin: /*     */ 'CFCCFFFFFC',
    unitStaff: /*        */ 'FFFFFFFFFC',
    townAdmin: /*        */ 'CYCCYYYYYC',
    ...STRANGERS
  },
  resume: {
    reporter: /*         */ 'CFCCFFFFFC',
    gridWorker: /*       */ 'CFCCFFFFFC',
    otherGridWorker: /*  */ 'CFCCFFFFFC',
    villageAdmin: /*     */ 'CFCCFFFFFC',
    unitStaff: /*        */ 'FFFFFFFFFC',
    townAdmin: /*        */ 'CCCCCCCCCC',
    ...STRANGERS
  },
  rate: {
    reporter: /*         */ 'CCCCCCCCCY',
    gridWorker: /*       */ 'CCCCCCCCCF',
    otherGridWorker: /*  */ 'CCCCCCCCCF',
    villageAdmin: /*     */ 'CCCCCCCCCF',
    unitStaff: /*        */ 'FFFFCCCCCF',
    townAdmin: /*        */ 'CCCCCCCCCF',
    ...STRANGERS
  },
  reopen: {
    reporter: /*         */ 'CCCCCCCCCY',
    gridWorker: /*       */ 'CCCCCCCCCF',
    otherGridWorker: /*  */ 'CCCCCCCCCF',
    villageAdmin: /*     */ 'CCCCCCCCCF',
    unitStaff: /*        */ 'FFFFCCCCCF',
    townAdmin: /*        */ 'CCCCCCCCCF',
    ...STRANGERS
  }
}

/** Where an allowed step leads (null = the status stays as it is). */
const TARGET: Record<FlowAction, ReportStatus | null> = {
  submit: null,
  remind: null,
  recur: null,
  accept: 'accepted',
  reject: 'rejected',
  markDuplicate: 'duplicate',
  changeCategory: null,
  dispatch: 'dispatched',
  sign: 'signed',
  answer: 'answered',
  return: 'returned',
  rectify: 'rectified',
  verifyPass: 'closed',
  verifyFail: 'answered',
  suspend: null,
  resume: null,
  rate: null,
  reopen: 'accepted'
}

/** The role each actor acts in when allowed. */
const ACTS_AS: Record<ActorKind, Role | null> = {
  reporter: 'resident',
  otherResident: null,
  gridWorker: 'grid_worker',
  otherGridWorker: null,
  villageAdmin: 'village_admin',
  otherVillageAdmin: null,
  unitStaff: 'unit_staff',
  otherUnitStaff: null,
  townAdmin: 'town_admin'
}

const STATUS_ORDER: ReportStatus[] = ['submitted', 'accepted', 'rejected', 'duplicate', 'dispatched', 'signed', 'answered', 'returned', 'rectified', 'closed']

describe('report flow: every status × action × actor', () => {
  test('the table covers every status and action of the contract', () => {
    expect([...STATUS_ORDER].sort()).toEqual([...REPORT_STATUSES].sort())
    expect(Object.keys(EXPECTED).sort()).toEqual([...FLOW_ACTIONS].sort())
    for (const action of FLOW_ACTIONS) {
      expect(Object.keys(EXPECTED[action]).sort()).toEqual(Object.keys(ACTORS).sort())
      for (const row of Object.values(EXPECTED[action])) expect(row).toMatch(/^[YFC]{10}$/)
    }
  })

  const cases: Array<[FlowAction, ActorKind, ReportStatus, string]> = []
  for (const action of FLOW_ACTIONS) {
    for (const kind of Object.keys(ACTORS) as ActorKind[]) {
      STATUS_ORDER.forEach((status, i) => cases.push([action, kind, status, EXPECTED[action][kind][i]]))
    }
  }

  test.each(cases)('%s by %s on %s → %s', (action, kind, status, expected) => {
    const r = report(status)
    const d = decide(r, action, ACTORS[kind], NOW)
    if (expected === 'Y') {
      expect(d).toEqual({ ok: true, to: TARGET[action] ?? status, as: ACTS_AS[kind] })
    } else {
      expect(d).toMatchObject({ ok: false, code: expected === 'F' ? 'FORBIDDEN' : 'CONFLICT' })
      if (!d.ok) expect(d.message).toMatch(/[\u4e00-\u9fa5]/)
    }
    expect(allowedActions(r, ACTORS[kind], NOW).includes(action)).toBe(expected === 'Y')
  })
})

describe('report flow: messages', () => {
  test('a wrong state names the state and the step', () => {
    expect(decide(report('closed'), 'sign', ACTORS.unitStaff, NOW)).toEqual({ ok: false, code: 'CONFLICT', message: '该问题当前为「已销号」，不能签收' })
    expect(decide(report('submitted'), 'dispatch', ACTORS.townAdmin, NOW)).toEqual({ ok: false, code: 'CONFLICT', message: '该问题当前为「待受理」，不能派单' })
  })

  test('a stranger gets the same answer whatever the state, so learns nothing about it', () => {
    for (const kind of ['otherResident', 'otherVillageAdmin', 'otherUnitStaff'] as const) {
      for (const action of FLOW_ACTIONS) {
        const answers = new Set(STATUS_ORDER.map((s) => JSON.stringify(decide(report(s), action, ACTORS[kind], NOW))))
        expect(answers.size).toBe(1)
        expect(JSON.stringify(decide(report('closed'), action, ACTORS[kind], NOW))).not.toContain('已销号')
      }
    }
  })

  test('submit and remind are never a person’s step', () => {
    expect(decide(report('submitted'), 'submit', ACTORS.townAdmin, NOW)).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '新问题请通过随手拍提交' })
    expect(decide(report('dispatched'), 'remind', ACTORS.townAdmin, NOW)).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '工作提示函由系统按时限自动发出' })
  })
})

describe('report flow: the role acted in', () => {
  const both = (...grants: RoleGrant[]): FlowActor => ({ userId: 'multi', grants })

  test('the most specific role that qualifies', () => {
    const gwAndVa = both(grant('village_admin', { villageId: 'v1' }), grant('grid_worker', { villageId: 'v1', gridId: 'g1' }), grant('town_admin'))
    expect(decide(report('submitted'), 'accept', gwAndVa, NOW)).toMatchObject({ ok: true, as: 'grid_worker' })
    expect(decide(report('accepted'), 'dispatch', gwAndVa, NOW)).toMatchObject({ ok: true, as: 'village_admin' })
    const vaElsewhereAndTown = both(grant('village_admin', { villageId: 'v2' }), grant('town_admin'))
    expect(decide(report('accepted'), 'dispatch', vaElsewhereAndTown, NOW)).toMatchObject({ ok: true, as: 'town_admin' })
  })

  test('a staff member who filed the report rates and reopens it as a resident', () => {
    const gwReporter: FlowActor = { userId: 'reporter', grants: [grant('grid_worker', { villageId: 'v1', gridId: 'g1' })] }
    expect(decide(report('closed'), 'rate', gwReporter, NOW)).toEqual({ ok: true, to: 'closed', as: 'resident' })
    expect(decide(report('closed'), 'reopen', gwReporter, NOW)).toEqual({ ok: true, to: 'accepted', as: 'resident' })
  })

  test('a report without a grid has no grid worker; its village admin still responds', () => {
    const r = report('submitted', { gridId: null })
    expect(decide(r, 'accept', ACTORS.gridWorker, NOW)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(decide(r, 'accept', ACTORS.villageAdmin, NOW)).toMatchObject({ ok: true, as: 'village_admin' })
  })

  test('a report with no known reporter cannot be rated or reopened by anyone', () => {
    const r = report('closed', { reporterId: null })
    for (const kind of Object.keys(ACTORS) as ActorKind[]) expect(allowedActions(r, ACTORS[kind], NOW)).toEqual([])
  })
})

describe('report flow: allowed actions', () => {
  test('in FLOW_ACTIONS order', () => {
    expect(allowedActions(report('submitted'), ACTORS.gridWorker, NOW)).toEqual(['accept', 'reject', 'markDuplicate', 'changeCategory'])
    expect(allowedActions(report('returned'), ACTORS.villageAdmin, NOW)).toEqual(['changeCategory', 'dispatch'])
    expect(allowedActions(report('dispatched'), ACTORS.unitStaff, NOW)).toEqual(['sign', 'return'])
    expect(allowedActions(report('rectified'), ACTORS.townAdmin, NOW)).toEqual(['verifyPass', 'verifyFail', 'suspend'])
    expect(allowedActions(report('rectified'), ACTORS.villageAdmin, NOW)).toEqual(['verifyPass', 'verifyFail'])
    expect(allowedActions(report('closed'), ACTORS.reporter, NOW)).toEqual(['reopen', 'rate'])
    expect(allowedActions(report('rejected'), ACTORS.townAdmin, NOW)).toEqual([])
  })
})

describe('report flow: 挂起 and 恢复办理', () => {
  const SUSPENDABLE: ReportStatus[] = ['accepted', 'dispatched', 'signed', 'answered', 'returned', 'rectified']

  test('a suspended problem waits: every step of the loop is refused until the town office resumes it', () => {
    for (const status of SUSPENDABLE) {
      const r = report(status, { suspended: true })
      for (const kind of ['gridWorker', 'villageAdmin', 'unitStaff', 'townAdmin'] as const) {
        expect(allowedActions(r, ACTORS[kind], NOW)).toEqual(kind === 'townAdmin' ? ['resume'] : [])
      }
      expect(decide(r, 'resume', ACTORS.townAdmin, NOW)).toEqual({ ok: true, to: status, as: 'town_admin' })
      expect(decide(r, 'suspend', ACTORS.townAdmin, NOW)).toEqual({ ok: false, code: 'CONFLICT', message: '该问题已挂起，不能重复挂起' })
    }
    expect(decide(report('dispatched', { suspended: true }), 'sign', ACTORS.unitStaff, NOW)).toEqual({ ok: false, code: 'CONFLICT', message: '该问题已挂起（暂缓办理），恢复办理后才能签收' })
    expect(decide(report('accepted', { suspended: true }), 'dispatch', ACTORS.villageAdmin, NOW)).toMatchObject({ ok: false, code: 'CONFLICT' })
  })

  test('only the town office suspends and resumes; others learn no more than before', () => {
    const r = report('signed', { suspended: true })
    expect(decide(r, 'resume', ACTORS.villageAdmin, NOW)).toEqual({ ok: false, code: 'FORBIDDEN', message: '只有镇创建办可以恢复办理' })
    expect(decide(report('signed'), 'suspend', ACTORS.unitStaff, NOW)).toEqual({ ok: false, code: 'FORBIDDEN', message: '只有镇创建办可以挂起' })
    expect(decide(r, 'resume', ACTORS.otherVillageAdmin, NOW)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(decide(report('signed'), 'resume', ACTORS.townAdmin, NOW)).toEqual({ ok: false, code: 'CONFLICT', message: '该问题没有挂起，不需要恢复办理' })
  })

  test('not before 受理 and not once it is finished', () => {
    for (const status of ['submitted', 'rejected', 'duplicate', 'closed'] as const) {
      expect(decide(report(status), 'suspend', ACTORS.townAdmin, NOW)).toMatchObject({ ok: false, code: 'CONFLICT' })
    }
  })
})

describe('report flow: reopen window and count', () => {
  const closedAgo = (ms: number, extra: Partial<FlowReport> = {}) => report('closed', { closedAt: new Date(NOW.getTime() - ms), ...extra })

  test(`within ${REOPEN_WINDOW_DAYS} days of closing, to the millisecond`, () => {
    expect(REOPEN_WINDOW_DAYS).toBe(30)
    expect(decide(closedAgo(0), 'reopen', ACTORS.reporter, NOW)).toMatchObject({ ok: true, to: 'accepted' })
    expect(decide(closedAgo(30 * DAY), 'reopen', ACTORS.reporter, NOW)).toMatchObject({ ok: true })
    const late = decide(closedAgo(30 * DAY + 1), 'reopen', ACTORS.reporter, NOW)
    expect(late).toEqual({ ok: false, code: 'CONFLICT', message: '销号已超过 30 天，不能再申请重新处理' })
    expect(allowedActions(closedAgo(30 * DAY + 1), ACTORS.reporter, NOW)).toEqual(['rate'])
  })

  test('closedAt as an ISO string (as stored) works the same', () => {
    const at = (ms: number) => new Date(NOW.getTime() - ms).toISOString()
    expect(decide(report('closed', { closedAt: at(30 * DAY) }), 'reopen', ACTORS.reporter, NOW)).toMatchObject({ ok: true })
    expect(decide(report('closed', { closedAt: at(31 * DAY) }), 'reopen', ACTORS.reporter, NOW)).toMatchObject({ ok: false, code: 'CONFLICT' })
  })

  test('a closed report without a closing time cannot be reopened', () => {
    expect(decide(report('closed', { closedAt: null }), 'reopen', ACTORS.reporter, NOW)).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(decide(report('closed', { closedAt: 'not a date' }), 'reopen', ACTORS.reporter, NOW)).toMatchObject({ ok: false, code: 'CONFLICT' })
  })

  test(`at most ${MAX_REOPENS} reopens`, () => {
    expect(MAX_REOPENS).toBe(2)
    expect(decide(closedAgo(DAY, { reopenCount: 1 }), 'reopen', ACTORS.reporter, NOW)).toMatchObject({ ok: true })
    expect(decide(closedAgo(DAY, { reopenCount: 2 }), 'reopen', ACTORS.reporter, NOW)).toEqual({ ok: false, code: 'CONFLICT', message: '该问题已重新处理 2 次，不能再申请' })
    expect(decide(closedAgo(DAY, { reopenCount: 3 }), 'reopen', ACTORS.reporter, NOW)).toMatchObject({ ok: false, code: 'CONFLICT' })
  })

  test('only the reporter, whatever the window says', () => {
    expect(decide(closedAgo(DAY), 'reopen', ACTORS.townAdmin, NOW)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(decide(closedAgo(40 * DAY), 'reopen', ACTORS.townAdmin, NOW)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })
})

describe('report flow: rate once', () => {
  test('the reporter rates a closed report once; the status stays closed', () => {
    expect(decide(report('closed'), 'rate', ACTORS.reporter, NOW)).toEqual({ ok: true, to: 'closed', as: 'resident' })
    const rated = report('closed', { rating: { value: 'satisfied' } })
    expect(decide(rated, 'rate', ACTORS.reporter, NOW)).toEqual({ ok: false, code: 'CONFLICT', message: '您已评价过该问题，每个问题只能评价一次' })
    expect(allowedActions(rated, ACTORS.reporter, NOW)).toEqual(['reopen'])
  })

  test('rating does not depend on the reopen window', () => {
    expect(decide(report('closed', { closedAt: new Date(NOW.getTime() - 365 * DAY) }), 'rate', ACTORS.reporter, NOW)).toMatchObject({ ok: true })
  })

  test('others still get FORBIDDEN on a rated report', () => {
    const rated = report('closed', { rating: { value: 'satisfied' } })
    expect(decide(rated, 'rate', ACTORS.townAdmin, NOW)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(decide(rated, 'rate', ACTORS.otherResident, NOW)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })
})

describe('isOpen', () => {
  const OPEN: Record<ReportStatus, boolean> = {
    submitted: true,
    accepted: true,
    rejected: false,
    duplicate: false,
    dispatched: true,
    signed: true,
    answered: true,
    returned: true,
    rectified: true,
    closed: false
  }
  test.each(Object.entries(OPEN) as Array<[ReportStatus, boolean]>)('%s → %s', (status, open) => {
    expect(isOpen(status)).toBe(open)
  })
})
