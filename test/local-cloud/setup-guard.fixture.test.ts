/**
 * Fixture for indexes.test.ts: run only with LOCAL_CLOUD_GUARD_FIXTURE=1 (a child jest run), where
 * the first test is EXPECTED to fail because of test/setup/local-cloud.ts. Skipped otherwise.
 */
import { allowUnindexed } from '../setup/local-cloud'
import { freshCloud, idx } from './helpers'

const maybe = process.env.LOCAL_CLOUD_GUARD_FIXTURE ? describe : describe.skip

maybe('setup guard fixture', () => {
  const db = () => freshCloud({ things: [idx('kind', ['kind', 1])] })

  test('runs an unindexed query', async () => {
    await db().collection('things').where({ colour: 'red' }).get()
  })

  test('runs the same query inside allowUnindexed', async () => {
    const d = db()
    await allowUnindexed(() => d.collection('things').where({ colour: 'red' }).get())
  })

  test('runs an indexed query', async () => {
    await db().collection('things').where({ kind: 'a' }).get()
  })
})
