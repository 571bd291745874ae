import type { Role } from '@/contract'

/**
 * Who may open a page: roles of the contract (`resident` = anyone signed in), and `team_leader` — a
 * volunteer leading an approved team, known only from volunteers.me (asked for only when the rule
 * names it). The server checks every call again; this only spares people a page they cannot use.
 */
export type GuardRole = Role | 'team_leader'
export type GuardRule = readonly GuardRole[]

export const ADMINS = ['village_admin', 'town_admin'] as const satisfies GuardRule
/** The problem loop (问题处置): grid workers, unit staff, village admins, the town office. */
export const REPORT_STAFF = ['grid_worker', 'unit_staff', 'village_admin', 'town_admin'] as const satisfies GuardRule
/** Organiser pages of the volunteer service: village admins, the town office and team leaders. */
export const ORGANISERS = ['village_admin', 'town_admin', 'team_leader'] as const satisfies GuardRule
export const SIGNED_IN = ['resident'] as const satisfies GuardRule
/** Patrols, visits and cleaning (督导巡查、走访、保洁): grid workers, village admins, the town office. */
export const PATROL_STAFF = ['grid_worker', 'village_admin', 'town_admin'] as const satisfies GuardRule
/** Bulletins and the information reports (通报、信息报送): village admins, unit staff, the town office. */
export const BULLETIN_READERS = ['village_admin', 'unit_staff', 'town_admin'] as const satisfies GuardRule

/** The refusals of the admin and organiser pages, written once. */
export const ADMINS_ONLY = '您没有权限进行此操作，管理功能只对村（居）管理员和镇创建办开放'
export const ORGANISERS_ONLY = '志愿活动管理只对村（居）管理员、镇创建办和志愿队队长开放'
