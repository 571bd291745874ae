import type { SelectionPhase } from '@/contract'
import {
  SELECTION_STEPS,
  allowedSteps,
  ballotRefusal,
  byRank,
  closedAtOf,
  decide,
  decideCandidate,
  mayVote,
  movedInAfterVoteOpened,
  myBallotOf,
  noticeEndsAtOf,
  phaseOf,
  showsResult,
  type FlowSelection,
  type SelectionStep
} from '@/domain/selection-flow'

/** The selection under test (times in UTC; China is +8): nominations for a day, a day's review, voting for three days, a 3-day notice. */
const T0 = new Date('2026-11-02T02:00:00Z')
const HOUR = 3600 * 1000
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR)

function selection(extra: Partial<FlowSelection> = {}): FlowSelection {
  return { villageId: 'v1', nominateFrom: at(0), nominateTo: at(24), voteFrom: at(48), voteTo: at(120), noticeDays: 3, closedAt: null, boardId: null, ...extra }
}

/** One column per moment, in this order. */
const MOMENTS: Array<{ name: string; now: Date; s: FlowSelection; phase: SelectionPhase }> = [
  { name: 'before nominations', now: at(-1), s: selection(), phase: 'upcoming' },
  { name: 'nominations open', now: at(1), s: selection(), phase: 'nominating' },
  { name: 'between nominations and voting', now: at(30), s: selection(), phase: 'reviewing' },
  { name: 'voting', now: at(50), s: selection(), phase: 'voting' },
  { name: 'closed early, in the notice', now: at(61), s: selection({ closedAt: at(60) }), phase: 'notice' },
  { name: 'closed by time, in the notice', now: at(121), s: selection(), phase: 'notice' },
  { name: 'notice over', now: at(120 + 72), s: selection(), phase: 'finished' },
  { name: 'published', now: at(200), s: selection({ boardId: 'hb_1' }), phase: 'published' }
]

/*
 * Expected outcome of every step × actor × moment, written by hand from the rules, not from the code.
 * Y = allowed, A = allowed but already done (taking it again changes nothing new), F = FORBIDDEN, C = CONFLICT.
 */
const EXPECTED: Record<SelectionStep, { manager: string; resident: string }> = {
  edit: { manager: 'YYYCCCCC', resident: 'FFFFFFFF' },
  nominate: { manager: 'CYCCCCCC', resident: 'CYCCCCCC' },
  review: { manager: 'YYYYCCCC', resident: 'FFFFFFFF' },
  vote: { manager: 'CCCYCCCC', resident: 'CCCYCCCC' },
  close: { manager: 'CCCYAAAA', resident: 'FFFFFFFF' },
  publish: { manager: 'CCCCCCYA', resident: 'FFFFFFFF' }
}

function letter(d: ReturnType<typeof decide>): string {
  if (d.ok) return d.again ? 'A' : 'Y'
  return d.code === 'FORBIDDEN' ? 'F' : 'C'
}

describe('selection flow: every step × actor × moment', () => {
  test.each(SELECTION_STEPS.flatMap((step) => (['manager', 'resident'] as const).map((who) => [step, who] as const)))('%s by a %s', (step, who) => {
    const got = MOMENTS.map((m) => letter(decide(m.s, step, { manages: who === 'manager' }, m.now))).join('')
    expect(got).toBe(EXPECTED[step][who])
  })

  test.each(MOMENTS.map((m) => [m.name, m] as const))('phase: %s', (_name, m) => {
    expect(phaseOf(m.s, m.now)).toBe(m.phase)
  })

  test('allowedSteps leaves out what would only be taken again', () => {
    const manager = { manages: true }
    expect(allowedSteps(selection(), manager, at(1))).toEqual(['edit', 'nominate', 'review'])
    expect(allowedSteps(selection(), manager, at(50))).toEqual(['review', 'vote', 'close'])
    expect(allowedSteps(selection(), manager, at(121))).toEqual([])
    expect(allowedSteps(selection(), manager, at(192))).toEqual(['publish'])
    expect(allowedSteps(selection({ boardId: 'hb_1' }), manager, at(200))).toEqual([])
    expect(allowedSteps(selection(), { manages: false }, at(50))).toEqual(['vote'])
  })
})

