/** The database through the REAL wx-server-sdk: reads, writes, every operator, limits, errors, types. */
import { localCloud } from '../../local-cloud'
import { allowUnindexed } from '../setup/local-cloud'
import { data, errorOf, freshCloud, idx, sdk, type Database } from './helpers'

type Row = Record<string, unknown>

let db: Database

beforeEach(() => {
  db = freshCloud({
    items: [idx('cat_price', ['cat', 1], ['price', -1]), idx('tags', ['tags', 1]), idx('n', ['n', 1])],
    other: [idx('ref', ['ref', 1])]
  })
})

describe('add / get', () => {
  test('add returns _id; doc().get returns the document with types preserved', async () => {
    const when = new Date('2026-03-01T08:00:00Z')
    const res = (await db.collection('items').add({ data: { cat: 'a', price: 3, when, nested: { x: [1, 'y', null] }, f: 1.5 } })) as { _id: string }
    expect(res._id).toMatch(/^[0-9a-f]{32}$/)
    const got = (await db.collection('items').doc(res._id).get()) as { data: Row }
    expect(got.data).toEqual({ _id: res._id, cat: 'a', price: 3, when, nested: { x: [1, 'y', null] }, f: 1.5 })
    expect(got.data.when).toBeInstanceOf(Date)
  })

  test('add with an array inserts all and returns _ids; explicit _id is kept; duplicate _id fails', async () => {
    const r = (await db.collection('items').add({ data: [{ _id: 'x1', n: 1 }, { n: 2 }] as never })) as unknown as { _ids: string[] }
    expect(r._ids[0]).toBe('x1')
    expect(r._ids).toHaveLength(2)
    const e = await errorOf(db.collection('items').add({ data: { _id: 'x1', n: 3 } as never }))
    expect(e.errCode).toBe(-502001)
    expect(e.errMsg).toMatch(/E11000 duplicate key/)
    expect(localCloud.engine.count('items', {})).toBe(2)
  })

  test('serverDate becomes the server time, with offset', async () => {
    const before = Date.now()
    const { _id } = (await db.collection('items').add({ data: { a: db.serverDate(), b: db.serverDate({ offset: 60_000 }) } })) as { _id: string }
    const doc = localCloud.engine.get('items', _id)!
    const a = (doc.a as Date).getTime()
    expect(a).toBeGreaterThanOrEqual(before)
    expect(a).toBeLessThanOrEqual(Date.now())
    expect((doc.b as Date).getTime() - a).toBe(60_000)
  })

  test('doc().get of a missing document throws (throwOnNotFound) or gives null', async () => {
    const e = await errorOf(db.collection('items').doc('nope').get())
    expect(e.errMsg).toMatch(/does not exist/)
    const lenient = sdk().database({ throwOnNotFound: false } as never)
    const r = (await lenient.collection('items').doc('nope').get()) as { data: unknown }
    expect(r.data).toBeNull()
  })

  test('unknown collection → errCode -502005 for every kind of call', async () => {
    const c = db.collection('missing_coll')
    for (const p of [
      c.get(),
      c.add({ data: { a: 1 } }),
      c.doc('x').get(),
      c.where({ a: 1 }).update({ data: { a: 2 } }),
      c.where({ a: 1 }).count(),
      c.where({ a: 1 }).remove(),
      c.aggregate().match({ a: 1 }).end()
    ]) {
      const e = await errorOf(p as Promise<unknown>)
      expect(e.errCode).toBe(-502005)
    }
  })

  test('createCollection creates, a second time fails', async () => {
    await db.createCollection('made_at_runtime')
    await db.collection('made_at_runtime').add({ data: { a: 1 } })
    expect(localCloud.engine.collectionNames()).toContain('made_at_runtime')
    const e = await errorOf(db.createCollection('made_at_runtime'))
    expect(e.errCode).toBe(-501001)
  })
})

