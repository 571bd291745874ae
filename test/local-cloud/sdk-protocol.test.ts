/**
 * Golden fixtures of the protocol: the exact (action, params) the REAL wx-server-sdk sends to the
 * database, and the arguments it gives CloudBase's storage / openapi / callFunction methods, for a
 * representative set of operations. An SDK upgrade that changes any of it fails here.
 *
 * Regenerate (after checking the local cloud still understands the new protocol):
 *   UPDATE_SDK_FIXTURES=1 npx jest --selectProjects node test/local-cloud/sdk-protocol
 * Only volatile values are normalised: transaction ids.
 */
import fs from 'node:fs'
import path from 'node:path'
import { localCloud } from '../../local-cloud'
import { decodeCommApiData } from '../../local-cloud/pb'
import { allowUnindexed } from '../setup/local-cloud'
import { freshCloud, idx, sdk, type Database } from './helpers'

const FIXTURES = path.resolve(__dirname, '../fixtures/sdk')
const UPDATE = process.env.UPDATE_SDK_FIXTURES === '1'

type Tx = {
  collection(n: string): {
    doc(id: string): { get(): Promise<unknown>; set(o: { data: object }): Promise<unknown>; update(o: { data: object }): Promise<unknown>; remove(): Promise<unknown> }
    add(o: { data: object }): Promise<unknown>
  }
  rollback(): Promise<unknown>
}
type OpenApi = Record<string, Record<string, (data: object) => Promise<unknown>>>

const T0 = new Date('2026-01-02T03:04:05.678Z')

