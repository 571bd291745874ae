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

/** A write refused by a unique index (or an existing _id) — e.g. the same thing created twice at once. */
export function isDuplicateKeyError(e: unknown): boolean {
  const err = e as { errCode?: unknown; errMsg?: unknown; message?: unknown } | null
  return /duplicate key|E11000/i.test(`${String(err?.errCode ?? '')} ${String(err?.errMsg ?? '')} ${String(err?.message ?? e)}`)
}
