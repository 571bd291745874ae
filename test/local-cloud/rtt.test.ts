/** The simulated network round trip per database request (localCloud.rttMs, used by the cost bench). */
import { defaultRttMs, localCloud } from '../../local-cloud'
import { freshCloud, idx } from './helpers'

afterEach(() => {
  localCloud.rttMs = 0
  delete process.env.LOCAL_CLOUD_RTT_MS
})

test('off unless LOCAL_CLOUD_RTT_MS asks for it', () => {
  expect(defaultRttMs()).toBe(0)
  expect(localCloud.rttMs).toBe(0)
  process.env.LOCAL_CLOUD_RTT_MS = '50'
  expect(defaultRttMs()).toBe(50)
  process.env.LOCAL_CLOUD_RTT_MS = 'fast'
  expect(defaultRttMs()).toBe(0)
})

test("open({ rttMs }) sets it; requests answer and count as before (how long they take is the bench's business)", async () => {
  localCloud.open({ dataDir: null, rttMs: 40 })
  expect(localCloud.rttMs).toBe(40)
  const db = freshCloud({ items: [idx('n', ['n', 1])] })
  const { value, dbRequests } = await localCloud.runAs({ openid: 'o-rtt' }, async () => {
    await db.collection('items').add({ data: { n: 1 } })
    return (await db.collection('items').where({ n: 1 }).get()).data
  })
  expect(dbRequests).toBe(2)
  expect(value).toEqual([expect.objectContaining({ n: 1 })])
})