describe('queries', () => {
  beforeEach(async () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ _id: `i${String(i).padStart(2, '0')}`, cat: i % 3 === 0 ? 'a' : 'b', price: i, n: i, tags: i % 2 ? ['odd', `t${i}`] : ['even'] }))
    localCloud.engine.insert('items', rows)
  })

  test('where + orderBy + skip + limit + field', async () => {
    const rows = await data(db.collection('items').where({ cat: 'a' }).orderBy('price', 'desc').skip(2).limit(3).field({ price: true }).get())
    expect(rows).toEqual([
      { _id: 'i21', price: 21 },
      { _id: 'i18', price: 18 },
      { _id: 'i15', price: 15 }
    ])
  })

  test('ascending order on a descending index is served by a reverse scan', async () => {
    const rows = await data(db.collection('items').where({ cat: 'a' }).orderBy('price', 'asc').limit(3).get())
    expect(rows.map((r) => r.price)).toEqual([0, 3, 6])
    expect(localCloud.engine.lastPlan).toMatchObject({ plan: 'index:cat_price', served: true, docsExamined: 3 })
  })

  test('comparison, logical, array and element operators', async () => {
    const _ = db.command
    const ids = async (q: object) => (await data(db.collection('items').where(q).get())).map((r) => r.n as number).sort((a, b) => a - b)
    expect(await ids({ n: _.gt(25) })).toEqual([26, 27, 28, 29])
    expect(await ids({ n: _.gte(3).and(_.lt(6)) })).toEqual([3, 4, 5])
    expect(await ids({ n: _.in([1, 2, 99]) })).toEqual([1, 2])
    expect(await ids({ n: _.lte(3), cat: _.neq('a') })).toEqual([1, 2])
    expect(await ids({ n: _.lt(5).or(_.gt(27)) })).toEqual([0, 1, 2, 3, 4, 28, 29])
    expect(await ids({ tags: 't7' })).toEqual([7])
    expect(await ids(_.or([{ n: 1 }, { cat: 'a', price: _.lt(7) }]))).toEqual([0, 1, 3, 6])
    await allowUnindexed(async () => {
      expect(await ids({ n: _.nin([0, 1, 2]).and(_.lt(5)) })).toEqual([3, 4])
      expect(await ids(_.or([{ n: 1 }, { missing: 2 }]))).toEqual([1])
      expect(await ids({ tags: _.all(['odd', 't9']) })).toEqual([9])
      expect(await ids({ tags: _.size(1), n: _.lt(5) })).toEqual([0, 2, 4])
      expect(await ids({ n: _.mod([10, 3]) })).toEqual([3, 13, 23])
      expect(await ids({ missing: _.exists(false), n: _.lt(2) })).toEqual([0, 1])
      expect(await ids({ tags: _.elemMatch(_.eq('t11')) })).toEqual([11])
      expect(await ids({ cat: db.RegExp({ regexp: '^A$', options: 'i' }), n: _.lt(7) })).toEqual([0, 3, 6])
      expect(await ids({ cat: /^a$/, n: _.lt(4) })).toEqual([0, 3])
      expect(await ids(_.nor([{ n: _.gt(1) }]))).toEqual([0, 1])
    })
  })

  test('default limit is 100 and the server never returns more than 1000', async () => {
    localCloud.engine.insert(
      'items',
      Array.from({ length: 1500 }, (_, i) => ({ cat: 'z', price: i }))
    )
    expect(await data(db.collection('items').where({ cat: 'z' }).get())).toHaveLength(100)
    expect(await data(db.collection('items').where({ cat: 'z' }).limit(5000).get())).toHaveLength(1000)
    expect(await data(db.collection('items').where({ cat: 'z' }).limit(1000).skip(1000).get())).toHaveLength(500)
    expect(() => localCloud.engine.find('items', { cat: 'z' }, { limit: 1001 })).toThrow(/1000/)
  })

  test('a second where() replaces the first (SDK behaviour)', async () => {
    const rows = await data(db.collection('items').where({ cat: 'a' }).where({ n: 1 }).get())
    expect(rows.map((r) => r.n)).toEqual([1])
  })

  test('count uses the filter', async () => {
    const r = (await db.collection('items').where({ cat: 'a' }).count()) as { total: number }
    expect(r.total).toBe(10)
  })
})

