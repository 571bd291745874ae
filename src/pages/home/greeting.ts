import { chinaParts } from '@/domain/china-time'

/** 早上好 / 上午好 / 中午好 / 下午好 / 晚上好 by the hour of `now`. */
export function greetingFor(now: Date): string {
  const hour = chinaParts(now).hour
  if (hour < 5) return '晚上好'
  if (hour < 9) return '早上好'
  if (hour < 12) return '上午好'
  if (hour < 14) return '中午好'
  if (hour < 18) return '下午好'
  return '晚上好'
}
