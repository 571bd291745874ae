import { encodeCursor } from '../_shared/paging'

/** Rows fetched with limit size + 1: the page and the cursor of the next one. */
export function pageOf<T>(rows: T[], size: number, skip: number): { items: T[]; next: string | null } {
  return { items: rows.slice(0, size), next: rows.length > size ? encodeCursor(skip + size) : null }
}
