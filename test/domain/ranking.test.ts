/** Fair ranking: Wilson bounds, Bayesian averages, minimum volume, peer groups, scores with their formula. */
import { indicatorsOf, zeroFigures, type Figures, type Indicators } from '../../src/domain/indicators'
import { DEFAULT_SCHEME, bayesianAverage, peerOfPlace, rankPeers, scorePlace, wilsonLower, wilsonUpper, type RankEntry, type ScoringScheme } from '../../src/domain/ranking'

const ind = (f: Partial<Figures>, overdue = 0): Indicators => indicatorsOf({ ...zeroFigures(), ...f }, { open: 0, overdue })

/** A place with `n` problems due and submitted in the period, `onTime` of them closed on time, all closed. */
function place(n: number, onTime: number, extra: Partial<Figures> = {}): Indicators {
  return ind({ createdResident: n, due: n, closedOnTime: onTime, resolved: n, closed: n, handlingWorkdays: 2 * n, rectified: n, passed: n, ...extra })
}

describe('Wilson bounds (z = 1.96), by hand', () => {
  // lower = (p + z²/2n − z·√(p(1−p)/n + z²/4n²)) ÷ (1 + z²/n)
  test.each([
    // p = 1, n = 1: (1 + 1.9208 − 1.96 × 0.98) ÷ 4.8416 = 1 ÷ 4.8416
    [1, 1, 0.2065],
    // p = 0.9, n = 40: (0.9 + 0.04802 − 1.96 × √0.00285025) ÷ 1.09604 = 0.84338 ÷ 1.09604
    [36, 40, 0.7695],
    // p = 0.5, n = 10: (0.5 + 0.19208 − 1.96 × √0.034604) ÷ 1.38416
    [5, 10, 0.2366]
  ])('lower bound of %i/%i ≈ %f', (s, n, expected) => {
    expect(wilsonLower(s, n)).toBeCloseTo(expected, 4)
  })

  test('upper bound, and no data', () => {
    // p = 0, n = 1: (0 + 1.9208 + 1.96 × 0.98) ÷ 4.8416 = 3.8416 ÷ 4.8416
    expect(wilsonUpper(0, 1)).toBeCloseTo(0.7935, 4)
    expect(wilsonLower(0, 0)).toBeNull()
    expect(wilsonUpper(3, 0)).toBeNull()
  })

  test('a low count is never a merit: at the same share, fewer problems never score higher', () => {
    for (let n = 1; n < 200; n++) {
      expect(wilsonLower(n, n)!).toBeLessThan(wilsonLower(n + 1, n + 1)!)
      expect(wilsonLower(0.9 * n, n)!).toBeLessThan(wilsonLower(0.9 * (n + 1), n + 1)!)
      // and a "lower is better" rate (返工率) of 0 is judged by its upper bound, which falls with volume
      expect(wilsonUpper(0, n)!).toBeGreaterThan(wilsonUpper(0, n + 1)!)
    }
  })
})

describe('Bayesian average toward the town mean', () => {
  test.each([
    // (5 × 3 + 1) ÷ (5 + 1): one problem closed in 1 day hardly moves off the town's 3
    [1, 1, 3, 5, 16 / 6],
    // (5 × 3 + 40 × 2) ÷ 45
    [80, 40, 3, 5, 95 / 45],
    [0, 0, 3, 5, 3]
  ])('sum %i over %i, mean %f, weight %i', (sum, count, mean, weight, expected) => {
    expect(bayesianAverage(sum, count, mean, weight)).toBeCloseTo(expected, 10)
  })
})

