import { fail } from './errors'

export const DEFAULT_PAGE_SIZE = 20
/** Deepest offset a cursor may reach; beyond it people narrow the search instead. */
export const MAX_OFFSET = 5000

export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url')
}

export function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0
  const m = /^o:(\d{1,6})$/.exec(Buffer.from(cursor, 'base64url').toString())
  const offset = m ? Number(m[1]) : NaN
  if (!Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET) fail('INVALID_INPUT', '分页参数不正确')
  return offset
}
