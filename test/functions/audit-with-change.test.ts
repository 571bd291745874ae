/**
 * A change and its audit entry are written together or not at all (goods, teams, org, honour,
 * activities, and the settings of reports, volunteers and points): a call that dies writing the entry leaves the database as it was, and the same call
 * made again writes the change and exactly one entry.
 */
import type { ActionName, Result } from '../../src/contract'
import { localCloud } from '../../local-cloud'
import { SUBSCRIBE_TEMPLATE_IDS } from '../../src/contract/subscribe-templates'
import { callAs, dumpAll, freshTown, ok, openidOf, userIdOf } from '../helpers/town'
import { clockAt } from '../helpers/clock'
import { activityInput, publishedActivity, seedTeamId } from '../helpers/volunteers'
import { approvedCandidate, boardInput, createdSelection, draftBoard, publishedBoard, selectionInput } from '../helpers/honour'

const NOW = '2026-11-18T02:00:00Z'
const DIED = '云函数执行超时'

/** Every write to audit_log dies (inside a transaction or not) until restored. */
function auditWritesDie(): () => void {
  const engine = localCloud.engine
  const insertDocs = engine.insertDocs.bind(engine)
  const txInsert = engine.txInsert.bind(engine)
  const spies = [
    jest.spyOn(engine, 'insertDocs').mockImplementation((coll, docs) => {
      if (coll === 'audit_log') throw new Error(DIED)
      return insertDocs(coll, docs)
    }),
    jest.spyOn(engine, 'txInsert').mockImplementation((txId, coll, docs) => {
      if (coll === 'audit_log') throw new Error(DIED)
      return txInsert(txId, coll, docs)
    })
  ]
  return () => spies.forEach((s) => s.mockRestore())
}

const auditCount = (action: string) => localCloud.engine.all('audit_log').filter((e) => e.action === action).length

interface Case {
  /** Prepares what the call acts on; returns the call (made two or three times). */
  given: () => Promise<() => Promise<Result<unknown>>>
  /** The audit action the call writes. */
  action: string
  /** Made a third time (after it succeeded), the call answers ok and writes no second entry. */
  idempotent?: true
}

const call =
  <A extends ActionName>(who: string, action: A, input: unknown) =>
  async () =>
    (await callAs(who, action, input)).res as Result<unknown>

