/** Pages of the supervision subpackage (督导巡查), for navigateTo. */
const ROOT = '/packages/supervision/pages'

export const SUPERVISION_ROUTES = {
  mine: `${ROOT}/mine/index`,
  patrol: `${ROOT}/patrol/index`,
  roster: `${ROOT}/roster/index`
} as const
