/**
 * How the demo seeds write: one action of the contract, run by the function's own router and
 * handlers (input schema, consent, roles and scope, then the handler) as the demo person who would
 * have done it, with the handlers' clock standing at a past instant. What comes out — documents,
 * audit entries, ledgers, counters — is what the product would have written at that time.
 */
import { deedActions, honourActions, userActions, volunteerActions, type ActionName, type InputOf, type OutputOf } from '../src/contract'
import { AppError } from '../cloudfunctions/_shared/errors'
import { withIds } from '../cloudfunctions/_shared/ids'
import { dispatch } from '../cloudfunctions/_shared/router'
import { handlers as deedHandlers } from '../cloudfunctions/deeds/handlers'
import { handlers as honourHandlers } from '../cloudfunctions/honour/handlers'
import { handlers as userHandlers } from '../cloudfunctions/users/handlers'
import { handlers as volunteerHandlers } from '../cloudfunctions/volunteers/handlers'
import { demoPerson, type SeedEngine } from './seed'

/** What seeding needs of the local cloud: direct access (for the bootstrap and checks), calls as a person, storage. */
export interface SeedCloud {
  engine: SeedEngine
  runAs<T>(identity: { openid: string } | null, fn: () => Promise<T>): Promise<{ value: T }>
  uploadFile(cloudPath: string, content: Buffer): Promise<string>
}

type Event = { action: string; data: unknown }
const ROUTES: Record<string, (event: Event, now: () => Date) => Promise<unknown>> = {
  users: (event, now) => dispatch('users', userActions, userHandlers, event, now),
  volunteers: (event, now) => dispatch('volunteers', volunteerActions, volunteerHandlers, event, now),
  deeds: (event, now) => dispatch('deeds', deedActions, deedHandlers, event, now),
  honour: (event, now) => dispatch('honour', honourActions, honourHandlers, event, now)
}

/** A demo person by seed key ('resident-1'), or anyone by openid. */
export type Who = string | { openid: string }
const openidOf = (who: Who) => (typeof who === 'string' ? demoPerson(who).openid : who.openid)
const nameOf = (who: Who) => (typeof who === 'string' ? who : who.openid)

/**
 * Runs `action` as `who` at the instant `at`. `ids` (by prefix, e.g. { va: ['va_seed_x'] }) are the
 * ids the documents it creates take, for demo documents tests and journeys name. A refusal is a
 * broken seed: it throws, naming the action and the person.
 */
export async function act<A extends ActionName>(cloud: SeedCloud, who: Who, at: Date, action: A, data: InputOf<A>, ids: Record<string, string[]> = {}): Promise<OutputOf<A>> {
  const route = ROUTES[action.split('.')[0]]
  if (!route) throw new Error(`seed: no route for ${action}`)
  try {
    const { value } = await cloud.runAs({ openid: openidOf(who) }, () => withIds(ids, () => route({ action, data }, () => at)))
    return value as OutputOf<A>
  } catch (e) {
    if (e instanceof AppError) throw new Error(`seed: ${action} as ${nameOf(who)} at ${at.toISOString()} refused: ${e.code} ${e.message}`)
    throw e
  }
}

/** Runs a timer job as its trigger does, with no caller (the job takes its instant from the caller). */
export async function runJob<T>(cloud: SeedCloud, job: () => Promise<T>): Promise<T> {
  return (await cloud.runAs(null, job)).value
}
