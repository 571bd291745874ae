/** Pages of the supervision subpackage (督导巡查, 民情日记), for navigateTo. */
const ROOT = '/packages/supervision/pages'

export const SUPERVISION_ROUTES = {
  mine: `${ROOT}/mine/index`,
  patrol: `${ROOT}/patrol/index`,
  roster: `${ROOT}/roster/index`,
  visits: `${ROOT}/visits/index`,
  visitForm: `${ROOT}/visit-form/index`,
  visit: `${ROOT}/visit/index`
} as const
