/**
 * The router's one read of the caller with the documents a handler declared (cloudfunctions/_shared/prefetch.ts):
 * one request, the profile as findOne would give it, each key's documents, a join through an earlier key's document,
 * nothing prefetched without a profile — and every lookup through an index (an unindexed one fails the test).
 */
import { localCloud } from '../../local-cloud'
import { database } from '../../cloudfunctions/_shared/cloud'
import { createStore } from '../../cloudfunctions/_shared/store'
import { loadCaller, prefetchedDoc, prefetchedMany, prefetchedOne, type PrefetchPlan } from '../../cloudfunctions/_shared/prefetch'

const plan = (candidateId: string): PrefetchPlan => ({
  candidate: { coll: 'selection_candidates', match: { _id: candidateId } },
  selection: { coll: 'selections', match: {}, join: { key: 'candidate', field: 'selectionId', on: '_id' } },
  calendar: { coll: 'calendar_days', match: { year: 2026 }, limit: 10 },
  activity: { coll: 'volunteer_activities', match: { _id: 'a1' }, omit: ['queue', 'codeSecret'] }
})

async function load(userId: string, p: PrefetchPlan | undefined) {
  return localCloud.runAs({ openid: 'o-test' }, () => loadCaller(createStore(database()), userId, p))
}

describe('prefetch with the caller', () => {
  beforeAll(() => {
    localCloud.open({ dataDir: null })
    localCloud.reset()
    const e = localCloud.engine
    e.insert('users', { _id: 'u1', name: '王秀兰', grants: [], householdId: null })
    e.insert('selections', { _id: 's1', title: '好婆婆' })
    e.insert('selection_candidates', [
      { _id: 'c1', selectionId: 's1', name: '甲' },
      { _id: 'c2', selectionId: 's-gone', name: '乙' }
    ])
    e.insert('calendar_days', [
      { _id: '2026-10-01', year: 2026, date: '2026-10-01', kind: 'holiday' },
      { _id: '2025-10-01', year: 2025, date: '2025-10-01', kind: 'holiday' }
    ])
    e.insert('volunteer_activities', { _id: 'a1', title: '清扫', queue: ['x'], codeSecret: 'secret' })
  })

  test('one request: the profile as it is stored, and each key’s documents', async () => {
    const { value, dbRequests } = await load('u1', plan('c1'))
    expect(dbRequests).toBe(1)
    expect(value.user).toEqual({ _id: 'u1', name: '王秀兰', grants: [], householdId: null })
    const ctx = { prefetched: value.prefetched }
    expect(prefetchedDoc(ctx, 'candidate')).toMatchObject({ _id: 'c1' })
    expect(prefetchedDoc(ctx, 'selection')).toMatchObject({ _id: 's1', title: '好婆婆' })
    expect(value.prefetched?.get('calendar')).toEqual([expect.objectContaining({ _id: '2026-10-01' })])
    const activity = prefetchedDoc<Record<string, unknown>>(ctx, 'activity')
    expect(activity).toMatchObject({ _id: 'a1', title: '清扫' })
    expect(activity).not.toHaveProperty('queue')
    expect(activity).not.toHaveProperty('codeSecret')
  })

  test('a missing document is null; a join through a missing one (or one whose field finds nothing) is null, still through an index', async () => {
    const gone = await load('u1', plan('c-none'))
    expect(prefetchedDoc({ prefetched: gone.value.prefetched }, 'candidate')).toBeNull()
    expect(prefetchedDoc({ prefetched: gone.value.prefetched }, 'selection')).toBeNull()
    const orphan = await load('u1', plan('c2'))
    expect(prefetchedDoc({ prefetched: orphan.value.prefetched }, 'candidate')).toMatchObject({ _id: 'c2' })
    expect(prefetchedDoc({ prefetched: orphan.value.prefetched }, 'selection')).toBeNull()
  })

  test('no profile: nothing is prefetched and the handler loads what it needs itself', async () => {
    const { value, dbRequests } = await load('u-none', plan('c1'))
    expect(dbRequests).toBe(1)
    expect(value).toEqual({ user: null, prefetched: null })
    const loaded = await prefetchedOne({ prefetched: value.prefetched }, 'candidate', async () => ({ _id: 'loaded' }))
    expect(loaded).toEqual({ _id: 'loaded' })
    // without a plan: the profile alone, as before
    const plain = await load('u1', undefined)
    expect(plain.dbRequests).toBe(1)
    expect(plain.value).toEqual({ user: expect.objectContaining({ _id: 'u1' }), prefetched: null })
  })

  test('several documents in a given order before the limit (the newest), and prefetchedMany', async () => {
    localCloud.engine.insert('point_entries', [
      { _id: 'pe1', userId: 'u1', at: new Date('2026-11-01T00:00:00Z'), delta: 1 },
      { _id: 'pe2', userId: 'u1', at: new Date('2026-11-03T00:00:00Z'), delta: 2 },
      { _id: 'pe3', userId: 'u1', at: new Date('2026-11-02T00:00:00Z'), delta: 3 },
      { _id: 'pe4', userId: 'u2', at: new Date('2026-11-04T00:00:00Z'), delta: 4 }
    ])
    const { value, dbRequests } = await load('u1', { newest: { coll: 'point_entries', match: { userId: 'u1' }, sort: { at: -1 }, limit: 2 } })
    expect(dbRequests).toBe(1)
    const never = async () => {
      throw new Error('prefetched: not loaded')
    }
    expect((await prefetchedMany<{ _id: string }>({ prefetched: value.prefetched }, 'newest', never)).map((e) => e._id)).toEqual(['pe2', 'pe3'])
    const oldest = await load('u1', { oldest: { coll: 'point_entries', match: { userId: 'u1' }, sort: { at: 1 }, limit: 2 } })
    expect(oldest.value.prefetched?.get('oldest')?.map((e) => (e as { _id: string })._id)).toEqual(['pe1', 'pe3'])
    // not prefetched (no profile): loaded
    const none = await load('u-none', { newest: { coll: 'point_entries', match: { userId: 'u1' }, sort: { at: -1 }, limit: 2 } })
    expect(await prefetchedMany({ prefetched: none.value.prefetched }, 'newest', async () => [{ _id: 'loaded' }])).toEqual([{ _id: 'loaded' }])
  })

  test('only some fields, dotted paths included: one entry of a document that grows with its users', async () => {
    localCloud.engine.insert('selection_tallies', { _id: 's1', closed: false, counts: { c1: 3 }, ballots: { hb_mine: { t: 1, d: { d20261105: 1 } }, hb_other: { t: 2, d: {} } } })
    const { value, dbRequests } = await load('u1', { tally: { coll: 'selection_tallies', match: { _id: 's1' }, only: ['closed', 'counts', 'ballots.hb_mine'] } })
    expect(dbRequests).toBe(1)
    expect(prefetchedDoc({ prefetched: value.prefetched }, 'tally')).toEqual({ _id: 's1', closed: false, counts: { c1: 3 }, ballots: { hb_mine: { t: 1, d: { d20261105: 1 } } } })
  })

  test('a join must go through an earlier key', async () => {
    await expect(load('u1', { selection: { coll: 'selections', match: {}, join: { key: 'candidate', field: 'selectionId', on: '_id' } } })).rejects.toThrow(/earlier key/)
  })

  test('only and omit together are refused, not one of them silently ignored', async () => {
    await expect(load('u1', { tally: { coll: 'selection_tallies', match: { _id: 's1' }, only: ['counts'], omit: ['ballots'] } })).rejects.toThrow(/both omit and only/)
  })
})