describe('selection flow: windows to the millisecond', () => {
  const s = selection()
  const ms = (d: Date, delta: number) => new Date(d.getTime() + delta)

  test('nominations from nominateFrom (inclusive) to nominateTo (exclusive)', () => {
    expect(decide(s, 'nominate', { manages: false }, ms(at(0), -1))).toEqual({ ok: false, code: 'CONFLICT', message: '提名还没有开始' })
    expect(decide(s, 'nominate', { manages: false }, at(0))).toEqual({ ok: true, again: false })
    expect(decide(s, 'nominate', { manages: false }, ms(at(24), -1))).toMatchObject({ ok: true })
    expect(decide(s, 'nominate', { manages: false }, at(24))).toEqual({ ok: false, code: 'CONFLICT', message: '提名已经截止' })
  })

  test('a nomination window that runs into the voting closes with it, early or by time', () => {
    const long = selection({ nominateTo: at(120) })
    expect(decide(long, 'nominate', { manages: false }, at(60))).toMatchObject({ ok: true })
    expect(decide({ ...long, closedAt: at(59) }, 'nominate', { manages: false }, at(60))).toEqual({ ok: false, code: 'CONFLICT', message: '提名已经截止' })
    expect(phaseOf(long, at(60))).toBe('voting')
  })

  test('voting from voteFrom (inclusive) until voteTo (exclusive) or an early close', () => {
    expect(decide(s, 'vote', { manages: false }, ms(at(48), -1))).toEqual({ ok: false, code: 'CONFLICT', message: '投票还没有开始' })
    expect(decide(s, 'vote', { manages: false }, at(48))).toMatchObject({ ok: true })
    expect(decide(s, 'vote', { manages: false }, ms(at(120), -1))).toMatchObject({ ok: true })
    expect(decide(s, 'vote', { manages: false }, at(120))).toEqual({ ok: false, code: 'CONFLICT', message: '投票已经结束' })
    expect(decide({ ...s, closedAt: at(70) }, 'vote', { manages: false }, at(70))).toMatchObject({ ok: false, code: 'CONFLICT' })
  })

  test('editing until voting starts', () => {
    expect(decide(s, 'edit', { manages: true }, ms(at(48), -1))).toMatchObject({ ok: true })
    expect(decide(s, 'edit', { manages: true }, at(48))).toEqual({ ok: false, code: 'CONFLICT', message: '投票开始后不能再修改评选' })
  })

  test('closing before voting starts is refused; review stops at the close', () => {
    expect(decide(s, 'close', { manages: true }, at(47))).toEqual({ ok: false, code: 'CONFLICT', message: '投票还没有开始，不能结束' })
    expect(decide(s, 'review', { manages: true }, at(119))).toMatchObject({ ok: true })
    expect(decide(s, 'review', { manages: true }, at(120))).toEqual({ ok: false, code: 'CONFLICT', message: '投票已经结束，不能再审核提名' })
  })

  test('publishing waits for the notice to end and names its last day in China time', () => {
    expect(decide(s, 'publish', { manages: true }, at(100))).toEqual({ ok: false, code: 'CONFLICT', message: '投票还没有结束' })
    // closed at 2026-11-07 02:00Z; 3 days later is 2026-11-10 10:00 in China
    expect(decide(s, 'publish', { manages: true }, at(150))).toEqual({ ok: false, code: 'CONFLICT', message: '公示期到 2026-11-10 结束，结束后才能发布' })
    // closed early at 2026-11-04 15:30Z = 23:30 in China: three days after is 11-07 23:30 China
    const early = selection({ closedAt: new Date('2026-11-04T15:30:00Z') })
    expect(noticeEndsAtOf(early, at(100))?.toISOString()).toBe('2026-11-07T15:30:00.000Z')
    expect(decide(early, 'publish', { manages: true }, new Date('2026-11-07T15:29:59.999Z'))).toEqual({ ok: false, code: 'CONFLICT', message: '公示期到 2026-11-07 结束，结束后才能发布' })
    expect(decide(early, 'publish', { manages: true }, new Date('2026-11-07T15:30:00Z'))).toEqual({ ok: true, again: false })
  })

  test('no notice: publishing as soon as voting closes', () => {
    const none = selection({ noticeDays: 0 })
    expect(decide(none, 'publish', { manages: true }, at(120))).toEqual({ ok: true, again: false })
    expect(phaseOf(none, at(120))).toBe('finished')
  })

  test('FORBIDDEN names who manages: the town office for a town selection', () => {
    expect(decide(selection({ villageId: null }), 'close', { manages: false }, at(50))).toEqual({ ok: false, code: 'FORBIDDEN', message: '镇级榜单和评选由镇创建办管理' })
    expect(decide(selection(), 'close', { manages: false }, at(50))).toEqual({ ok: false, code: 'FORBIDDEN', message: '只能管理本村（居）的榜单和评选' })
  })

  test('the page (ISO strings) and the database (Dates) get the same answers', () => {
    const iso: FlowSelection = { ...s, nominateFrom: at(0).toISOString(), nominateTo: at(24).toISOString(), voteFrom: at(48).toISOString(), voteTo: at(120).toISOString(), closedAt: null }
    for (const m of MOMENTS.slice(0, 4).concat(MOMENTS[5], MOMENTS[6])) {
      expect(allowedSteps(iso, { manages: true }, m.now)).toEqual(allowedSteps(s, { manages: true }, m.now))
      expect(phaseOf(iso, m.now)).toBe(phaseOf(s, m.now))
    }
    expect(closedAtOf({ closedAt: at(60).toISOString(), voteTo: at(120) }, at(61))?.getTime()).toBe(at(60).getTime())
  })

  test('results are shown once voting closed', () => {
    expect(MOMENTS.map((m) => showsResult(m.phase))).toEqual([false, false, false, false, true, true, true, true])
  })
})

