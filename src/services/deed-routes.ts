/** Pages of the deeds subpackage (善行档案, 申报, 积分超市, and the staff pages), for navigateTo. */
const ROOT = '/packages/deeds/pages'

export const DEED_ROUTES = {
  record: `${ROOT}/index/index`,
  declare: `${ROOT}/declare/index`,
  shop: `${ROOT}/shop/index`,
  review: `${ROOT}/review/index`,
  goods: `${ROOT}/goods/index`,
  rules: `${ROOT}/rules/index`,
  households: `${ROOT}/households/index`,
  correct: `${ROOT}/correct/index`
} as const
