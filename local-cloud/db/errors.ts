/**
 * Errors the local database replies with. `code` is the cloud's error code string; the SDK maps it to
 * an errCode (DATABASE_COLLECTION_NOT_EXIST → -502005, DATABASE_REQUEST_FAILED → -502001,
 * DATABASE_INVALID_OPERRATOR → -502002, INVALID_PARAM → -501007, anything unknown → -501001).
 */
export type DbErrorCode =
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  | 'DATABASE_REQUEST_FAILED'
  | 'DATABASE_INVALID_OPERRATOR'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_TRANSACTION_FAIL'
  | 'INVALID_PARAM'

export class DbError extends Error {
  constructor(
    readonly code: DbErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'DbError'
  }
}

export const collectionNotExist = (name: string) => new DbError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${name}. Please check your request, or create the collection first.`)

/** Worded like MongoDB's E11000, which the cloud passes through as DATABASE_REQUEST_FAILED (-502001). */
export const duplicateKey = (collection: string, index: string, key: Record<string, unknown>) =>
  new DbError('DATABASE_REQUEST_FAILED', `E11000 duplicate key error collection: ${collection} index: ${index} dup key: ${JSON.stringify(key)}`)
