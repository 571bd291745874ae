/**
 * A top-level `$or` whose branches hold commands (a date range per scope, as the 问题台账 and the
 * organisers' activity list build them): the SDK does not encode commands inside a plain `$or`, so
 * the store builds it with `_.or`. Without that, such a query matched nothing.
 */
import { database } from '../../cloudfunctions/_shared/cloud'
import { createStore } from '../../cloudfunctions/_shared/store'
import { C } from '../../cloudfunctions/_shared/collections'
import { freshTown } from '../helpers/town'

beforeEach(() => freshTown())

test('find, findOne, count and updateWhere honour commands inside the branches of a top-level $or', async () => {
  const store = createStore(database())
  const _ = store.db.command
  const since = new Date('2000-01-01')
  const future = new Date('2999-01-01')
  const branches = (from: Date) => ({
    $or: [
      { villageId: 'v_dongshan', createdAt: _.gte(from) },
      { villageId: 'v_xigang', createdAt: _.gte(from) }
    ]
  })
  const all = await store.find<{ villageId: string }>(C.users, { villageId: _.in(['v_dongshan', 'v_xigang']) }, { limit: 1000 })
  expect(all.length).toBeGreaterThan(1)

  const found = await store.find<{ villageId: string }>(C.users, branches(since), { limit: 1000 })
  expect(found.map((u) => u.villageId).sort()).toEqual(all.map((u) => u.villageId).sort())
  expect(await store.find(C.users, branches(future), { limit: 1000 })).toEqual([])
  expect(await store.count(C.users, branches(since))).toBe(all.length)
  expect(await store.findOne(C.users, branches(since))).not.toBeNull()
  expect(await store.updateWhere(C.users, branches(future), { name: '不应改动' })).toBe(0)
})
