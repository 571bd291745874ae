import { subpackagePages } from './page-routes'

/** Pages of the honour subpackage, for navigateTo. The 光荣榜 tab itself is /pages/honour/index. */
export const HONOUR_ROUTES = {
  tab: '/pages/honour/index',
  ...subpackagePages('honour', ['board', 'manage', 'edit', 'selections', 'selection', 'selection-edit'])
} as const
