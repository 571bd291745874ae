/** Indexes: unique constraints, index-served queries (measured in rows touched), warnings for the rest. */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { localCloud } from '../../local-cloud'
import { allowUnindexed } from '../setup/local-cloud'
import { data, errorOf, freshCloud, idx, uniqueIdx, type Database } from './helpers'

let db: Database

describe('unique indexes', () => {
  beforeEach(() => {
    db = freshCloud({ members: [uniqueIdx('openid_unique', ['openid', 1]), uniqueIdx('team_seat', ['team', 1], ['seat', 1])] })
  })

  test('insert, update and set that would duplicate a unique key fail with -502001 E11000', async () => {
    await db.collection('members').add({ data: { _id: 'm1', openid: 'o1', team: 't', seat: 1 } as never })
    await db.collection('members').add({ data: { _id: 'm2', openid: 'o2', team: 't', seat: 2 } as never })
    const dupInsert = await errorOf(db.collection('members').add({ data: { openid: 'o1', team: 'u', seat: 1 } }))
    expect(dupInsert.errCode).toBe(-502001)
    expect(dupInsert.errMsg).toMatch(/E11000 duplicate key error collection: members index: openid_unique dup key: \{"openid":"o1"\}/)
    const dupUpdate = await errorOf(
      db
        .collection('members')
        .doc('m2')
        .update({ data: { seat: 1 } })
    )
    expect(dupUpdate.errMsg).toMatch(/index: team_seat/)
    const dupSet = await errorOf(
      db
        .collection('members')
        .doc('m3')
        .set({ data: { openid: 'o2' } })
    )
    expect(dupSet.errCode).toBe(-502001)
    // a batch is all or nothing
    const batch = await errorOf(db.collection('members').add({ data: [{ openid: 'o3' }, { openid: 'o3' }] as never }))
    expect(batch.errCode).toBe(-502001)
    expect(localCloud.engine.count('members', {})).toBe(2)
    // changing the key of the holder itself is fine; swapping keys through a free value works
    await db
      .collection('members')
      .doc('m1')
      .update({ data: { openid: 'o1-new' } })
    await db.collection('members').add({ data: { openid: 'o1' } })
    expect(localCloud.engine.count('members', {})).toBe(3)
  })

  test('a missing unique field counts as null: only one document may lack it (MongoDB semantics)', async () => {
    await db.collection('members').add({ data: { team: 'x', seat: 1 } })
    const e = await errorOf(db.collection('members').add({ data: { team: 'x', seat: 2 } }))
    expect(e.errMsg).toMatch(/openid_unique dup key: \{"openid":null\}/)
  })
})

