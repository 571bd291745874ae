/** Pure rules of boards (period labels and keys) and the ballot's id; the selection's lifecycle is src/domain/selection-flow.ts. */
import { createHash } from 'crypto'
import type { HonourPeriod } from '@/contract'

const QUARTERS = ['一', '二', '三', '四']

export function periodLabel(p: HonourPeriod): string {
  if (p.kind === 'year') return `${p.year}年度`
  if (p.kind === 'quarter') return `${p.year}年第${QUARTERS[(p.index ?? 1) - 1]}季度`
  return `${p.year}年${p.index ?? 1}月`
}

/** Sortable key: 2026, 2026-Q4, 2026-11. */
export function periodKey(p: HonourPeriod): string {
  if (p.kind === 'year') return String(p.year)
  if (p.kind === 'quarter') return `${p.year}-Q${p.index ?? 1}`
  return `${p.year}-${String(p.index ?? 1).padStart(2, '0')}`
}

/** The ballot's id: deterministic per (selection, voter), but not the voter's id. */
export function ballotIdOf(selectionId: string, userId: string): string {
  return `hb_${createHash('sha256').update(`${selectionId}:${userId}`).digest('base64url').slice(0, 32)}`
}