const scenarios: Record<string, (db: Database) => Promise<unknown>> = {
  'get-where-order-skip-limit-field': (db) => db.collection('p').where({ a: 1, b: 'x' }).orderBy('c', 'desc').orderBy('d', 'asc').skip(10).limit(20).field({ a: true, b: false, 'e.f': true }).get(),
  'get-defaults-and-limit-cap': async (db) => {
    await db.collection('p').get()
    await db.collection('p').limit(5000).get()
  },
  'get-query-operators': (db) => {
    const _ = db.command
    return db
      .collection('p')
      .where({
        n: _.gt(1).and(_.lte(5)),
        s: _.in(['a', 'b']),
        t: _.nin([1]),
        u: _.neq(null),
        v: _.exists(true),
        w: db.RegExp({ regexp: '^ab', options: 'i' }),
        x: _.elemMatch({ k: _.gte(2) }),
        y: _.size(3),
        z: _.all(['p', 'q']),
        m: _.mod([4, 1]),
        d: _.lt(T0),
        o: _.or([{ q: 1 }, { q: 2 }])
      })
      .get()
  },
  'get-top-level-or-nor': async (db) => {
    const _ = db.command
    await db
      .collection('p')
      .where(_.or([{ a: 1 }, { b: _.lt(2) }]))
      .get()
    await db
      .collection('p')
      .where(_.nor([{ a: 1 }]))
      .get()
    await db
      .collection('p')
      .where({ a: _.not(_.eq(1)) })
      .get()
  },
  'doc-get': (db) =>
    db
      .collection('p')
      .doc('id-1')
      .field({ a: true })
      .get()
      .catch(() => null),
  'add-single-and-batch': async (db) => {
    await db.collection('p').add({
      data: {
        _id: 'add-1',
        i: 1,
        f: 1.5,
        big: 2 ** 40,
        neg: -3,
        s: 'x',
        b: true,
        n: null,
        d: T0,
        arr: [1, 'a', { k: [T0] }],
        nested: { deep: { x: 1 } },
        at: db.serverDate(),
        later: db.serverDate({ offset: 3600_000 }),
        loc: db.Geo.Point(120.1, 30.2)
      } as never
    })
    await db.collection('p').add({
      data: [
        { _id: 'add-2', i: 2 },
        { _id: 'add-3', i: 3 }
      ] as never
    })
  },
  'doc-set': (db) =>
    db
      .collection('p')
      .doc('set-1')
      .set({ data: { a: 1, d: T0, o: { x: [1, 2] } } }),
  'doc-update-operators': (db) => {
    const _ = db.command
    return db
      .collection('p')
      .doc('u-1')
      .update({
        data: {
          inc: _.inc(1),
          mul: _.mul(2),
          set: _.set({ k: 1 }),
          rm: _.remove(),
          push: _.push(1),
          pushEach: _.push({ each: [1, 2], position: 0, slice: 5, sort: 1 }),
          unshift: _.unshift([0]),
          pop: _.pop(),
          shift: _.shift(),
          pull: _.pull(_.gt(3)),
          pullAll: _.pullAll([1, 2]),
          addToSet: _.addToSet({ $each: [1, 2] }),
          min: _.min(0),
          max: _.max(9),
          rename: _.rename('renamed'),
          'dotted.path': 1,
          plain: { nested: true },
          date: T0,
          now: db.serverDate()
        }
      })
  },
  'where-update-multi-and-single': async (db) => {
    const _ = db.command
    await db
      .collection('p')
      .where({ a: 1 })
      .update({ data: { b: _.inc(1) } })
    await (db.collection('p').where({ a: 2 }) as unknown as { update(o: object): Promise<unknown> }).update({ data: { c: 3 }, multi: false })
  },
  'remove-where-and-doc': async (db) => {
    await db.collection('p').where({ a: 1 }).remove()
    await db.collection('p').doc('r-1').remove()
  },
  count: (db) =>
    db
      .collection('p')
      .where({ a: db.command.gt(1) })
      .count(),
  aggregate: (db) => {
    const _ = db.command
    const $ = _.aggregate
    return db
      .collection('p')
      .aggregate()
      .match({ a: _.gte(1), d: _.lt(T0) })
      .unwind('$tags')
      .group({ _id: '$tags', n: $.sum(1), total: $.sum('$v'), first: $.first('$a') })
      .sort({ n: -1, _id: 1 })
      .lookup({ from: 'q', localField: '_id', foreignField: 'ref', as: 'refs' })
      .project({ _id: 0, tag: '$_id', n: 1, refs: $.size('$refs') })
      .skip(1)
      .limit(10)
      .end()
  },
  'aggregate-count': (db) => db.collection('p').aggregate().match({ a: 1 }).count('total').end(),
  'transaction-run-commit': (db) =>
    (db.runTransaction as unknown as (f: (t: Tx) => Promise<unknown>) => Promise<unknown>)(async (t) => {
      await t
        .collection('p')
        .doc('tx-1')
        .get()
        .catch(() => null)
      await t.collection('p').add({ data: { _id: 'tx-2', a: 1 } })
      await t
        .collection('p')
        .doc('tx-3')
        .set({ data: { a: 2 } })
      await t
        .collection('p')
        .doc('tx-2')
        .update({ data: { a: db.command.inc(1) } })
      await t.collection('p').doc('tx-3').remove()
    }),
  'transaction-start-rollback': async (db) => {
    const t = (await db.startTransaction()) as unknown as Tx
    await t
      .collection('p')
      .doc('tx-4')
      .set({ data: { a: 1 } })
    await t.rollback()
  },
  'server-date-in-query-and-update': (db) =>
    db
      .collection('p')
      .where({ expireAt: db.command.lt(db.serverDate()) })
      .update({ data: { touchedAt: db.serverDate({ offset: -1000 }) } }),
  geo: async (db) => {
    const _ = db.command
    await db
      .collection('g')
      .where({ loc: _.geoNear({ geometry: db.Geo.Point(120, 30), maxDistance: 100, minDistance: 1 }) })
      .get()
    await db
      .collection('g')
      .where({ loc: _.geoWithin({ centerSphere: [db.Geo.Point(120, 30), 0.001] }) })
      .get()
    const ring = db.Geo.LineString([db.Geo.Point(0, 0), db.Geo.Point(1, 0), db.Geo.Point(1, 1), db.Geo.Point(0, 0)])
    await db
      .collection('g')
      .where({ loc: _.geoWithin({ geometry: db.Geo.Polygon([ring]) }) })
      .get()
    await db
      .collection('g')
      .where({ loc: _.geoIntersects({ geometry: db.Geo.Point(120, 30) }) })
      .get()
  },
  'create-collection': (db) => db.createCollection('made_here'),
  'openapi-frames': async () => {
    const api = sdk().openapi as unknown as OpenApi
    await api.security.msgSecCheck({ content: '内容', version: 2, scene: 2, openid: 'o1', title: 't' })
    await api.security.imgSecCheck({ media: { contentType: 'image/png', value: Buffer.from([1, 2, 3]) } })
    await api.subscribeMessage.send({ touser: 'o1', templateId: 'tpl', page: 'pages/a?x=1', data: { thing1: { value: 'v' } }, miniprogramState: 'trial' })
    await api.wxacode.getUnlimited({ scene: 'id=1', page: 'pages/a', checkPath: false, envVersion: 'trial', width: 280 })
  },
  'storage-and-function-calls': async () => {
    const cloud = sdk()
    localCloud.registerFunction('fx', async () => 1)
    await cloud.uploadFile({ cloudPath: 'dir/f.txt', fileContent: Buffer.from('abc') })
    await cloud.getTempFileURL({ fileList: ['cloud://local-env.local/dir/f.txt', { fileID: 'cloud://local-env.local/dir/f.txt', maxAge: 60 }] as never })
    await cloud.downloadFile({ fileID: 'cloud://local-env.local/dir/f.txt' })
    await cloud.deleteFile({ fileList: ['cloud://local-env.local/dir/f.txt'] })
    await cloud.callFunction({ name: 'fx', data: { a: 1, d: T0 } })
  }
}

