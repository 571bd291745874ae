/*
 * 数据看板 (issue 13): the figures of the town, a village or a unit for a week, a month or a chosen
 * range — cards, the weekly trend, categories, the village (or grid) and unit tables with fair
 * rankings, and the overdue list. Read from the counts the functions keep, never from history.
 * Part of the supervision function.
 */
import * as v from 'valibot'
import type { DashboardFigures } from '@/domain/dashboard'
import { action, villageOrUnitStaff } from './define'
import { calendarDate, id } from './schemas'

export const DASHBOARD_PERIODS = ['week', 'month', 'range'] as const
export type DashboardPeriod = (typeof DASHBOARD_PERIODS)[number]
export const DASHBOARD_PERIOD_LABELS: Record<DashboardPeriod, string> = { week: '周', month: '月', range: '自选' }

/** A chosen range spans at most this many days. */
export const MAX_DASHBOARD_RANGE_DAYS = 366
/** Overdue problems listed (the total is given beside them). */
export const DASHBOARD_OVERDUE_ROWS = 20

export interface DashboardOverdueItem {
  id: string
  reportNo: string
  categoryName: string
  villageName: string
  unitName: string | null
  address: string
  statusLabel: string
  /** 整改期限 YYYY-MM-DD, null before dispatch. */
  rectifyDeadline: string | null
  reminders: number
  createdAt: string
}

export interface DashboardView extends DashboardFigures {
  overdueList: { total: number; items: DashboardOverdueItem[] }
  /** ⓘ beside each figure: key → label and definition. */
  definitions: Record<string, { label: string; definition: string }>
}

const dayMs = 24 * 60 * 60 * 1000
const spanDays = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs) + 1

export const dashboardInput = v.pipe(
  v.object({
    /** Neither: the whole town (town office only). */
    villageId: v.optional(id('村（居）')),
    unitId: v.optional(id('责任单位')),
    period: v.picklist(DASHBOARD_PERIODS, '请选择统计周期'),
    /** week / month: a day in it (default today); range: the first day. */
    from: v.optional(calendarDate('开始日期')),
    /** range only: the last day. */
    to: v.optional(calendarDate('结束日期'))
  }),
  v.check((i) => !(i.villageId && i.unitId), '村（居）和责任单位只能选一个'),
  v.forward(
    v.partialCheck([['period'], ['from'], ['to']], (i) => i.period !== 'range' || (i.from !== undefined && i.to !== undefined), '自选时段请选择开始和结束日期'),
    ['from']
  ),
  v.forward(
    v.partialCheck([['from'], ['to']], (i) => !i.from || !i.to || i.from <= i.to, '开始日期不能晚于结束日期'),
    ['from']
  ),
  v.forward(
    v.partialCheck([['from'], ['to']], (i) => !i.from || !i.to || spanDays(i.from, i.to) <= MAX_DASHBOARD_RANGE_DAYS, `自选时段最长 ${MAX_DASHBOARD_RANGE_DAYS} 天`),
    ['to']
  )
)

export const dashboardActions = {
  'supervision.dashboard': action<DashboardView>()({
    title: '数据看板（全镇、本村居或本单位：今日与本周、周趋势、类别、村居与单位排名、超期清单）',
    access: { roles: villageOrUnitStaff },
    input: dashboardInput
  })
}
