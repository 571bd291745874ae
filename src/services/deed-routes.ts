import { subpackagePages } from './page-routes'

/** Pages of the deeds subpackage (善行档案, 申报, 积分超市, and the staff pages), for navigateTo. */
export const DEED_ROUTES = {
  /** 善行档案 is the subpackage's index page. */
  record: '/packages/deeds/pages/index/index',
  ...subpackagePages('deeds', ['declare', 'shop', 'review', 'goods', 'rules', 'households', 'correct'])
} as const
