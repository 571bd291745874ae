import { AsyncLocalStorage } from 'async_hooks'
import { createHash, randomBytes } from 'crypto'

/**
 * Ids chosen in advance, by prefix, for what one call creates. Only the local demo seed sets them
 * (withIds), so the demo town's documents keep the ids tests and browser journeys name; a deployed
 * function never does, and every id is random.
 */
const planned = new AsyncLocalStorage<Map<string, string[]>>()

/** Random, URL-safe, matches the contract's id pattern (or the next id planned for `prefix`). */
export function newId(prefix: string): string {
  return planned.getStore()?.get(prefix)?.shift() ?? `${prefix}_${randomBytes(9).toString('base64url')}`
}

/** Runs `fn` with the ids its newId(prefix) calls take first, in order (the demo seed's stable ids). */
export function withIds<T>(ids: Record<string, string[]>, fn: () => T): T {
  return planned.run(new Map(Object.entries(ids).map(([prefix, list]) => [prefix, [...list]])), fn)
}

/** A user's document id derived from the openid, so a first sign-in racing itself creates one profile. */
export function userIdFor(openid: string): string {
  return `u_${createHash('sha256').update(openid).digest('base64url').slice(0, 22)}`
}

/**
 * The id of what `userId` creates under their own submission key (a retry's key → the same id, so the
 * insert refuses a second copy, and a prefetch by that id finds the first). Only that person's key
 * makes it: another person's same key gives another id.
 */
export function keyedId(prefix: string, userId: string, key: string): string {
  return `${prefix}_${createHash('sha256').update(`${userId}\u0000${key}`).digest('base64url').slice(0, 22)}`
}
