/** Pages of the bulletins subpackage (周通报、月通报, 红黑榜, 评分办法, 工作提示函), for navigateTo. */
const ROOT = '/packages/bulletins/pages'

export const BULLETIN_ROUTES = {
  list: `${ROOT}/list/index`,
  detail: `${ROOT}/detail/index`,
  print: `${ROOT}/print/index`,
  scheme: `${ROOT}/scheme/index`,
  letters: `${ROOT}/letters/index`,
  /** 红黑榜 and 流动红旗 for residents: the published public part only. */
  board: `${ROOT}/board/index`
} as const