describe('selection flow: deciding a nomination', () => {
  test.each([
    ['pending, checked, approve, village admin', { status: 'pending', contentCheck: 'pass' }, true, false, 'Y'],
    ['pending, checked, reject, village admin', { status: 'pending', contentCheck: 'pass' }, false, false, 'Y'],
    ['pending, not decided by the check, approve, village admin', { status: 'pending', contentCheck: 'review' }, true, false, 'F'],
    ['pending, not decided by the check, reject, village admin', { status: 'pending', contentCheck: 'review' }, false, false, 'Y'],
    ['pending, not decided by the check, approve, town office', { status: 'pending', contentCheck: 'review' }, true, true, 'Y'],
    ['approved already', { status: 'approved', contentCheck: 'pass' }, false, true, 'C'],
    ['rejected already', { status: 'rejected', contentCheck: 'pass' }, true, false, 'C'],
    ['rejected, not decided by the check, approve, village admin (who may not clear it)', { status: 'rejected', contentCheck: 'review' }, true, false, 'F']
  ] as const)('%s', (_name, c, approve, isTown, expected) => {
    expect(letter(decideCandidate(c, approve, { isTown }))).toBe(expected)
  })

  test('ranking: most votes first, ties by earlier approval (stored Date or ISO string)', () => {
    const rows = [
      { id: 'b', votes: 5, approvedAt: '2026-11-02T03:00:00Z' },
      { id: 'c', votes: 9, approvedAt: new Date('2026-11-02T05:00:00Z') },
      { id: 'a', votes: 5, approvedAt: new Date('2026-11-02T02:00:00Z') },
      { id: 'd', votes: 0, approvedAt: null }
    ]
    expect([...rows].sort(byRank).map((r) => r.id)).toEqual(['c', 'a', 'b', 'd'])
  })
})

describe('selection flow: ballots', () => {
  const limits = { votesPerDay: 3, votesTotal: 5 }

  test.each([
    ['no ballot yet', null, { votedToday: 0, votedTotal: 0, remainingToday: 3, remainingTotal: 5 }, null],
    ['two today', { day: '2026-11-05', dayCount: 2, total: 2 }, { votedToday: 2, votedTotal: 2, remainingToday: 1, remainingTotal: 3 }, null],
    ['day used up', { day: '2026-11-05', dayCount: 3, total: 3 }, { votedToday: 3, votedTotal: 3, remainingToday: 0, remainingTotal: 2 }, '您今天的 3 票已投完，明天再来'],
    ['yesterday used up: a new day', { day: '2026-11-04', dayCount: 3, total: 3 }, { votedToday: 0, votedTotal: 3, remainingToday: 2, remainingTotal: 2 }, null],
    ['total used up', { day: '2026-11-04', dayCount: 2, total: 5 }, { votedToday: 0, votedTotal: 5, remainingToday: 0, remainingTotal: 0 }, '您在本次评选的 5 票已全部投出']
  ] as const)('%s', (_name, ballot, expected, refusal) => {
    expect(myBallotOf(ballot, limits, '2026-11-05')).toEqual(expected)
    expect(ballotRefusal(ballot, limits, '2026-11-05')).toBe(refusal)
  })

  test('the page offers 投票 while voting is open and the ballot has a vote left', () => {
    const left = { votedToday: 0, votedTotal: 0, remainingToday: 3, remainingTotal: 5 }
    expect(mayVote(selection(), left, at(50))).toBe(true)
    expect(mayVote(selection(), { ...left, remainingToday: 0 }, at(50))).toBe(false)
    expect(mayVote(selection(), left, at(47))).toBe(false)
    expect(mayVote(selection({ closedAt: at(49) }), left, at(50))).toBe(false)
  })

  test('someone who moved into the village after its voting opened does not vote in it; town selections are not affected', () => {
    const s = selection()
    expect(movedInAfterVoteOpened(s, { movedInAt: at(49) })).toBe(true)
    expect(movedInAfterVoteOpened(s, { movedInAt: at(48) })).toBe(false)
    expect(movedInAfterVoteOpened(s, { movedInAt: at(49).toISOString() })).toBe(true)
    expect(movedInAfterVoteOpened(s, { movedInAt: null })).toBe(false)
    expect(movedInAfterVoteOpened(s, null)).toBe(false)
    expect(movedInAfterVoteOpened(selection({ villageId: null }), { movedInAt: at(49) })).toBe(false)
  })
})