describe('updates', () => {
  test('doc().update with every update operator', async () => {
    const _ = db.command
    localCloud.engine.insert('items', {
      _id: 'u1',
      a: 1,
      b: [3],
      c: [1],
      c2: [1],
      d: [1, 2, 3],
      e: 5,
      f: 2,
      g: [1, 2, 3],
      r: [1, 2],
      m: [1, 2, 1],
      low: 5,
      high: 1,
      old: 'v',
      s: [2],
      obj: { keep: true }
    })
    const res = (await db
      .collection('items')
      .doc('u1')
      .update({
        data: {
          a: _.inc(2),
          b: _.push({ each: [1, 2], position: 0 }),
          c: _.addToSet(3),
          c2: _.addToSet({ $each: [1, 4, 4] }),
          d: _.pull(_.in([1])),
          e: _.remove(),
          f: _.mul(3),
          g: _.pop(),
          r: _.shift(),
          m: _.pullAll([1]),
          low: _.min(2),
          high: _.max(9),
          old: _.rename('renamed'),
          s: _.unshift([1]),
          'obj.added': 1,
          whole: _.set({ k: 1 }),
          at: db.serverDate()
        }
      })) as { stats: { updated: number } }
    expect(res.stats.updated).toBe(1)
    const doc = localCloud.engine.get('items', 'u1')!
    expect(doc).toMatchObject({
      a: 3,
      b: [1, 2, 3],
      c: [1, 3],
      c2: [1, 4],
      d: [2, 3],
      f: 6,
      g: [1, 2],
      r: [2],
      m: [2],
      low: 2,
      high: 9,
      renamed: 'v',
      s: [1, 2],
      obj: { keep: true, added: 1 },
      whole: { k: 1 }
    })
    expect(doc).not.toHaveProperty('e')
    expect(doc).not.toHaveProperty('old')
    expect(doc.at).toBeInstanceOf(Date)
  })

  test('a conditional increment of nested fields by id (a vote on a tally): and of ors with exists(false), dotted paths, serialised under concurrency', async () => {
    const _ = db.command
    await db.collection('items').add({ data: { _id: 't1', closed: false, counts: {}, ballots: {} } as never })
    const under = (field: string, n: number) => _.or([{ [field]: _.lt(n) }, { [field]: _.exists(false) }])
    const vote = (key: string, cand: string) =>
      db
        .collection('items')
        .where(_.and([{ _id: 't1', closed: _.neq(true) }, under(`ballots.${key}.d.d20261105`, 2), under(`ballots.${key}.t`, 3)]))
        .update({ data: { [`counts.${cand}`]: _.inc(1), [`ballots.${key}.t`]: _.inc(1), [`ballots.${key}.d.d20261105`]: _.inc(1) } }) as Promise<{ stats: { updated: number } }>
    // 50 taps of one ballot at once with 2 a day: exactly 2 land; 10 other ballots once each
    const results = await Promise.all([...Array.from({ length: 50 }, () => vote('hb_a-B_1', 'c1')), ...Array.from({ length: 10 }, (_x, i) => vote(`hb_k${i}`, 'c2'))])
    expect(results.filter((r) => r.stats.updated === 1)).toHaveLength(12)
    const doc = localCloud.engine.get('items', 't1') as { counts: Record<string, number>; ballots: Record<string, { t: number; d: Record<string, number> }> }
    expect(doc.counts).toEqual({ c1: 2, c2: 10 })
    expect(doc.ballots['hb_a-B_1']).toEqual({ t: 2, d: { d20261105: 2 } })
    // a projection of dotted paths by id: one count and one ballot, not the rest
    const got = await data(db.collection('items').where({ _id: 't1' }).field({ 'counts.c1': true, 'ballots.hb_k3': true, closed: true }).get())
    expect(got).toEqual([{ _id: 't1', closed: false, counts: { c1: 2 }, ballots: { hb_k3: { t: 1, d: { d20261105: 1 } } } }])
    // closed: nothing matches any more
    await db
      .collection('items')
      .where({ _id: 't1' })
      .update({ data: { closed: true } })
    expect((await vote('hb_new', 'c1')).stats.updated).toBe(0)
    expect((localCloud.engine.get('items', 't1') as { counts: object }).counts).toEqual({ c1: 2, c2: 10 })
  })

  test('doc().set replaces (merge:false) and creates when missing (upsert)', async () => {
    localCloud.engine.insert('items', { _id: 's1', a: 1, b: 2 })
    const r1 = (await db
      .collection('items')
      .doc('s1')
      .set({ data: { c: 3 } })) as { stats: { updated: number; created: number } }
    expect(r1.stats).toEqual({ updated: 1, created: 0 })
    expect(localCloud.engine.get('items', 's1')).toEqual({ _id: 's1', c: 3 })
    const r2 = (await db
      .collection('items')
      .doc('s2')
      .set({ data: { d: 4 } })) as { stats: { updated: number; created: number } }
    expect(r2.stats).toEqual({ updated: 0, created: 1 })
    expect(localCloud.engine.get('items', 's2')).toEqual({ _id: 's2', d: 4 })
  })

  test('update of a missing document updates 0; updating _id is refused', async () => {
    const r = (await db
      .collection('items')
      .doc('none')
      .update({ data: { a: 1 } })) as { stats: { updated: number } }
    expect(r.stats.updated).toBe(0)
    expect(localCloud.engine.count('items', {})).toBe(0)
    localCloud.engine.insert('items', { _id: 'k', n: 1 })
    const e = await errorOf(
      db
        .collection('items')
        .where({ n: 1 })
        .update({ data: { _id: 'other' } as never })
    )
    expect(e.errCode).toBe(-501007) // refused by the SDK itself
    expect(() => localCloud.engine.update('items', { n: 1 }, { $set: { _id: 'other' } })).toThrow(/immutable field '_id'/)
  })

  test('where().update is multi; remove removes the matches; updated counts changed documents', async () => {
    const _ = db.command
    localCloud.engine.insert('items', [
      { cat: 'a', price: 1 },
      { cat: 'a', price: 2 },
      { cat: 'b', price: 3 }
    ])
    const up = (await db
      .collection('items')
      .where({ cat: 'a' })
      .update({ data: { price: _.inc(10) } })) as { stats: { updated: number } }
    expect(up.stats.updated).toBe(2)
    const same = (await db
      .collection('items')
      .where({ cat: 'b' })
      .update({ data: { price: 3 } })) as { stats: { updated: number } }
    expect(same.stats.updated).toBe(0)
    expect(localCloud.engine.find('items', { cat: 'a' }, { sort: { cat: 1, price: -1 } }).map((d) => d.price)).toEqual([12, 11])
    const rm = (await db.collection('items').where({ cat: 'a' }).remove()) as { stats: { removed: number } }
    expect(rm.stats.removed).toBe(2)
    expect(localCloud.engine.count('items', {})).toBe(1)
  })
})

