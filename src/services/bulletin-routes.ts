import { subpackagePages } from './page-routes'

/**
 * Pages of the bulletins subpackage (周通报、月通报, 红黑榜, 评分办法, 工作提示函), for navigateTo.
 * `board`: 红黑榜 and 流动红旗 for residents, the published public part only.
 */
export const BULLETIN_ROUTES = subpackagePages('bulletins', ['list', 'detail', 'print', 'scheme', 'letters', 'board'])