describe('index-served queries', () => {
  const N = 100_000
  beforeAll(() => {
    db = freshCloud({
      reports: [idx('village_created', ['villageId', 1], ['createdAt', -1]), idx('status_created', ['status', 1], ['createdAt', -1]), idx('tags', ['tags', 1], ['createdAt', -1])]
    })
    const t0 = Date.UTC(2026, 0, 1)
    const docs = Array.from({ length: N }, (_, i) => ({
      _id: `r${i}`,
      villageId: `v${i % 10}`,
      status: i % 100 === 0 ? 'open' : 'closed',
      createdAt: new Date(t0 + i * 1000),
      tags: [`k${i % 7}`, `m${i % 5}`],
      n: i
    }))
    localCloud.engine.insert('reports', docs)
  })

  test('a page of 20 from a 100k collection touches about 20 rows', async () => {
    const rows = await data(db.collection('reports').where({ villageId: 'v3' }).orderBy('createdAt', 'desc').limit(20).get())
    expect(rows).toHaveLength(20)
    expect(rows[0].n).toBe(99993)
    expect(rows.map((r) => r.n)).toEqual(Array.from({ length: 20 }, (_, i) => 99993 - i * 10))
    expect(localCloud.engine.lastPlan).toMatchObject({ plan: 'index:village_created', served: true, docsExamined: 20, keysExamined: 20 })
  })

  test('skip costs skip rows; a residual filter costs the rows it rejects', async () => {
    await data(db.collection('reports').where({ villageId: 'v3' }).orderBy('createdAt', 'desc').skip(100).limit(20).get())
    expect(localCloud.engine.lastPlan).toMatchObject({ served: true, docsExamined: 120 })
    const rows = await data(db.collection('reports').where({ villageId: 'v0', status: 'open' }).orderBy('createdAt', 'desc').limit(5).get())
    expect(rows.map((r) => r.n)).toEqual([99900, 99800, 99700, 99600, 99500])
    // status 'open' is 1 row in 10 of village v0: ~5 × 10 rows, far from 10 000
    expect(localCloud.engine.lastPlan!.docsExamined).toBeLessThanOrEqual(60)
  })

  test('ascending on a descending index (reverse scan), ranges, cursor pagination', async () => {
    const _ = db.command
    const first = await data(db.collection('reports').where({ villageId: 'v1' }).orderBy('createdAt', 'asc').limit(3).get())
    expect(first.map((r) => r.n)).toEqual([1, 11, 21])
    const cursor = first[2].createdAt as Date
    const next = await data(
      db
        .collection('reports')
        .where({ villageId: 'v1', createdAt: _.gt(cursor) })
        .orderBy('createdAt', 'asc')
        .limit(3)
        .get()
    )
    expect(next.map((r) => r.n)).toEqual([31, 41, 51])
    expect(localCloud.engine.lastPlan).toMatchObject({ served: true, docsExamined: 3 })
  })

  test('$in on the sorted field merges in order; multikey arrays; $or index union', async () => {
    const _ = db.command
    const inRows = await data(
      db
        .collection('reports')
        .where({ status: _.in(['open', 'zzz']) })
        .orderBy('status', 'asc')
        .orderBy('createdAt', 'desc')
        .limit(3)
        .get()
    )
    expect(inRows.map((r) => r.n)).toEqual([99900, 99800, 99700])
    expect(localCloud.engine.lastPlan).toMatchObject({ served: true, docsExamined: 3 })

    const tagged = await data(db.collection('reports').where({ tags: 'k3' }).orderBy('createdAt', 'desc').limit(2).get())
    expect(tagged.map((r) => r.n)).toEqual([99999 - ((99999 - 3) % 7), 99999 - ((99999 - 3) % 7) - 7])
    expect(localCloud.engine.lastPlan).toMatchObject({ plan: 'index:tags', served: true, docsExamined: 2 })

    const either = await data(
      db
        .collection('reports')
        .where(_.or([{ villageId: 'v2' }, { status: 'open' }]))
        .orderBy('createdAt', 'desc')
        .limit(4)
        .get()
    )
    expect(either.map((r) => r.n)).toEqual([99992, 99982, 99972, 99962])
    expect(localCloud.engine.lastPlan).toMatchObject({ served: true })
    expect(localCloud.engine.lastPlan!.docsExamined).toBeLessThanOrEqual(10)
  })

  test('_id lookups use the primary key', async () => {
    const _ = db.command
    const rows = await data(
      db
        .collection('reports')
        .where({ _id: _.in(['r5', 'r7', 'nope']) })
        .get()
    )
    expect(rows.map((r) => r._id).sort()).toEqual(['r5', 'r7'])
    expect(localCloud.engine.lastPlan).toMatchObject({ plan: '_id', docsExamined: 2 })
  })

  test('count with an index-served filter reads no documents', async () => {
    const _ = db.command
    const r = (await db.collection('reports').where({ villageId: 'v4' }).count()) as { total: number }
    expect(r.total).toBe(N / 10)
    expect(localCloud.engine.lastPlan).toMatchObject({ plan: 'index:village_created', docsExamined: 0, keysExamined: 0 })
    const ranged = (await db
      .collection('reports')
      .where({ villageId: 'v4', createdAt: _.gte(new Date(Date.UTC(2026, 0, 1) + 50_000 * 1000)) })
      .count()) as { total: number }
    expect(ranged.total).toBe(5000)
    expect(localCloud.engine.lastPlan!.docsExamined).toBe(0)
  })

  test('an unindexed query still answers, is recorded as a warning and printed', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
    const before = localCloud.warnings.length
    try {
      const rows = await data(db.collection('reports').where({ n: 42 }).get())
      expect(rows.map((r) => r._id)).toEqual(['r42'])
      const fresh = localCloud.warnings.slice(before)
      expect(fresh).toEqual([expect.objectContaining({ collection: 'reports', filter: { n: 'number' }, message: expect.stringMatching(/unindexed query on reports/) })])
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/unindexed query on reports/))
      expect(localCloud.engine.lastPlan).toMatchObject({ served: false, docsExamined: N })
    } finally {
      // this test deliberately ran one: mark it allowed so the setup guard does not fail the test
      for (const w of localCloud.warnings.slice(before)) w.allowed = true
      warn.mockRestore()
    }
  })

  test('a $lookup with let + pipeline joins through an index ($expr equality on a let variable, plain conditions); others are warned about', async () => {
    const _ = db.command
    const $ = _.aggregate
    if (!localCloud.engine.hasCollection('hubs')) localCloud.engine.createCollection('hubs')
    localCloud.engine.insert('hubs', [
      { _id: 'h0', villageId: 'v0', tag: 'k3' },
      { _id: 'h1', villageId: 'v1', tag: 'k3' }
    ])
    const join = (pipeline: unknown[]) =>
      db
        .collection('hubs')
        .aggregate()
        .match({ _id: _.in(['h0', 'h1']) })
        .sort({ _id: 1 })
        .lookup({ from: 'reports', let: { v: '$villageId', t: '$tag' }, pipeline, as: 'joined' })
        .end() as Promise<{ list: Array<{ _id: string; joined: Array<{ _id: string; n?: number }> }> }>
    const open = await join(
      $.pipeline()
        .match(_.and([{ status: 'open' }, _.expr($.eq(['$villageId', '$$v']))]))
        .project({ n: 1 })
        .limit(1000)
        .done()
    )
    // v0 has every 100th report open (1000 of them), v1 none: each hub's join reads its village's rows, not 100 000
    expect(open.list.map((h) => [h._id, h.joined.length])).toEqual([
      ['h0', 1000],
      ['h1', 0]
    ])
    // (in no particular order, as in the cloud) the projected rows
    expect(open.list[0].joined).toContainEqual({ _id: 'r100', n: 100 })
    expect(open.list[0].joined.every((r) => Object.keys(r).length === 2 && (r.n as number) % 100 === 0)).toBe(true)
    expect(localCloud.engine.lastPlan).toMatchObject({ collection: 'reports', op: 'aggregate $lookup', served: true })
    expect(localCloud.engine.lastPlan!.docsExamined).toBeLessThanOrEqual(N / 10)

    const before = localCloud.warnings.length
    // an $expr equality on an array field: the cloud cannot use a multikey index there
    await allowUnindexed(() =>
      join(
        $.pipeline()
          .match(_.expr($.eq(['$tags', '$$t'])))
          .limit(1)
          .done()
      )
    )
    // no $match an index can serve ($in is not an equality): the whole collection
    const anyOf = await allowUnindexed(() =>
      join(
        $.pipeline()
          .match(_.expr($.in(['$villageId', ['$$v']])))
          .limit(1)
          .done()
      )
    )
    expect(anyOf.list.map((h) => h.joined.length)).toEqual([1, 1])
    expect(localCloud.warnings.slice(before).map((w) => w.message)).toEqual([
      expect.stringMatching(/unindexed \$lookup pipeline from hubs into reports: an \$expr equality cannot use the multikey index tags/),
      expect.stringMatching(/unindexed \$lookup pipeline from hubs into reports: an \$expr equality cannot use the multikey index tags/),
      expect.stringMatching(/unindexed \$lookup pipeline from hubs into reports: its pipeline does not start with a \$match an index can serve/),
      expect.stringMatching(/unindexed \$lookup pipeline from hubs into reports: its pipeline does not start with a \$match an index can serve/)
    ])
  })

  test('a sort that the index does not give is reported, inside allowUnindexed it is allowed', async () => {
    const before = localCloud.warnings.length
    const rows = await allowUnindexed(() => data(db.collection('reports').where({ villageId: 'v3' }).orderBy('n', 'asc').limit(2).get()))
    expect(rows.map((r) => r.n)).toEqual([3, 13])
    expect(localCloud.warnings.slice(before)).toEqual([expect.objectContaining({ allowed: true, sort: { n: 1 }, message: expect.stringMatching(/not covered by index/) })])
  })
})

test('the jest setup fails a test that runs an unindexed query (checked in a child jest run)', () => {
  const root = path.resolve(__dirname, '../..')
  const res = spawnSync(
    process.execPath,
    [require.resolve('jest/bin/jest'), '--selectProjects', 'node', '--runTestsByPath', 'test/local-cloud/setup-guard.fixture.test.ts', '--ci', '--colors=false'],
    {
      cwd: root,
      env: { ...process.env, LOCAL_CLOUD_GUARD_FIXTURE: '1' },
      encoding: 'utf8',
      timeout: 60_000
    }
  )
  const out = res.stdout + res.stderr
  expect(out).toMatch(/✕ runs an unindexed query/)
  expect(out).toMatch(/This test ran 1 unindexed query/)
  expect(out).toMatch(/✓ runs the same query inside allowUnindexed/)
  expect(out).toMatch(/✓ runs an indexed query/)
  expect(res.status).toBe(1)
}, 60_000)
