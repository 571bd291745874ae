/** Pages of the dashboard subpackage (数据看板), for navigateTo. */
const ROOT = '/packages/dashboard/pages'

export const DASHBOARD_ROUTES = {
  index: `${ROOT}/index/index`
} as const
