/**
 * Child process of persistence.test.ts: writes acknowledged documents through the REAL SDK into the
 * data dir given as argv[2], printing "ACK <id> ..." after each acknowledged write, until killed.
 * Every fifth write is a transaction adding a pair of documents (p<i>a, p<i>b).
 */
import '../../local-cloud/preload'
import cloud from 'wx-server-sdk'
import { localCloud } from '../../local-cloud'

async function main(): Promise<void> {
  localCloud.open({ dataDir: process.argv[2] })
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
  const db = cloud.database()
  if (!localCloud.engine.hasCollection('crash')) await db.createCollection('crash')
  const start = localCloud.engine.count('crash', {})
  const pad = 'x'.repeat(300)
  for (let i = start; ; i++) {
    if (i % 5 === 4) {
      await db.runTransaction(async (t: { collection(n: string): { add(o: { data: object }): Promise<unknown> } }) => {
        await t.collection('crash').add({ data: { _id: `p${i}a`, pair: i, pad } })
        await t.collection('crash').add({ data: { _id: `p${i}b`, pair: i, pad } })
      })
      process.stdout.write(`ACK p${i}a p${i}b\n`)
    } else {
      const r = (await db.collection('crash').add({ data: { _id: `d${i}`, i, at: new Date(), pad } })) as { _id: string }
      process.stdout.write(`ACK ${r._id}\n`)
    }
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`crash-writer failed: ${String(e)}\n`)
  process.exit(2)
})
