import { useMemo, useState } from 'react'
import { chinaParts } from '@/domain/china-time'
import type { Month } from './use-visits'

/** The month after (`next`) or before (`last`) `m`. */
export function monthBeside(m: Month, side: 'next' | 'last'): Month {
  if (side === 'next') return m.month === 12 ? { year: m.year + 1, month: 1 } : { year: m.year, month: m.month + 1 }
  return m.month === 1 ? { year: m.year - 1, month: 12 } : { year: m.year, month: m.month - 1 }
}

/**
 * A month picked from this China month and the one beside it (ChoiceChips 月份): the month, the
 * options, the picked option's value and its onChange.
 */
export function useMonthChoice(side: 'next' | 'last') {
  const now = chinaParts(new Date())
  const [month, setMonth] = useState<Month>({ year: now.year, month: now.month })
  const options = useMemo(() => {
    const current = { year: now.year, month: now.month }
    return [current, monthBeside(current, side)].map((m) => ({ value: `${m.year}-${m.month}`, label: `${m.year}年${m.month}月` }))
  }, [now.year, now.month, side])
  const pick = (value: string) => setMonth({ year: Number(value.split('-')[0]), month: Number(value.split('-')[1]) })
  return { month, options, value: `${month.year}-${month.month}`, pick }
}
