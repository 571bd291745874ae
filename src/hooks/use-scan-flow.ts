import { useCallback, useRef, useState } from 'react'
import type { GeoPoint, Result } from '@/contract'
import { locateHere } from '@/services/location'
import { CAN_SCAN, type ScanCodeResult } from '@/services/scan'

export type ScanPhase = 'idle' | 'scanning' | 'locating' | 'sending'

export interface ScanPlace {
  location: GeoPoint
  accuracy?: number
}

/** What to say when there is no position: privacy not agreed, location refused, no fix. */
export interface ScanPlaceMessages {
  privacyRefused: string
  denied: string
  unavailable: string
}

/** The current position for a scan, taken after the privacy consent; or why there is none (Chinese). */
export async function scanPlace(ensurePrivacy: () => Promise<boolean>, messages: ScanPlaceMessages): Promise<ScanPlace | string> {
  if (!(await ensurePrivacy())) return messages.privacyRefused
  const found = await locateHere({ fresh: true })
  if (!found.ok) return found.reason === 'denied' ? messages.denied : messages.unavailable
  const { location, accuracy } = found.place
  return accuracy === undefined ? { location } : { location, accuracy }
}

export interface ScanFlow<T> {
  /** The scanner (WeChat); the browser build types the code instead. */
  scan: () => Promise<ScanCodeResult>
  /** Said when no code was typed. */
  missingCode: string
  place: () => Promise<ScanPlace | string>
  send: (code: string, place: ScanPlace) => Promise<Result<T>>
  onSent: (data: T) => void
}

/**
 * A check-in scan, one at a time: the code (scanned in WeChat, typed in the browser), then the
 * position, then the action. Each step's failure is shown as `error` and stops the run; the run
 * resolves to what the server answered, or null.
 */
export function useScanFlow<T>(flow: ScanFlow<T>) {
  const [phase, setPhase] = useState<ScanPhase>('idle')
  const [error, setError] = useState<string | null>(null)
  const busy = useRef(false)
  const latest = useRef(flow)
  latest.current = flow

  /** With `typed`: that code; without: WeChat's scanner (the browser asks for a typed code). */
  const run = useCallback(async (typed?: string): Promise<T | null> => {
    if (busy.current) return null
    busy.current = true
    setError(null)
    const { scan, missingCode, place, send, onSent } = latest.current
    try {
      let code = (typed ?? '').trim()
      // a typed code (or one read by the browser's camera) goes as it is; WeChat's scanner otherwise
      if (CAN_SCAN && typed === undefined) {
        setPhase('scanning')
        const scanned = await scan()
        if (!scanned.ok) {
          if (!scanned.cancelled) setError(scanned.message)
          return null
        }
        code = scanned.code
      }
      if (!code) {
        setError(missingCode)
        return null
      }
      setPhase('locating')
      const at = await place()
      if (typeof at === 'string') {
        setError(at)
        return null
      }
      setPhase('sending')
      const res = await send(code, at)
      if (!res.ok) {
        setError(res.message)
        return null
      }
      onSent(res.data)
      return res.data
    } finally {
      busy.current = false
      setPhase('idle')
    }
  }, [])

  return { run, phase, error, canScan: CAN_SCAN }
}
