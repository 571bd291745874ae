/** Pages of the volunteers subpackage, for navigateTo. The 志愿 tab itself is /pages/activities/index. */
const ROOT = '/packages/volunteers/pages'

export const VOLUNTEER_ROUTES = {
  tab: '/pages/activities/index',
  register: `${ROOT}/register/index`,
  detail: `${ROOT}/detail/index`,
  myHours: `${ROOT}/my-hours/index`,
  certificate: `${ROOT}/certificate/index`,
  manage: `${ROOT}/manage/index`,
  edit: `${ROOT}/edit/index`,
  checkinCode: `${ROOT}/checkin-code/index`,
  roster: `${ROOT}/roster/index`,
  hoursReview: `${ROOT}/hours-review/index`,
  teams: `${ROOT}/teams/index`,
  settings: `${ROOT}/settings/index`
} as const
