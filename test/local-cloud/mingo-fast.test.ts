/** The engine's direct paths must agree with mingo on every shape they accept. */
import { Query, update as mingoUpdate } from 'mingo'
import { applyUpdateOps, compileMatcher } from '../../local-cloud/db/mingo-context'
import { clone } from '../../local-cloud/db/values'

// structuredClone makes Dates of another realm under jest, which mingo does not recognise as Dates.
const structuredClone = clone

const DOCS: Array<Record<string, unknown>> = [
  { _id: 'a', rev: 1, name: '王', tags: ['x', 'y'], prefs: { large: true, n: 2 }, when: new Date(0) },
  { _id: 'b', rev: 2, name: '李', tags: [], prefs: null, n: 0 },
  { _id: 'c', rev: 1, items: [{ k: 1 }, { k: 2 }], prefs: { large: false } },
  { _id: 'd', flag: false, n: 1.5, nested: { deep: { v: 'z' } } }
]

const FILTERS: Array<Record<string, unknown>> = [
  { _id: 'a' },
  { _id: 'a', rev: 1 },
  { _id: 'a', rev: 2 },
  { rev: 1 },
  { tags: 'x' },
  { tags: 'q' },
  { 'prefs.large': true },
  { 'prefs.large': false },
  { 'prefs.n': 2 },
  { 'items.k': 2 },
  { 'items.k': 3 },
  { flag: false },
  { n: 1.5 },
  { n: 0 },
  { 'nested.deep.v': 'z' },
  { 'nested.deep.v': 'y' },
  { missing: 'x' },
  { 'prefs.large.x': true }
]

describe('direct equality matcher agrees with mingo', () => {
  test.each(FILTERS.map((f) => [JSON.stringify(f), f]))('%s', (_label, filter) => {
    const q = new Query(filter as Record<string, unknown>)
    const m = compileMatcher(filter as Record<string, unknown>)
    for (const d of DOCS) expect([d._id, m(d)]).toEqual([d._id, q.test(d)])
  })
})

const UPDATES: Array<Record<string, Record<string, unknown>>> = [
  { $set: { name: '张' } },
  { $set: { name: '王' } },
  { $set: { 'prefs.large': false, rev: 3 } },
  { $set: { 'new.path.here': 1 } },
  { $set: { tags: ['x', 'y'] } },
  { $set: { when: new Date(0) } },
  { $set: { when: new Date(1) } },
  { $unset: { name: '' } },
  { $unset: { absent: '' } },
  { $inc: { rev: 1 } },
  { $inc: { counter: 5 } },
  { $inc: { 'prefs.n': -2 } },
  { $set: { 'items.0.k': 9 } },
  { $set: { 'prefs.large': { deep: 1 } }, $inc: { rev: 1 } }
]

describe('direct update path agrees with mingo', () => {
  test.each(UPDATES.map((u) => [JSON.stringify(u), u]))('%s', (_label, ops) => {
    for (const d of DOCS) {
      const ours = structuredClone(d)
      const theirs = structuredClone(d)
      let oursErr: unknown = null
      let theirsErr: unknown = null
      let oursChanged: string[] = []
      let theirsChanged: string[] = []
      try {
        oursChanged = applyUpdateOps(ours, structuredClone(ops))
      } catch (e) {
        oursErr = e
      }
      try {
        theirsChanged = mingoUpdate(theirs, structuredClone(ops) as never)
      } catch (e) {
        theirsErr = e
      }
      expect(Boolean(oursErr)).toBe(Boolean(theirsErr))
      expect(ours).toEqual(theirs)
      expect(oursChanged.length > 0).toBe(theirsChanged.length > 0)
    }
  })

  test('a value set on several documents is not shared between them', () => {
    const value = { list: [1, 2] }
    const a: Record<string, unknown> = { _id: 'a' }
    const b: Record<string, unknown> = { _id: 'b' }
    applyUpdateOps(a, { $set: { v: value } })
    applyUpdateOps(b, { $set: { v: value } })
    ;(a.v as { list: number[] }).list.push(3)
    expect(b.v).toEqual({ list: [1, 2] })
  })
})