const CASES: Record<string, Case> = {
  'deeds.saveGoods (new)': {
    action: 'save',
    given: async () => call('village-admin-dongshan', 'deeds.saveGoods', { villageId: 'v_dongshan', name: '环保购物袋', price: 20, stock: 30, photo: null, enabled: true })
  },
  'deeds.saveGoods (edit)': {
    action: 'save',
    idempotent: true,
    given: async () => call('village-admin-dongshan', 'deeds.saveGoods', { id: 'gd_ds_soap', villageId: 'v_dongshan', name: '洗衣液', price: 35, stock: 18, photo: null, enabled: true })
  },
  'volunteers.saveTeam (new, with its leader)': {
    action: 'create',
    given: async () => call('village-admin-dongshan', 'volunteers.saveTeam', { villageId: 'v_dongshan', name: '东山村文明劝导队', leaderId: userIdOf('volunteer-1') })
  },
  'volunteers.saveTeam (rename)': {
    action: 'update',
    idempotent: true,
    given: async () => call('village-admin-dongshan', 'volunteers.saveTeam', { id: seedTeamId('ds-env'), villageId: 'v_dongshan', name: '东山村生态环境志愿队', leaderId: userIdOf('volunteer-1') })
  },
  'volunteers.reviewMember': {
    action: 'approve',
    idempotent: true,
    given: async () => {
      await ok('volunteer-2', 'volunteers.joinTeam', { teamId: seedTeamId('ds-env') })
      return call('volunteer-1', 'volunteers.reviewMember', { teamId: seedTeamId('ds-env'), userId: userIdOf('volunteer-2'), approve: true })
    }
  },
  'org.saveVillage (rename)': { action: 'update', idempotent: true, given: async () => call('town-admin', 'org.saveVillage', { id: 'v_nanhu', name: '南湖新村' }) },
  'org.saveGrid (new)': { action: 'create', given: async () => call('village-admin-dongshan', 'org.saveGrid', { villageId: 'v_dongshan', name: '东山三组网格' }) },
  'org.saveUnit (edit)': { action: 'update', idempotent: true, given: async () => call('town-admin', 'org.saveUnit', { id: 'unit_1', name: '镇综合行政执法中队', phone: '13800001111' }) },
  'honour.saveBoard (new)': { action: 'create', given: async () => call('village-admin-dongshan', 'honour.saveBoard', boardInput('v_dongshan')) },
  'honour.saveBoard (edit)': {
    action: 'update',
    given: async () => {
      const id = await draftBoard('village-admin-dongshan', 'v_dongshan')
      return call('village-admin-dongshan', 'honour.saveBoard', { ...boardInput('v_dongshan', { title: '十一月四德榜' }), id })
    }
  },
  'honour.publishBoard': {
    action: 'publish',
    idempotent: true,
    given: async () => call('village-admin-dongshan', 'honour.publishBoard', { boardId: await draftBoard('village-admin-dongshan', 'v_dongshan') })
  },
  'honour.withdrawBoard': {
    action: 'withdraw',
    idempotent: true,
    given: async () => call('village-admin-dongshan', 'honour.withdrawBoard', { boardId: await publishedBoard('village-admin-dongshan', 'v_dongshan'), reason: '上榜人姓名写错了' })
  },
  'honour.saveSelection (edit)': {
    action: 'update',
    given: async () => {
      const id = await createdSelection('village-admin-dongshan', 'v_dongshan')
      return call('village-admin-dongshan', 'honour.saveSelection', { ...selectionInput('v_dongshan', { title: '最美家庭评选（修订）' }), id })
    }
  },
  'honour.reviewCandidate': {
    action: 'approve',
    given: async () => {
      const selectionId = await createdSelection('village-admin-dongshan', 'v_dongshan')
      const c = await ok('resident-2', 'honour.nominate', { selectionId, subject: 'household', name: '王秀兰家', story: '夫妻和睦，孝敬老人，邻里称赞多年' })
      return call('village-admin-dongshan', 'honour.reviewCandidate', { candidateId: c.id, approve: true })
    }
  },
  'honour.closeSelection': {
    action: 'close',
    idempotent: true,
    given: async () => call('village-admin-dongshan', 'honour.closeSelection', { selectionId: await createdSelection('village-admin-dongshan', 'v_dongshan', {}, -1) })
  },
  'honour.publishWinners': {
    action: 'publishWinners',
    idempotent: true,
    given: async () => {
      const selectionId = await createdSelection('village-admin-dongshan', 'v_dongshan', { noticeDays: 1 }, -1)
      await approvedCandidate(selectionId, 'village-admin-dongshan')
      await ok('village-admin-dongshan', 'honour.closeSelection', { selectionId })
      jest.setSystemTime(new Date(Date.now() + 2 * 24 * 3600_000))
      return call('village-admin-dongshan', 'honour.publishWinners', { selectionId, publish: false })
    }
  },
  'volunteers.saveActivity (new)': { action: 'create', given: async () => call('village-admin-dongshan', 'volunteers.saveActivity', activityInput()) },
  'volunteers.saveActivity (edit)': {
    action: 'update',
    idempotent: true,
    given: async () => {
      const id = await publishedActivity()
      return call('village-admin-dongshan', 'volunteers.saveActivity', { ...activityInput({ title: '村道环境整治（改期）' }), id })
    }
  },
  'volunteers.publishActivity': {
    action: 'publish',
    idempotent: true,
    given: async () => call('village-admin-dongshan', 'volunteers.publishActivity', { activityId: (await ok('village-admin-dongshan', 'volunteers.saveActivity', activityInput())).id })
  },
  'volunteers.cancelActivity': {
    action: 'cancel',
    idempotent: true,
    given: async () => call('village-admin-dongshan', 'volunteers.cancelActivity', { activityId: await publishedActivity(), reason: '天气原因，活动取消' })
  },
  'volunteers.saveSettings': {
    action: 'saveSettings',
    given: async () => call('town-admin', 'volunteers.saveSettings', { roundingHours: 0.5, maxDistanceM: 300, rotateSeconds: 30, checkinOpensMinutes: 20 })
  },
  'deeds.saveRules': {
    action: 'save',
    given: async () => call('town-admin', 'deeds.saveRules', { rules: [{ key: 'deed:helping', points: 6, dailyCap: 12, monthlyCap: 60 }] })
  },
  'reports.saveCategories': {
    action: 'saveCategories',
    given: async () =>
      call('town-admin', 'reports.saveCategories', {
        items: [
          { code: 'litter', name: '乱扔垃圾', enabled: true },
          { code: 'other', name: '其他', enabled: true }
        ],
        rev: (await ok('town-admin', 'reports.categories', {})).rev
      })
  },
  'org.saveSafeguards': {
    action: 'saveSafeguards',
    idempotent: true,
    given: async () => call('town-admin', 'org.saveSafeguards', { correctionThreshold: 80, reportsPerDay: 12, declarationsPerDay: 8, nominationsPerDay: 3 })
  },
  'deeds.correct (above the threshold: a request)': {
    action: 'request',
    given: async () => call('village-admin-dongshan', 'deeds.correct', { userId: userIdOf('resident-2'), delta: 60, reason: '补记活动积分' })
  },
  'deeds.approveCorrection (approve: the entry too)': {
    action: 'approve',
    given: async () => {
      const out = await ok('village-admin-dongshan', 'deeds.correct', { userId: userIdOf('resident-2'), delta: 60, reason: '补记活动积分' })
      if (out.status !== 'pending') throw new Error('expected a pending correction')
      return call('town-admin', 'deeds.approveCorrection', { requestId: out.request.id, approve: true })
    }
  },
  'deeds.approveCorrection (reject)': {
    action: 'reject',
    given: async () => {
      const out = await ok('village-admin-dongshan', 'deeds.correct', { userId: userIdOf('resident-2'), delta: 60, reason: '补记活动积分' })
      if (out.status !== 'pending') throw new Error('expected a pending correction')
      return call('town-admin', 'deeds.approveCorrection', { requestId: out.request.id, approve: false, note: '没有签到记录' })
    }
  },
  'reports.setCalendarDay (a correction)': {
    action: 'setCalendarDay',
    given: async () => call('town-admin', 'reports.setCalendarDay', { date: '2027-01-04', kind: 'holiday', name: '元旦调休' })
  },
  'reports.setCalendarDay (back to the package)': {
    action: 'setCalendarDay',
    given: async () => {
      await ok('town-admin', 'reports.setCalendarDay', { date: '2027-01-04', kind: 'holiday', name: '元旦调休' })
      return call('town-admin', 'reports.setCalendarDay', { date: '2027-01-04', kind: 'auto' })
    }
  }
}

