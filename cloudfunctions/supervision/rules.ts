/** Pure rules of patrols: ids, the roster's days and rotation, the score and its formula, template versions. */
import { createHash } from 'node:crypto'
import { PATROL_FULL_SCORE, type PatrolResult } from '@/contract'
import type { ItemDoc } from './docs'

const hash = (parts: Array<string | null>) =>
  createHash('sha256')
    .update(parts.map((p) => p ?? '').join('\u0000'))
    .digest('base64url')
    .slice(0, 22)

/** The same place, checklist and day is one patrol: scheduling it again finds the first. */
export const patrolIdFor = (villageId: string, gridId: string | null, templateId: string, date: string) => `pt_${hash([villageId, gridId, templateId, date])}`

export const countsIdFor = (villageId: string, date: string) => `${villageId}_${date}`

/**
 * The audit entry closing a round of a patrol (submitted, missed or cancelled) has an id of its own:
 * inserting it in the closing transaction lets exactly one of the three happen, however they race.
 * A late submission (after 缺巡) closes it a second time, once.
 */
export const closeEntryId = (patrolId: string, round: number) => `${patrolId}.${round}.close`
export const lateEntryId = (patrolId: string, round: number) => `${patrolId}.${round}.late`

const pad = (n: number) => (n < 10 ? `0${n}` : String(n))
export const dayOf = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

export function monthRange(year: number, month: number): { from: string; to: string } {
  return { from: dayOf(year, month, 1), to: dayOf(year, month, daysInMonth(year, month)) }
}

/** The roster generator's days: from `fromDay`, every `everyDays` days, to the end of the month; none before `today`. */
export function rosterDays(year: number, month: number, everyDays: number, fromDay: number, today: string): string[] {
  const out: string[] = []
  for (let d = fromDay; d <= daysInMonth(year, month); d += everyDays) {
    const day = dayOf(year, month, d)
    if (day >= today) out.push(day)
  }
  return out
}

/** Who patrols on the k-th day of the roster: the chosen people in turn, `perPatrol` at a time. */
export function rotation<T>(people: T[], k: number, perPatrol: number): T[] {
  const n = Math.min(perPatrol, people.length)
  return Array.from({ length: n }, (_, j) => people[(k * n + j) % people.length])
}

/** The years whose working-day corrections a submission of this day's patrol may need. */
export function calendarYearsOf(date: string): number[] {
  const y = Number(date.slice(0, 4))
  return [y, y + 1]
}

export interface Scored {
  findings: number
  deductions: number
  score: number
  formula: string
}

/** score = 100 − Σ deductions of the failed items (a template's deductions add up to at most 100). */
export function scoreOf(items: ItemDoc[], results: Array<{ itemKey: string; result: PatrolResult }>): Scored {
  const failed = new Set(results.filter((r) => r.result === 'fail').map((r) => r.itemKey))
  const taken = items.map((item, i) => ({ item, no: i + 1 })).filter(({ item }) => failed.has(item.key))
  const deductions = taken.reduce((s, t) => s + t.item.deduction, 0)
  const score = Math.max(0, PATROL_FULL_SCORE - deductions)
  const formula = taken.length
    ? `${PATROL_FULL_SCORE} ${taken.map((t) => `− ${t.item.deduction}（第${t.no}项 ${t.item.categoryName}）`).join(' ')} = ${score}`
    : `${PATROL_FULL_SCORE} − 0（全部合格）= ${score}`
  return { findings: taken.length, deductions, score, formula }
}

export interface ItemInput {
  key?: string
  text: string
  category: string
  deduction: number
}

/**
 * The template's items after a save: an item keeps its key (a new one gets the next `i<n>`), and the
 * version moves on only when the items change (text, category, deduction, order, added or removed).
 */
export function nextItems(
  current: { items: ItemDoc[]; nextKey: number } | null,
  input: ItemInput[],
  categoryName: (code: string) => string
): { items: ItemDoc[]; nextKey: number; changed: boolean; unknownKeys: string[] } {
  let nextKey = current?.nextKey ?? 1
  const known = new Set((current?.items ?? []).map((i) => i.key))
  const unknownKeys = input.map((i) => i.key).filter((k): k is string => k !== undefined && !known.has(k))
  const items = input.map((i) => ({ key: i.key ?? `i${nextKey++}`, text: i.text, category: i.category, categoryName: categoryName(i.category), deduction: i.deduction }))
  const changed = JSON.stringify(items) !== JSON.stringify(current?.items ?? null)
  return { items, nextKey, changed, unknownKeys }
}

/* ---------------------------------------------------------------- 民情日记 */

/** The same recorder and form key is one visit: a retry finds the first. */
export const visitIdFor = (userId: string, key: string) => `vs_${hash([userId, key])}`
export const monthOf = (date: string) => date.slice(0, 7)
export const monthKey = (year: number, month: number) => `${year}-${pad(month)}`
export const visitMarkIdFor = (householdId: string, month: string) => `${householdId}_${month}`
export const visitCountsIdFor = (villageId: string, month: string) => `${villageId}_${month}`

/** visited ÷ households, to four places (0 for a village without households). */
export function coverageRate(visited: number, households: number): number {
  return households > 0 ? Math.round((Math.min(visited, households) / households) * 10_000) / 10_000 : 0
}
