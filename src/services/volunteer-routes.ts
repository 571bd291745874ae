import { subpackagePages } from './page-routes'

/** Pages of the volunteers subpackage, for navigateTo. The 志愿 tab itself is /pages/activities/index. */
export const VOLUNTEER_ROUTES = {
  tab: '/pages/activities/index',
  ...subpackagePages('volunteers', ['register', 'detail', 'my-hours', 'certificate', 'manage', 'edit', 'checkin-code', 'roster', 'hours-review', 'teams', 'settings'])
} as const
