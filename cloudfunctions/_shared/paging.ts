import type { Page } from '@/contract'
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

/** What a paged list action takes. */
export interface PageInput {
  cursor?: string
  pageSize?: number
}

/**
 * One page at the cursor's offset: `read` fetches `limit` (= page size + 1) rows from `skip`; the
 * extra row tells whether there is a next page. A bad cursor is refused before anything is read.
 */
export async function offsetPage<T>(input: PageInput, read: (skip: number, limit: number) => Promise<T[]>): Promise<Page<T>> {
  const size = input.pageSize ?? DEFAULT_PAGE_SIZE
  const skip = decodeCursor(input.cursor)
  const rows = await read(skip, size + 1)
  return { items: rows.slice(0, size), next: rows.length > size ? encodeCursor(skip + size) : null }
}

/** The page with its rows turned into what the action answers. */
export async function mapPage<T, U>(page: Page<T>, view: (rows: T[]) => U[] | Promise<U[]>): Promise<Page<U>> {
  return { items: await view(page.items), next: page.next }
}
