import { subpackagePages } from './page-routes'

/** Pages of the reports subpackage, for navigateTo. */
export const ROUTES = subpackagePages('reports', ['detail', 'queue', 'handle', 'inspect', 'ledger', 'letter', 'calendar', 'categories'])

export function withId(page: string, id: string): string {
  return `${page}?id=${encodeURIComponent(id)}`
}
