/**
 * Registrations stored before the ID number was encrypted hold it in plain text, with its unsalted
 * SHA-256 as `idHash` (docs.ts, LegacyId). The volunteer job rewrites them as ./id-number.ts stores
 * numbers now, within its time budget: a page at a time through the unique index on `idHash` (an
 * unsalted hash is base64url, which sorts below KEYED_HASH_TAG), each by one conditional update on
 * the old hash, so a second run, or two runs at once, rewrite a document once. A registration made
 * meanwhile is refused while the old one stands (handlers/registration.ts looks for its old hash).
 */
import { isDuplicateKeyError } from '../_shared/errors'
import type { Store } from '../_shared/store'
import { idNumberKeys, KEYED_HASH_TAG, sealIdNumber } from './id-number'
import { hashesBetween, sealRegistration } from './repo'

export const ID_MIGRATION_PAGE = 50

interface OldRegistration {
  _id: string
  idHash: string
  idNumber?: string
}

async function rewrite(store: Store, doc: OldRegistration): Promise<boolean> {
  if (typeof doc.idNumber !== 'string' || !doc.idNumber) {
    console.error(`[volunteers] INTERNAL：志愿者注册 ${doc._id} 只有旧的身份证号散列值、没有号码，无法改为加密保存`)
    return false
  }
  try {
    return await sealRegistration(store, doc._id, doc.idHash, sealIdNumber(doc.idNumber))
  } catch (e) {
    if (!isDuplicateKeyError(e)) throw e
    console.error(`[volunteers] INTERNAL：志愿者注册 ${doc._id} 的身份证号与另一条注册相同，未改写，请核对`)
    return false
  }
}

/** Rewrites old registrations until none is left or `stopAt` (epoch ms); returns how many it rewrote. */
export async function encryptOldIdNumbers(store: Store, stopAt: number): Promise<number> {
  let rewritten = 0
  let after = ''
  while (Date.now() < stopAt) {
    const page = await hashesBetween<OldRegistration>(store, after, KEYED_HASH_TAG, ID_MIGRATION_PAGE, { idHash: true, idNumber: true })
    // without the key nothing is rewritten (idNumberKeys logs why); the job goes on with its other work
    if (!page.length || !idNumberKeys()) return rewritten
    for (const doc of page) {
      if (Date.now() >= stopAt) return rewritten
      if (await rewrite(store, doc)) rewritten++
    }
    if (page.length < ID_MIGRATION_PAGE) return rewritten
    after = page[page.length - 1].idHash
  }
  return rewritten
}
