import { subpackagePages } from './page-routes'

/** Pages of the dashboard subpackage (数据看板), for navigateTo. */
export const DASHBOARD_ROUTES = subpackagePages('dashboard', ['index'])
