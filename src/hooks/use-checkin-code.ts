import { useCallback, useEffect, useRef, useState } from 'react'
import type { CheckinCode, PersonalCode, Result } from '@/contract'
import { call } from '@/services/call'

/** Fetch the next code this long before the current one expires. */
const EARLY_MS = 3000
const RETRY_MS = 5000
const MIN_DELAY_MS = 3000

/**
 * When to ask for the next code: a little before `expiresAt`, but never later than one rotation
 * (the phone's clock may be off) and never in a tight loop.
 */
export function nextRefreshDelay(code: Pick<CheckinCode, 'expiresAt' | 'rotateSeconds'>, now: number = Date.now()): number {
  const untilExpiry = Date.parse(code.expiresAt) - now - EARLY_MS
  const rotation = Math.max(MIN_DELAY_MS, code.rotateSeconds * 1000 - EARLY_MS)
  if (Number.isNaN(untilExpiry)) return rotation
  return Math.min(rotation, Math.max(MIN_DELAY_MS, untilExpiry))
}

/** A rotating code fetched again before each one expires (after a failure, a few seconds later); a second-by-second countdown. */
function useRotatingCode<T extends CheckinCode>(fetch: (() => Promise<Result<T>>) | null) {
  const [code, setCode] = useState<T | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [refreshAt, setRefreshAt] = useState<number | null>(null)
  const [now, setNow] = useState(() => Date.now())
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const live = useRef(true)

  const load = useCallback(async () => {
    if (!fetch) return
    if (timer.current) clearTimeout(timer.current)
    const res = await fetch()
    if (!live.current) return
    const delay = res.ok ? nextRefreshDelay(res.data) : RETRY_MS
    if (res.ok) {
      setCode(res.data)
      setError(null)
    } else {
      setError(res.message)
    }
    setRefreshAt(Date.now() + delay)
    timer.current = setTimeout(() => void load(), delay)
  }, [fetch])

  useEffect(() => {
    live.current = true
    void load()
    const tick = setInterval(() => setNow(Date.now()), 1000)
    return () => {
      live.current = false
      clearInterval(tick)
      if (timer.current) clearTimeout(timer.current)
    }
  }, [load])

  const secondsLeft = refreshAt === null ? null : Math.max(0, Math.ceil((refreshAt - now) / 1000))
  return { code, error, secondsLeft, refresh: load }
}

/** volunteers.checkinCode (the organiser's activity code); nothing is fetched without an activity. */
export function useCheckinCode(activityId: string | undefined) {
  const fetch = useCallback(() => call('volunteers.checkinCode', { activityId: activityId ?? '' }), [activityId])
  return useRotatingCode(activityId ? fetch : null)
}

/**
 * volunteers.personalCode (the volunteer's own code, for the organiser to scan), while `enabled`;
 * each new code also says whether the organiser has scanned the volunteer in or out.
 */
export function usePersonalCode(activityId: string, enabled: boolean) {
  const fetch = useCallback(() => call('volunteers.personalCode', { activityId }), [activityId])
  return useRotatingCode<PersonalCode>(enabled ? fetch : null)
}