describe('scores', () => {
  const town = place(100, 85)
  const onlyOnTime: ScoringScheme = { ...DEFAULT_SCHEME, version: 7, name: '只看按期办结率', minVolume: 1, items: [{ indicator: 'onTimeRate', weight: 1 }], deductions: [] }

  test('a village with 1 problem fixed on time does not beat one with 40 problems at 90 %', () => {
    const tiny = place(1, 1)
    const big = place(40, 36)
    // with the default minimum volume the tiny village has no place at all
    const withDefault = scorePlace(tiny, town)
    expect(withDefault).toMatchObject({ score: null, insufficient: true, volume: 1 })
    expect(withDefault.formula).toContain('数据不足')
    // even allowed to rank (minimum 1), 100 % of 1 counts as its Wilson lower bound 20.65 against 76.95
    expect(scorePlace(tiny, town, onlyOnTime).score).toBe(20.65)
    expect(scorePlace(big, town, onlyOnTime).score).toBe(76.95)
    const defaults = { ...DEFAULT_SCHEME, minVolume: 1 }
    expect(scorePlace(big, town, defaults).score!).toBeGreaterThan(scorePlace(tiny, town, defaults).score!)
    const ranked = rankPeers([
      { id: 'v_tiny', name: '小村', peer: 'village', score: scorePlace(tiny, town, defaults) },
      { id: 'v_big', name: '大村', peer: 'village', score: scorePlace(big, town, defaults) }
    ]).village
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([
      ['v_big', 1],
      ['v_tiny', 2]
    ])
  })

  test('the default scheme, computed by hand, with its inputs and formula', () => {
    // 40 problems: 36 on time, all closed (closure 40/40), 18 of 20 satisfied, 4 sent back of 40 rectified, 80 working days;
    // town mean 2 days; 3 overdue now
    const own = ind({ createdResident: 40, due: 40, closedOnTime: 36, resolved: 40, closed: 40, handlingWorkdays: 80, rectified: 40, sentBack: 4, passed: 40, rated: 20, ratedSatisfied: 18 }, 3)
    const s = scorePlace(own, town)
    const onTime = 0.769479256 // wilsonLower(36, 40)
    const closure = wilsonLower(40, 40)! // (1 + 0.04802 − 1.96 × 0.02450) ÷ 1.09604 = 0.91241
    const satisfied = 0.698961794 // wilsonLower(18, 20)
    const rework = 1 - 0.230520744 // 1 − wilsonUpper(4, 40)
    const days = 1 - (5 * 2 + 80) / (5 + 40) / 10 // Bayesian average 2 days → 0.8
    expect(closure).toBeCloseTo(0.91241, 4)
    const base = (100 * (40 * onTime + 20 * closure + 20 * satisfied + 10 * rework + 10 * days)) / 100
    expect(s.score).toBeCloseTo(Math.round((base - 6) * 100) / 100, 2)
    // 40×0.76948 + 20×0.91241 + 20×0.69896 + 10×0.76948 + 10×0.8 = 30.779 + 18.248 + 13.979 + 7.695 + 8 = 78.70; − 6
    expect(s.score).toBe(72.7)
    expect(s.deductions).toEqual([{ indicator: 'overdue', label: '超期', count: 3, points: 6 }])
    expect(s.inputs.map((i) => [i.label, i.weight, i.raw.num, i.raw.den])).toEqual([
      ['按期办结率', 40, 36, 40],
      ['结案率', 20, 40, 40],
      ['满意率', 20, 18, 20],
      ['返工率', 10, 4, 40],
      ['平均处置时长', 10, 80, 40]
    ])
    expect(s.scheme).toEqual({ version: 1, name: '默认评分办法' })
    expect(s.formula).toContain('威尔逊下限 (36/40, z=1.96)')
    expect(s.formula).toContain('1 − 威尔逊上限 (4/40, z=1.96)')
    expect(s.formula).toContain('贝叶斯平均')
    expect(s.formula).toContain('超期扣分：3 件 × 2 分，最多 20 分 = 6')
    expect(s.formula).toContain(`= ${s.score}（评分办法第 1 版）`)
  })

  test('deductions are capped; an indicator without data is left out and its weight re-shared', () => {
    const noRatings = place(10, 10)
    const s = scorePlace(noRatings, town, {
      ...DEFAULT_SCHEME,
      items: [
        { indicator: 'onTimeRate', weight: 50 },
        { indicator: 'satisfactionRate', weight: 50 }
      ]
    })
    expect(s.inputs[1]).toMatchObject({ label: '满意率', adjusted: null })
    expect(s.formula).toContain('满意率无数据，权重按其余项分配')
    // 100 × wilsonLower(10, 10) = 72.25; 0 overdue
    expect(s.score).toBeCloseTo(100 * wilsonLower(10, 10)!, 2)
    expect(scorePlace(ind({ createdResident: 10, due: 10, closedOnTime: 10 }, 50), town).deductions[0].points).toBe(20)
  })
})

describe('peer groups', () => {
  test('村, 社区 and 责任单位 are ranked apart; equal scores share a place; 数据不足 comes last without one', () => {
    const town = place(100, 85)
    const s = (n: number, onTime: number) => scorePlace(place(n, onTime), town)
    const entries: RankEntry[] = [
      { id: 'v1', name: '东山村', peer: peerOfPlace('东山村'), score: s(20, 18) },
      { id: 'v2', name: '南湖村', peer: peerOfPlace('南湖村'), score: s(20, 18) },
      { id: 'v3', name: '北岭村', peer: peerOfPlace('北岭村'), score: s(20, 20) },
      { id: 'v4', name: '西岗社区', peer: peerOfPlace('西岗社区'), score: s(30, 20) },
      { id: 'v5', name: '小村', peer: 'village', score: s(3, 3) },
      { id: 'u1', name: '执法中队', peer: 'unit', score: s(50, 40) }
    ]
    const r = rankPeers(entries)
    expect(r.village.map((x) => [x.name, x.rank, x.rankLabel])).toEqual([
      ['北岭村', 1, '第 1 名'],
      ['东山村', 2, '第 2 名'],
      ['南湖村', 2, '第 2 名'],
      ['小村', null, '数据不足']
    ])
    expect(r.community.map((x) => [x.name, x.rank])).toEqual([['西岗社区', 1]])
    expect(r.unit.map((x) => [x.name, x.rank])).toEqual([['执法中队', 1]])
  })
})