describe('aggregate', () => {
  beforeEach(() => {
    localCloud.engine.insert('items', [
      { _id: 'p1', cat: 'a', price: 10, tags: ['x', 'y'] },
      { _id: 'p2', cat: 'a', price: 20, tags: ['x'] },
      { _id: 'p3', cat: 'b', price: 5, tags: [] }
    ])
    localCloud.engine.insert('other', [
      { ref: 'a', label: 'A' },
      { ref: 'b', label: 'B' }
    ])
  })

  test('match / group / sort / lookup / project', async () => {
    const $ = db.command.aggregate
    const res = (await db
      .collection('items')
      .aggregate()
      .match({ cat: db.command.in(['a', 'b']) })
      .group({ _id: '$cat', total: $.sum('$price'), n: $.sum(1), avg: $.avg('$price') })
      .sort({ total: -1 })
      .lookup({ from: 'other', localField: '_id', foreignField: 'ref', as: 'info' })
      .project({ total: 1, n: 1, avg: 1, label: $.arrayElemAt(['$info.label', 0]) })
      .end()) as { list: Row[] }
    expect(res.list).toEqual([
      { _id: 'a', total: 30, n: 2, avg: 15, label: 'A' },
      { _id: 'b', total: 5, n: 1, avg: 5, label: 'B' }
    ])
  })

  test('unwind + count + sortByCount', async () => {
    const unwound = (await db.collection('items').aggregate().match({ cat: 'a' }).unwind('$tags').sortByCount('$tags').end()) as { list: Row[] }
    expect(unwound.list).toEqual([
      { _id: 'x', count: 2 },
      { _id: 'y', count: 1 }
    ])
    const counted = (await db.collection('items').aggregate().match({ cat: 'a' }).count('n').end()) as { list: Row[] }
    expect(counted.list).toEqual([{ n: 2 }])
  })

  test('without $limit the server returns at most 20 rows (as measured on the cloud)', async () => {
    localCloud.engine.insert(
      'items',
      Array.from({ length: 30 }, (_, i) => ({ cat: 'c', price: i }))
    )
    const r = (await db.collection('items').aggregate().match({ cat: 'c' }).end()) as { list: Row[] }
    expect(r.list).toHaveLength(20)
    const r2 = (await db.collection('items').aggregate().match({ cat: 'c' }).limit(25).end()) as { list: Row[] }
    expect(r2.list).toHaveLength(25)
  })

  test('an aggregate not starting with $match is an unindexed read of the whole collection', async () => {
    const before = localCloud.warnings.length
    await allowUnindexed(() =>
      db
        .collection('items')
        .aggregate()
        .group({ _id: null, n: db.command.aggregate.sum(1) })
        .end()
    )
    expect(localCloud.warnings.slice(before)).toEqual([expect.objectContaining({ collection: 'items', allowed: true, message: expect.stringMatching(/does not start with \$match/) })])
  })
})

