import fs from 'node:fs'
import type { ActionName, InputOf, OutputOf, Result } from '../../src/contract'
import { localCloud } from '../../local-cloud'
import { FILE_ID_PREFIX } from '../../local-cloud/storage'
import { invoke, loadFunctions } from '../../local-server/functions'
import { demoOpenid, seedDemoTown } from '../../local-server/seed'
import { replayReports, seedDemoReports, uploadDemoPhotos, type SeedSpec, type Uploader } from '../../local-server/seed-reports'
import { seedDemoVolunteers } from '../../local-server/seed-volunteers'
import { seedDemoDeeds } from '../../local-server/seed-deeds'
import { userIdFor } from '../../cloudfunctions/_shared/ids'
import { chinaDay } from '../../src/domain/china-time'
import { TOWN_NOW, clockFrom, hasTestClock } from './clock'

let loaded = false

/** Uploads through the local cloud once per test file (stored files survive localCloud.reset()). */
export const upload: Uploader = async (cloudPath, content) => {
  const abs = localCloud.resolveFilePath(cloudPath)
  if (abs && fs.existsSync(abs)) return FILE_ID_PREFIX + cloudPath
  return localCloud.uploadFile(cloudPath, content)
}

/** The demo town as last seeded in this test file: when (test clock), on which China day, every document. */
let seeded: { at: number; day: string; docs: Array<[string, object[]]> } | null = null

/**
 * How much later (test clock, same China day) a fresh town is the last one seeded again instead of a
 * new seeding: writing the town through the functions takes seconds, and most test files ask for a
 * fresh town before every test. Within a minute, "seeded a minute ago" is the same demo town.
 */
const REUSE_MS = 60_000

// Seeding a town takes seconds (a few hundred actions through the functions): the hooks that ask
// for one get longer than jest's 5 s. Not under the benchmark, which imports this without jest.
if (typeof jest !== 'undefined') jest.setTimeout(30_000)

async function seedTown(): Promise<void> {
  seedDemoTown(localCloud.engine)
  await seedDemoReports(localCloud.engine, upload)
  // households first: the hours volunteers earn later go to their households too
  await seedDemoDeeds(localCloud)
  await seedDemoVolunteers(localCloud)
}

/**
 * A fresh in-memory local cloud holding the demo town, its problems, its households and its volunteer
 * service, with the functions loaded from source, seeded at the test clock. A test that set no clock
 * gets the town's: TOWN_NOW, running on from there. Messages the seeding sent are not in the outbox.
 */
export async function freshTown(): Promise<void> {
  if (!hasTestClock()) clockFrom(TOWN_NOW)
  localCloud.open({ dataDir: null })
  localCloud.reset()
  const now = Date.now()
  const day = chinaDay(new Date(now))
  if (seeded && now >= seeded.at && now - seeded.at <= REUSE_MS && seeded.day === day) {
    for (const [name, docs] of seeded.docs) localCloud.engine.insert(name, docs)
  } else {
    await seedTown()
    const engine = localCloud.engine
    const docs = engine.collectionNames().map((name): [string, object[]] => [name, engine.all(name)])
    // reused from when the seeding finished (the clock may have run on meanwhile): nothing seeded lies after it
    seeded = { at: Date.now(), day: chinaDay(new Date()), docs: docs.filter(([, list]) => list.length > 0) }
  }
  localCloud.clearOutbox()
  if (!loaded) {
    loadFunctions('source')
    loaded = true
  }
}

let given = 0

/** Adds problems with the given histories (replayed like the demo seed, as of `now`); returns their ids. */
export async function givenReports(specs: SeedSpec[], now = new Date()): Promise<string[]> {
  const photos = await uploadDemoPhotos(upload)
  given += specs.length
  replayReports(localCloud.engine, specs, photos, now, 100 + given * 7)
  return specs.map((s) => `r_seed_${s.key}`)
}

/** Demo people by seed key, e.g. 'resident-1', 'town-admin', 'village-admin-dongshan'. */
export const openidOf = (key: string) => demoOpenid(key)
export const userIdOf = (key: string) => userIdFor(demoOpenid(key))

export interface Called<A extends ActionName> {
  res: Result<OutputOf<A>>
  dbRequests: number
}

/** Calls an action through its cloud function as the demo person `who` (or an explicit openid, or nobody). */
export async function callAs<A extends ActionName>(who: string | { openid: string } | null, action: A, input: InputOf<A> | unknown): Promise<Called<A>> {
  const fn = action.split('.')[0]
  const identity = who === null ? null : typeof who === 'string' ? { openid: openidOf(who) } : who
  const { result, dbRequests } = await invoke(fn, { action, data: input }, identity)
  return { res: result as Result<OutputOf<A>>, dbRequests }
}

export async function ok<A extends ActionName>(who: string | null, action: A, input: InputOf<A>): Promise<OutputOf<A>> {
  const { res } = await callAs(who, action, input)
  if (!res.ok) throw new Error(`${action} as ${who} failed: ${res.code} ${res.message}`)
  return res.data
}

/** Everything in the database, for asserting that a refused call changed nothing. */
export function dumpAll(): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {}
  for (const c of localCloud.engine.collectionNames()) out[c] = localCloud.engine.all(c)
  return out
}
