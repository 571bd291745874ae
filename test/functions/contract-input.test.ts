/**
 * What the contract refuses at the router, whatever the handler would do: days and instants that
 * are not on the calendar, input that is not an object, control characters in text; and every
 * refusal a person can read is Chinese.
 */
import { hasControlChars, isCalendarDate, isInstant, type ActionName } from '../../src/contract'
import { validateInput } from '../../src/services/validate'
import { seedReportId } from '../../local-server/seed-reports'
import { callAs, dumpAll, freshTown, userIdOf } from '../helpers/town'
import { chinaDay, draft } from '../helpers/reports'
import { activityInput } from '../helpers/volunteers'
import { selectionInput } from '../helpers/honour'
import { deedInput } from '../helpers/deeds'

const CJK = /[\u4e00-\u9fff]/
const VALIBOT_ENGLISH = /Invalid|Expected|Received/

/** The call is refused as INVALID_INPUT with a Chinese message (and Chinese field messages), and nothing is written. */
async function expectRefused(who: string, action: ActionName, data: unknown, message?: string | RegExp): Promise<void> {
  const before = dumpAll()
  const { res } = await callAs(who, action, data)
  expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
  if (res.ok) return
  expect(res.message).toMatch(CJK)
  expect(res.message).not.toMatch(VALIBOT_ENGLISH)
  for (const text of Object.values(res.fields ?? {})) expect(text).toMatch(CJK)
  if (message !== undefined) expect(res.message).toMatch(message)
  expect(dumpAll()).toEqual(before)
}

describe('calendar days and instants', () => {
  test.each([
    ['2028-02-29', true],
    ['2026-12-31', true],
    ['2000-02-29', true],
    ['2027-02-30', false],
    ['2026-02-29', false],
    ['1900-02-29', false],
    ['2027-13-01', false],
    ['2027-00-10', false],
    ['2026-12-32', false],
    ['2026-11-31', false],
    ['2026-11-00', false],
    ['2026-1-01', false],
    ['２０２６-11-01', false]
  ])('%s is a calendar day: %s', (s, real) => {
    expect(isCalendarDate(s)).toBe(real)
  })

  test.each([
    ['2027-01-15T02:00:00.000Z', true],
    ['2027-01-15T10:00:00+08:00', true],
    ['2028-02-29T23:59:59Z', true],
    ['2027-02-30T10:00:00Z', false],
    ['2026-11-31T10:00:00.000Z', false],
    // valibot's isoTimestamp takes an offset without minutes; Date reads it as an invalid date
    ['2027-01-15T10:00:00+08', false]
  ])('%s is an instant: %s', (s, real) => {
    expect(isInstant(s)).toBe(real)
  })

  test('a selection’s windows compare instants, whatever offset each is written with', () => {
    // 10:00 China time is 02:00Z: before 03:00Z, though the string "…T10…" sorts after "…T03…"
    const windows = { nominateFrom: '2027-01-15T10:00:00+08:00', nominateTo: '2027-01-15T03:00:00Z', voteFrom: '2027-01-15T12:00:00+08:00', voteTo: '2027-01-16T00:00:00Z' }
    expect(validateInput('honour.saveSelection', selectionInput(null, windows))).toBeNull()
    const backwards = { ...windows, nominateTo: '2027-01-15T01:00:00Z' } // 09:00 China time, before it opens
    expect(validateInput('honour.saveSelection', selectionInput(null, backwards))?.message).toBe('提名截止时间应晚于开始时间')
  })
})

describe('impossible dates are refused by the contract, not by a crash or a shift', () => {
  beforeEach(() => freshTown())

  test.each(['2027-02-30', '2027-13-01', '2026-12-32'])('reports.dispatch with rectifyDeadline %s', async (day) => {
    await expectRefused('town-admin', 'reports.dispatch', { reportId: seedReportId('ds-accepted'), unitId: 'unit_1', rectifyDeadline: day }, '整改期限不是有效的日期')
  })

  test('reports.dispatch still takes a real day', async () => {
    const { res } = await callAs('town-admin', 'reports.dispatch', { reportId: seedReportId('ds-accepted'), unitId: 'unit_1', rectifyDeadline: chinaDay(7) })
    expect(res).toMatchObject({ ok: true })
  })

  test.each(['2027-02-30', '2027-13-01', '2026-12-32'])('reports.answer with plannedDate %s', async (day) => {
    await expectRefused('unit-zhifa', 'reports.answer', { reportId: seedReportId('ds-signed'), measures: '安排队员劝离摊贩', plannedDate: day }, '计划完成日期不是有效的日期')
  })

  test.each([
    ['reports.ledger', { from: '2027-02-30' }],
    ['reports.ledger', { to: '2026-12-32' }],
    ['reports.exportLedger', { villageId: 'v_dongshan', from: '2027-13-01' }],
    ['reports.exportLedger', { villageId: 'v_dongshan', to: '2026-12-32' }]
  ] as const)('%s with %j', async (action, data) => {
    await expectRefused('town-admin', action, data, /日期不是有效的日期/)
  })

  test('deeds.declare does not store 2026-11-31', async () => {
    await expectRefused('resident-1', 'deeds.declare', deedInput({ subjectUserId: userIdOf('resident-1'), occurredOn: '2026-11-31' }), '日期不是有效的日期')
  })

  test('volunteers.saveActivity does not move 30 February to March', async () => {
    await expectRefused('village-admin-dongshan', 'volunteers.saveActivity', activityInput({ startAt: '2027-02-30T10:00:00Z' }), '开始时间不是有效的时间')
  })

  test('honour.saveSelection does not move 30 February to March', async () => {
    await expectRefused('town-admin', 'honour.saveSelection', selectionInput('v_dongshan', { voteTo: '2027-02-30T10:00:00.000Z' }), '投票截止时间不是有效的时间')
  })
})