describe('geo', () => {
  const base: [number, number] = [120.1551, 30.2741]
  // ~1 m of latitude = 1/111195 degrees
  const north = (m: number) => db.Geo.Point(base[0], base[1] + m / 111195)

  beforeEach(() => {
    localCloud.engine.createCollection('places', [{ name: 'loc_geo', keys: [{ field: 'loc', direction: '2dsphere' }] }])
  })

  test('$nearSphere within ~100 m, nearest first; geoWithin circle and polygon; geoIntersects', async () => {
    const _ = db.command
    await db.collection('places').add({
      data: [
        { name: 'p50', loc: north(50) },
        { name: 'p90', loc: north(90) },
        { name: 'p150', loc: north(150) },
        { name: 'far', loc: db.Geo.Point(121, 31) }
      ] as never
    })
    const near = await data(
      db
        .collection('places')
        .where({ loc: _.geoNear({ geometry: db.Geo.Point(base[0], base[1]), maxDistance: 100 }) })
        .get()
    )
    expect(near.map((r) => r.name)).toEqual(['p50', 'p90'])
    expect(localCloud.engine.lastPlan).toMatchObject({ plan: 'geo:loc_geo', served: true })
    expect(near[0].loc).toMatchObject({ longitude: base[0] })

    const within = await data(
      db
        .collection('places')
        .where({ loc: _.geoWithin({ centerSphere: [db.Geo.Point(base[0], base[1]), 120 / 6378100] }) })
        .get()
    )
    expect(within.map((r) => r.name).sort()).toEqual(['p50', 'p90'])

    const square = db.Geo.Polygon([db.Geo.LineString([db.Geo.Point(120.9, 30.9), db.Geo.Point(121.1, 30.9), db.Geo.Point(121.1, 31.1), db.Geo.Point(120.9, 31.1), db.Geo.Point(120.9, 30.9)])])
    const inPoly = await data(
      db
        .collection('places')
        .where({ loc: _.geoWithin({ geometry: square }) })
        .get()
    )
    expect(inPoly.map((r) => r.name)).toEqual(['far'])
    const hit = await data(
      db
        .collection('places')
        .where({ loc: _.geoIntersects({ geometry: square }) })
        .get()
    )
    expect(hit.map((r) => r.name)).toEqual(['far'])
  })

  test('$nearSphere without a 2dsphere index fails like the cloud', async () => {
    const _ = db.command
    const e = await errorOf(
      db
        .collection('items')
        .where({ loc: _.geoNear({ geometry: db.Geo.Point(1, 2), maxDistance: 10 }) })
        .get()
    )
    expect(e.errCode).toBe(-502001)
    expect(e.errMsg).toMatch(/2dsphere/)
  })
})
