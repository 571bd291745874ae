/** Transactions through the REAL wx-server-sdk: commit, rollback, own writes, conflicts and SDK retries. */
import { localCloud } from '../../local-cloud'
import { errorOf, freshCloud, type Database } from './helpers'

type Tx = {
  collection(name: string): {
    doc(id: string): {
      get(): Promise<{ data: Record<string, unknown> | null }>
      set(o: { data: object }): Promise<unknown>
      update(o: { data: object }): Promise<unknown>
      remove(): Promise<unknown>
    }
    add(o: { data: object }): Promise<{ _id: string }>
    where(q: object): { get(): Promise<unknown> }
  }
  commit(): Promise<unknown>
  rollback(reason?: unknown): Promise<unknown>
}

let db: Database
const run = <T>(fn: (t: Tx) => Promise<T>, times?: number) => (db.runTransaction as unknown as (f: (t: Tx) => Promise<T>, n?: number) => Promise<T>)(fn, times)
const start = () => db.startTransaction() as unknown as Promise<Tx>

beforeEach(() => {
  db = freshCloud({ accounts: [], logs: [] })
  localCloud.engine.insert('accounts', [
    { _id: 'alice', balance: 100 },
    { _id: 'bob', balance: 0 }
  ])
})

const balance = (id: string) => localCloud.engine.get('accounts', id)?.balance

test('runTransaction commits every write at once and returns the callback value', async () => {
  const _ = db.command
  const result = await run(async (t) => {
    const a = await t.collection('accounts').doc('alice').get()
    expect(a.data).toEqual({ _id: 'alice', balance: 100 })
    await t
      .collection('accounts')
      .doc('alice')
      .update({ data: { balance: _.inc(-30) } })
    await t
      .collection('accounts')
      .doc('bob')
      .update({ data: { balance: _.inc(30) } })
    const log = await t.collection('logs').add({ data: { from: 'alice', to: 'bob', amount: 30 } })
    // not visible outside before commit
    expect(balance('alice')).toBe(100)
    expect(localCloud.engine.count('logs', {})).toBe(0)
    // visible inside
    expect((await t.collection('accounts').doc('alice').get()).data).toMatchObject({ balance: 70 })
    return log._id
  })
  expect(balance('alice')).toBe(70)
  expect(balance('bob')).toBe(30)
  expect(localCloud.engine.get('logs', result)).toMatchObject({ amount: 30 })
  expect(localCloud.engine.openTransactions).toBe(0)
})

test('set, remove and add inside a transaction; a throw or rollback leaves nothing behind', async () => {
  await run(async (t) => {
    await t
      .collection('accounts')
      .doc('carol')
      .set({ data: { balance: 5 } })
    await t.collection('accounts').doc('bob').remove()
    // own delete is visible: the SDK's doc().get throws for a missing document (throwOnNotFound)
    await expect(t.collection('accounts').doc('bob').get()).rejects.toMatchObject({ errMsg: expect.stringMatching(/does not exist/) })
  })
  expect(balance('carol')).toBe(5)
  expect(localCloud.engine.get('accounts', 'bob')).toBeNull()

  await expect(
    run(async (t) => {
      await t
        .collection('accounts')
        .doc('alice')
        .update({ data: { balance: 0 } })
      throw new Error('business rule says no')
    })
  ).rejects.toThrow('business rule says no')
  expect(balance('alice')).toBe(100)

  await expect(
    run(async (t) => {
      await t
        .collection('accounts')
        .doc('alice')
        .update({ data: { balance: 1 } })
      await t.rollback({ reason: 'insufficient' })
    })
  ).rejects.toEqual({ reason: 'insufficient' })
  expect(balance('alice')).toBe(100)
  expect(localCloud.engine.openTransactions).toBe(0)
})

test('startTransaction: commit and rollback', async () => {
  const t1 = await start()
  await t1
    .collection('accounts')
    .doc('alice')
    .update({ data: { balance: 50 } })
  await t1.rollback()
  expect(balance('alice')).toBe(100)

  const t2 = await start()
  await t2
    .collection('accounts')
    .doc('alice')
    .update({ data: { balance: 60 } })
  await t2.commit()
  expect(balance('alice')).toBe(60)
})

test('a document changed by someone else after the transaction read it makes the commit fail (conflict)', async () => {
  const t = await start()
  await t.collection('accounts').doc('alice').get()
  await db
    .collection('accounts')
    .doc('alice')
    .update({ data: { balance: 999 } })
  await t
    .collection('accounts')
    .doc('bob')
    .update({ data: { balance: 1 } })
  const e = (await errorOf(t.commit())) as { code?: string }
  expect(e.code).toBe('DATABASE_TRANSACTION_CONFLICT')
  // all or nothing: bob was not written
  expect(balance('bob')).toBe(0)
  expect(balance('alice')).toBe(999)
})

test('two transactions writing the same document: the second commit conflicts', async () => {
  const t1 = await start()
  const t2 = await start()
  await t1
    .collection('accounts')
    .doc('alice')
    .update({ data: { balance: 1 } })
  await t2
    .collection('accounts')
    .doc('alice')
    .update({ data: { balance: 2 } })
  await t1.commit()
  const e = (await errorOf(t2.commit())) as { code?: string }
  expect(e.code).toBe('DATABASE_TRANSACTION_CONFLICT')
  expect(balance('alice')).toBe(1)
})

