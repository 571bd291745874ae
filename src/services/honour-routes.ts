/** Pages of the honour subpackage, for navigateTo. The 光荣榜 tab itself is /pages/honour/index. */
const ROOT = '/packages/honour/pages'

export const HONOUR_ROUTES = {
  tab: '/pages/honour/index',
  board: `${ROOT}/board/index`,
  manage: `${ROOT}/manage/index`,
  edit: `${ROOT}/edit/index`,
  selections: `${ROOT}/selections/index`,
  selection: `${ROOT}/selection/index`,
  selectionEdit: `${ROOT}/selection-edit/index`
} as const