describe('an audit entry is written with its change, in one transaction', () => {
  beforeEach(async () => {
    clockAt(NOW)
    await freshTown()
    jest.spyOn(console, 'error').mockImplementation(() => undefined)
  })
  afterEach(() => {
    jest.restoreAllMocks()
    jest.useRealTimers()
  })

  test.each(Object.keys(CASES))('%s: dies writing the entry → nothing written; made again → the change and one entry', async (name) => {
    const { given, action, idempotent } = CASES[name]
    const made = await given()
    const audits = auditCount(action)
    const before = dumpAll()
    const restore = auditWritesDie()
    expect(await made()).toMatchObject({ ok: false, code: 'INTERNAL' })
    restore()
    expect(dumpAll()).toEqual(before)
    expect(await made()).toMatchObject({ ok: true })
    expect(auditCount(action)).toBe(audits + 1)
    if (!idempotent) return
    expect(await made()).toMatchObject({ ok: true })
    expect(auditCount(action)).toBe(audits + 1)
  })

  test('a team application decided again after the first decision died: decided, audited and told once', async () => {
    const made = await CASES['volunteers.reviewMember'].given()
    localCloud.clearOutbox()
    const approvals = auditCount('approve')
    const restore = auditWritesDie()
    expect(await made()).toMatchObject({ ok: false, code: 'INTERNAL' })
    restore()
    expect(localCloud.getOutbox()).toEqual([])
    expect(await made()).toMatchObject({ ok: true })
    expect(await made()).toMatchObject({ ok: true })
    expect(localCloud.getOutbox().map((m) => [m.templateId, m.touser])).toEqual([[SUBSCRIBE_TEMPLATE_IDS.teamDecision, openidOf('volunteer-2')]])
    expect(auditCount('approve')).toBe(approvals + 1)
  })
})
