/** Concurrent callers: atomic conditional updates, identities that never mix, per-call request counts, callFunction. */
import { localCloud } from '../../local-cloud'
import { freshCloud, promised, sdk, sleep, type Database } from './helpers'

let db: Database

beforeEach(() => {
  db = freshCloud({ stock: [], orders: [{ name: 'buyer', keys: [{ field: 'buyer', direction: 1 }] }] })
})

test('200 concurrent conditional decrements sell exactly the stock', async () => {
  const _ = db.command
  localCloud.engine.insert('stock', { _id: 'item', stock: 150 })
  const results = await Promise.all(
    Array.from({ length: 200 }, (_x, i) =>
      localCloud.runAs({ openid: `buyer-${i}` }, async () => {
        const r = (await db
          .collection('stock')
          .where({ _id: 'item', stock: _.gt(0) })
          .update({ data: { stock: _.inc(-1) } })) as { stats: { updated: number } }
        if (r.stats.updated === 1) await db.collection('orders').add({ data: { buyer: sdk().getWXContext().OPENID } })
        return r.stats.updated
      })
    )
  )
  const sold = results.filter((r) => r.value === 1).length
  expect(sold).toBe(150)
  expect(localCloud.engine.get('stock', 'item')).toEqual({ _id: 'item', stock: 0 })
  expect(localCloud.engine.count('orders', {})).toBe(150)
  // every winner recorded its own openid exactly once
  const buyers = new Set(localCloud.engine.all('orders').map((o) => o.buyer))
  expect(buyers.size).toBe(150)
  const winners = results.map((r, i) => (r.value === 1 ? `buyer-${i}` : null)).filter(Boolean)
  expect([...buyers].sort()).toEqual(winners.sort())
})

test('concurrent calls from different users never see each other’s identity', async () => {
  const seen: string[] = []
  const call = (i: number) =>
    localCloud.runAs({ openid: `user-${i}`, unionid: `union-${i}`, clientIp: `10.0.0.${i % 250}` }, async () => {
      const cloud = sdk()
      for (let step = 0; step < 5; step++) {
        await sleep((i * 7 + step * 13) % 5)
        const ctx = cloud.getWXContext() as Record<string, unknown>
        if (ctx.OPENID !== `user-${i}` || ctx.UNIONID !== `union-${i}` || ctx.CLIENTIP !== `10.0.0.${i % 250}`) seen.push(`call ${i} step ${step} saw ${String(ctx.OPENID)}`)
        if (process.env.WX_OPENID !== `user-${i}`) seen.push(`call ${i} env ${String(process.env.WX_OPENID)}`)
        await db
          .collection('orders')
          .where({ buyer: `user-${i}` })
          .count()
      }
      return cloud.getWXContext().OPENID
    })
  const results = await Promise.all(Array.from({ length: 100 }, (_, i) => call(i)))
  expect(seen).toEqual([])
  expect(results.map((r) => r.value)).toEqual(Array.from({ length: 100 }, (_, i) => `user-${i}`))
  for (const r of results) expect(r.dbRequests).toBe(5)
})

test('getWXContext outside a call, and for a call without identity, has no OPENID', async () => {
  const cloud = sdk()
  expect(cloud.getWXContext().OPENID).toBeUndefined()
  const anon = await localCloud.runAs(null, async () => cloud.getWXContext())
  expect(anon.value.OPENID).toBeUndefined()
  expect(anon.value.ENV).toBe('local-env')
  const me = await localCloud.runAs({ openid: 'o-me' }, async () => cloud.getWXContext())
  expect(me.value).toMatchObject({ OPENID: 'o-me', APPID: 'wx-local-appid', ENV: 'local-env', SOURCE: 'wx_client' })
  // other environment variables still read and write through
  process.env.LOCAL_CLOUD_TEST_VAR = 'x'
  expect(process.env.LOCAL_CLOUD_TEST_VAR).toBe('x')
  expect(Object.keys(process.env)).toContain('LOCAL_CLOUD_TEST_VAR')
  delete process.env.LOCAL_CLOUD_TEST_VAR
  expect(process.env.LOCAL_CLOUD_TEST_VAR).toBeUndefined()
})

test('dbRequests counts the requests of one call only', async () => {
  const [a, b] = await Promise.all([
    localCloud.runAs({ openid: 'a' }, async () => {
      await db.collection('orders').add({ data: { buyer: 'a' } })
      await db.collection('orders').where({ buyer: 'a' }).get()
    }),
    localCloud.runAs({ openid: 'b' }, async () => {
      await db.collection('orders').where({ buyer: 'b' }).count()
    })
  ])
  expect(a.dbRequests).toBe(2)
  expect(b.dbRequests).toBe(1)
})

describe('functions', () => {
  test('cloud.callFunction runs another local function with the caller’s identity and SOURCE chain', async () => {
    const cloud = sdk()
    localCloud.registerFunction('inner', async (event) => ({ event, ctx: cloud.getWXContext(), when: new Date(0) }))
    localCloud.registerFunction('outer', async () => (await cloud.callFunction({ name: 'inner', data: { x: 1 } }))!.result)
    const { result } = await localCloud.invoke('outer', { a: 1 }, { openid: 'o-caller' })
    expect(result).toEqual({
      event: { x: 1 },
      ctx: { OPENID: 'o-caller', APPID: 'wx-local-appid', ENV: 'local-env', SOURCE: 'wx_client,scf' },
      when: '1970-01-01T00:00:00.000Z' // results travel as JSON
    })
  })

  test('invoke gives the event userInfo and JSON-serialises it; errors of callee become -504002', async () => {
    const cloud = sdk()
    localCloud.registerFunction('echo', async (event) => event)
    localCloud.registerFunction('boom', async () => {
      throw new Error('kaput')
    })
    const { result } = await localCloud.invoke('echo', { d: new Date(0), u: undefined }, { openid: 'o1' })
    expect(result).toEqual({ d: '1970-01-01T00:00:00.000Z', userInfo: { appId: 'wx-local-appid', openId: 'o1' } })
    const err = await localCloud.runAs({ openid: 'o1' }, () =>
      promised(cloud.callFunction({ name: 'boom' })).then(
        () => null,
        (e: { errCode: number; errMsg: string }) => e
      )
    )
    expect(err.value).toMatchObject({ errCode: -504002, errMsg: expect.stringMatching(/kaput/) })
    const missing = await localCloud.runAs(null, () =>
      promised(cloud.callFunction({ name: 'nope' })).then(
        () => null,
        (e: { errCode: number }) => e
      )
    )
    expect(missing.value).toMatchObject({ errCode: -504001 })
  })
})

test('database calls still complete while a test uses fake timers (serverDate follows the fake clock)', async () => {
  jest.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') })
  try {
    const { _id } = (await db.collection('orders').add({ data: { buyer: 'x', at: db.serverDate() } })) as { _id: string }
    expect(localCloud.engine.get('orders', _id)!.at).toEqual(new Date('2030-01-01T00:00:00Z'))
  } finally {
    jest.useRealTimers()
  }
})