describe('input that is not an object', () => {
  beforeEach(() => freshTown())

  test.each([[[]], [[{ name: '新名字' }]], ['新名字'], [42], [null], [true]])('users.updateProfile with data = %j is refused and writes nothing', async (data) => {
    await expectRefused('resident-1', 'users.updateProfile', data, '请求格式不正确')
  })

  test('an action that takes nothing still refuses an array', async () => {
    await expectRefused('resident-1', 'users.me', [1, 2], '请求格式不正确')
  })

  test('no data at all is an empty input', async () => {
    const { res } = await callAs('resident-1', 'users.me', undefined)
    expect(res).toMatchObject({ ok: true })
  })

  test('the front end refuses it too, with the same message', () => {
    expect(validateInput('users.updateProfile', [])).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '请求格式不正确' })
  })
})

describe('every refusal is Chinese', () => {
  beforeEach(() => freshTown())

  test.each([
    ['reports.get', {}, '有必填的内容没有填写'],
    ['reports.get', { reportId: 42 }, '问题编号格式不正确'],
    ['reports.support', 'r_seed_ds-submitted', '请求格式不正确'],
    ['org.saveVillage', { name: '新建村', order: 0.5 }, '排序应为整数'],
    ['reports.calendar', { year: '2026' }, '年份不正确'],
    ['reports.verify', { reportId: seedReportId('ds-rectified'), pass: 'yes' }, '应选择“是”或“否”'],
    ['volunteers.manualCheck', { activityId: 'a_1', userId: 'u_1', kind: 'teleport', at: '2027-01-15T02:00:00.000Z', reason: '现场确认' }, '请从给定的选项中选择'],
    ['reports.saveCategories', { items: 'litter', rev: 0 }, '应为一组内容'],
    ['users.list', { keyword: 7 }, '请输入姓名']
  ] as const)('%s with %j → %s', async (action, data, message) => {
    await expectRefused('town-admin', action, data, message)
  })

  test('a missing key is named in the fields, in Chinese', async () => {
    const { res } = await callAs('resident-1', 'reports.get', {})
    expect(res).toEqual({ ok: false, code: 'INVALID_INPUT', message: '有必填的内容没有填写', fields: { reportId: '有必填的内容没有填写' } })
  })
})

describe('control characters in text', () => {
  beforeEach(() => freshTown())

  test.each([
    ['a NUL', '路边有一堆\u0000生活垃圾没人清理'],
    ['an escape', '路边有一堆\u001b[31m生活垃圾没人清理'],
    ['a right-to-left override', '路边有一堆\u202e生活垃圾没人清理'],
    ['a C1 control', '路边有一堆\u0085生活垃圾没人清理']
  ])('a description with %s is refused', async (_label, description) => {
    await expectRefused('resident-1', 'reports.create', await draft({ description }), '问题描述中有无法显示的字符，请删除后再试')
  })

  test('a description keeps its line breaks and tabs', async () => {
    const { res } = await callAs('resident-1', 'reports.create', await draft({ description: '路边有一堆生活垃圾\n没人清理\r\n\t已经三天了' }))
    expect(res).toMatchObject({ ok: true, data: { description: '路边有一堆生活垃圾\n没人清理\r\n\t已经三天了' } })
  })

  test('a one-line field (an address) refuses a line break', async () => {
    await expectRefused('resident-1', 'reports.create', await draft({ address: '东山村一组\n村道旁' }), '地址中有无法显示的字符，请删除后再试')
  })

  test('a name with a NUL is refused and nothing is written', async () => {
    await expectRefused('resident-1', 'users.updateProfile', { name: '王\u0000秀兰' }, '姓名中有无法显示的字符，请删除后再试')
  })

  test('a photo ID with a NUL is refused', async () => {
    await expectRefused('resident-1', 'reports.create', await draft({ photos: ['cloud://demo/\u0000.png'] }), '图片格式不正确')
  })

  test('emoji are text, not control characters', () => {
    expect(hasControlChars('👨‍👩‍👧 一家人 🎉')).toBe(false)
    expect(hasControlChars('第一行\n第二行', true)).toBe(false)
    expect(hasControlChars('第一行\n第二行')).toBe(true)
  })
})
