import { createHash, randomBytes } from 'crypto'

/** Random, URL-safe, matches the contract's id pattern. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString('base64url')}`
}

/** A user's document id derived from the openid, so a first sign-in racing itself creates one profile. */
export function userIdFor(openid: string): string {
  return `u_${createHash('sha256').update(openid).digest('base64url').slice(0, 22)}`
}
