/** Pages of the supervision subpackage (督导巡查, 民情日记), for navigateTo. */
const ROOT = '/packages/supervision/pages'

export const SUPERVISION_ROUTES = {
  mine: `${ROOT}/mine/index`,
  patrol: `${ROOT}/patrol/index`,
  roster: `${ROOT}/roster/index`,
  visits: `${ROOT}/visits/index`,
  visitForm: `${ROOT}/visit-form/index`,
  visit: `${ROOT}/visit/index`,
  cleaning: `${ROOT}/cleaning/index`,
  zoneEdit: `${ROOT}/zone-edit/index`,
  inspect: `${ROOT}/inspect/index`,
  cleaners: `${ROOT}/cleaners/index`,
  cleanerSheet: `${ROOT}/cleaner-sheet/index`,
  findings: `${ROOT}/findings/index`,
  cleaningRules: `${ROOT}/cleaning-rules/index`,
  rectifyNotices: `${ROOT}/rectify-notices/index`,
  infos: `${ROOT}/infos/index`,
  info: `${ROOT}/info/index`,
  infoForm: `${ROOT}/info-form/index`,
  infoHalf: `${ROOT}/info-half/index`
} as const