test('runTransaction retries the callback on conflict (SDK behaviour) and then succeeds', async () => {
  const _ = db.command
  let attempts = 0
  await run(async (t) => {
    attempts++
    const a = await t.collection('accounts').doc('alice').get()
    if (attempts === 1)
      await db
        .collection('accounts')
        .doc('alice')
        .update({ data: { balance: _.inc(1) } })
    await t
      .collection('accounts')
      .doc('alice')
      .update({ data: { balance: (a.data!.balance as number) + 10 } })
  })
  expect(attempts).toBe(2)
  expect(balance('alice')).toBe(111)
})

test('runTransaction gives up after its retries with the conflict error', async () => {
  const _ = db.command
  let attempts = 0
  const e = (await errorOf(
    run(async (t) => {
      attempts++
      await t.collection('accounts').doc('alice').get()
      await db
        .collection('accounts')
        .doc('alice')
        .update({ data: { balance: _.inc(1) } })
      await t
        .collection('accounts')
        .doc('bob')
        .update({ data: { balance: 1 } })
    }, 2)
  )) as { code?: string }
  expect(e.code).toBe('DATABASE_TRANSACTION_CONFLICT')
  expect(attempts).toBe(3) // times=2: first run + 2 retries, as @cloudbase/database 1.4.3 counts
  expect(balance('bob')).toBe(0)
})

test('concurrent transfers through runTransaction never lose money', async () => {
  const _ = db.command
  localCloud.engine.update('accounts', { _id: 'alice' }, { $set: { balance: 1000 } })
  const transfer = () =>
    run(async (t) => {
      const a = await t.collection('accounts').doc('alice').get()
      const b = await t.collection('accounts').doc('bob').get()
      await t
        .collection('accounts')
        .doc('alice')
        .update({ data: { balance: (a.data!.balance as number) - 1 } })
      await t
        .collection('accounts')
        .doc('bob')
        .update({ data: { balance: (b.data!.balance as number) + 1 } })
    }, 50).then(
      () => true,
      () => false
    )
  const done = await Promise.all(Array.from({ length: 20 }, transfer))
  const ok = done.filter(Boolean).length
  expect(balance('alice')).toBe(1000 - ok)
  expect(balance('bob')).toBe(ok)
  expect((balance('alice') as number) + (balance('bob') as number)).toBe(1000)
  void _
})

test('where() queries are not allowed inside a transaction (single-document operations only)', async () => {
  const t = await start()
  const e = await errorOf(t.collection('accounts').where({ balance: 100 }).get())
  expect(e.errCode).toBe(-502001)
  expect(e.errMsg).toMatch(/single-document/)
  await t.rollback()
})

test('an add of several documents is refused inside a transaction (single-record operations only); one document per add works', async () => {
  const add = (t: Tx, data: object) => (t.collection('logs').add as (o: { data: object }) => Promise<{ _id: string }>)({ data })
  const refused = await errorOf(
    run(async (t) => {
      await t
        .collection('accounts')
        .doc('alice')
        .update({ data: { balance: 90 } })
      await add(t, [{ n: 1 }, { n: 2 }])
    })
  )
  expect(refused.errCode).toBe(-501007) // INVALID_PARAM
  expect(refused.errMsg).toMatch(/single-record operations only: add one document per request \(this add has 2 documents for logs\)/)
  // nothing of it was written, and the transaction is gone
  expect(localCloud.engine.count('logs', {})).toBe(0)
  expect(balance('alice')).toBe(100)
  expect(localCloud.engine.openTransactions).toBe(0)
  // the same documents one request each, in one transaction
  const ids = await run(async (t) => [(await add(t, { n: 1 }))._id, (await add(t, { n: 2 }))._id])
  expect(ids.map((id) => localCloud.engine.get('logs', id)?.n)).toEqual([1, 2])
  // outside a transaction an array is one request as before
  const batch = await db.collection('logs').add({ data: [{ n: 3 }, { n: 4 }] })
  expect(batch._ids).toHaveLength(2)
  expect(localCloud.engine.count('logs', {})).toBe(4)
})

test('a transaction on an unknown collection fails with -502005; an unknown transaction id fails', async () => {
  const t = await start()
  const e = await errorOf(t.collection('nope').doc('x').get())
  expect(e.errCode).toBe(-502005)
  await t.rollback()
  const again = (await errorOf(t.commit())) as { code?: string }
  expect(again.code).toBe('DATABASE_TRANSACTION_FAIL')
})

test('unique indexes are checked at commit', async () => {
  localCloud.engine.createCollection('people', [{ name: 'email_unique', unique: true, keys: [{ field: 'email', direction: 1 }] }])
  localCloud.engine.insert('people', { _id: 'p1', email: 'a@x' })
  const t = await start()
  await t.collection('people').add({ data: { email: 'a@x' } })
  const e = (await errorOf(t.commit())) as { code?: string; message?: string }
  expect(e.code).toBe('DATABASE_REQUEST_FAILED')
  expect(e.message).toMatch(/E11000 .*email_unique/)
  expect(localCloud.engine.count('people', {})).toBe(1)
})
