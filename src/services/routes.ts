/** Pages of the reports subpackage, for navigateTo. */
const ROOT = '/packages/reports/pages'

export const ROUTES = {
  detail: `${ROOT}/detail/index`,
  queue: `${ROOT}/queue/index`,
  handle: `${ROOT}/handle/index`,
  inspect: `${ROOT}/inspect/index`,
  ledger: `${ROOT}/ledger/index`,
  letter: `${ROOT}/letter/index`,
  calendar: `${ROOT}/calendar/index`,
  categories: `${ROOT}/categories/index`
} as const

export function withId(page: string, id: string): string {
  return `${page}?id=${encodeURIComponent(id)}`
}
