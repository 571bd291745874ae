import { subpackagePages } from './page-routes'

/** Pages of the supervision subpackage (督导巡查, 民情日记, 保洁考核, 信息报送), for navigateTo. */
export const SUPERVISION_ROUTES = {
  // 督导巡查 and 走访 (民情日记)
  ...subpackagePages('supervision', ['mine', 'patrol', 'roster', 'visits', 'visit-form', 'visit']),
  // 保洁考核
  ...subpackagePages('supervision', ['cleaning', 'zone-edit', 'inspect', 'cleaners', 'cleaner-sheet', 'findings', 'cleaning-rules', 'rectify-notices']),
  // 信息报送
  ...subpackagePages('supervision', ['infos', 'info', 'info-form', 'info-half'])
} as const