function normalise(v: unknown): unknown {
  if (Buffer.isBuffer(v)) return { $buffer: v.toString('base64') }
  if (Array.isArray(v)) return v.map(normalise)
  if (v instanceof Date) return { $date: v.toISOString() }
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) {
      if (typeof x === 'function') continue
      out[k] = k === 'transactionId' && typeof x === 'string' ? '<transactionId>' : normalise(x)
    }
    return out
  }
  return v
}

function frame(method: string, args: unknown): unknown {
  if (method === 'callCompatibleWxOpenApi') {
    const a = args as { apiName: string; requestData: Buffer; cgiName?: string }
    const req = decodeCommApiData(a.requestData)
    return {
      apiName: a.apiName,
      cgiName: a.cgiName,
      apiType: req.apiType,
      appid: req.appid,
      pairs: req.pairs.map((p) => ({ key: p.key, value: p.filename ? { $buffer: p.value.toString('base64') } : p.value.toString('utf8'), contenttype: p.contenttype, filename: p.filename }))
    }
  }
  return normalise(args)
}

async function capture(name: string, run: (db: Database) => Promise<unknown>): Promise<unknown[]> {
  const db = freshCloud({ p: [idx('a', ['a', 1])], q: [idx('ref', ['ref', 1])], g: [{ name: 'loc', keys: [{ field: 'loc', direction: '2dsphere' }] }] })
  const sends: unknown[] = []
  const off1 = localCloud.onSend((action, params) => sends.push(['db', action, normalise(params)]))
  const off2 = localCloud.onCloudCall((method, args) => sends.push(['cloud', method, frame(method, args)]))
  try {
    await allowUnindexed(() => run(db).catch(() => undefined))
  } finally {
    off1()
    off2()
  }
  expect(sends.length).toBeGreaterThan(0)
  void name
  return sends
}

const versions = () => ({
  'wx-server-sdk': (require('wx-server-sdk/package.json') as { version: string }).version,
  '@cloudbase/database': (
    require(require.resolve('@cloudbase/database/package.json', { paths: [path.dirname(require.resolve('@cloudbase/node-sdk', { paths: [path.dirname(require.resolve('wx-server-sdk'))] }))] })) as {
      version: string
    }
  ).version
})

describe('SDK protocol matches the golden fixtures', () => {
  for (const [name, run] of Object.entries(scenarios)) {
    test(name, async () => {
      const sends = await capture(name, run)
      const file = path.join(FIXTURES, `${name}.json`)
      if (UPDATE) {
        fs.mkdirSync(FIXTURES, { recursive: true })
        fs.writeFileSync(file, JSON.stringify({ capturedWith: versions(), sends }, null, 2) + '\n')
        return
      }
      if (!fs.existsSync(file)) throw new Error(`missing fixture ${file}; generate with UPDATE_SDK_FIXTURES=1`)
      const golden = JSON.parse(fs.readFileSync(file, 'utf8')) as { capturedWith: unknown; sends: unknown[] }
      expect(JSON.parse(JSON.stringify(sends))).toEqual(golden.sends)
    })
  }

  test('every fixture file belongs to a scenario', () => {
    const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.json'))
    expect(files.sort()).toEqual(
      Object.keys(scenarios)
        .map((n) => `${n}.json`)
        .sort()
    )
  })
})
