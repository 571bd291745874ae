import { DEFAULT_MESSAGES, type ErrorCode, type Fail } from '@/contract'

/** Thrown by handlers and the router; turned into `{ ok: false, … }` at the boundary. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly fields?: Record<string, string>
  ) {
    super(message ?? DEFAULT_MESSAGES[code])
  }

  toFail(): Fail {
    const fail: Fail = { ok: false, code: this.code, message: this.message }
    if (this.fields) fail.fields = this.fields
    return fail
  }
}

export function fail(code: ErrorCode, message?: string, fields?: Record<string, string>): never {
  throw new AppError(code, message, fields)
}

/**
 * What a database error from the SDK (the cloud's or the local cloud's) means:
 * - duplicate: a write refused by a unique index or an existing _id (E11000, passed through as -502001);
 * - conflict: a transaction that still conflicts after the SDK's retries (DATABASE_TRANSACTION_CONFLICT);
 * - missing: a document read by id inside a transaction that does not exist;
 * - other: anything else (a failure to pass on).
 */
export type SdkErrorKind = 'duplicate' | 'conflict' | 'missing' | 'other'

const SDK_ERRORS: Array<[kind: Exclude<SdkErrorKind, 'other'>, pattern: RegExp]> = [
  ['duplicate', /duplicate key|E11000/i],
  ['conflict', /TRANSACTION_CONFLICT|conflict/i],
  ['missing', /not exist|-502004|cannot find/i]
]

export function sdkErrorKind(e: unknown): SdkErrorKind {
  if (e instanceof AppError) return 'other'
  const err = e as { errCode?: unknown; errMsg?: unknown; message?: unknown } | null
  const text = `${String(err?.errCode ?? '')} ${String(err?.errMsg ?? '')} ${String(err?.message ?? e)}`
  return SDK_ERRORS.find(([, pattern]) => pattern.test(text))?.[0] ?? 'other'
}

/** A write refused by a unique index (or an existing _id) — e.g. the same thing created twice at once. */
export function isDuplicateKeyError(e: unknown): boolean {
  return sdkErrorKind(e) === 'duplicate'
}

/** Runs the write; false when a unique index refused it (the document is there already: another call won). */
export async function unlessDuplicate(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write()
    return true
  } catch (e) {
    if (isDuplicateKeyError(e)) return false
    throw e
  }
}
