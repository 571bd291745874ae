import { useCallback, useRef, useState } from 'react'
import type { ScanResult } from '@/contract'
import { useAppStore } from '@/store/app-store'
import { call } from '@/services/call'
import { locateHere } from '@/services/location'
import { CAN_SCAN, scanCheckinCode } from '@/services/scan'

export const CHECKIN_PRIVACY_REFUSED = '签到需要确认您在活动现场，要用到位置信息。您未同意隐私保护指引，暂不能签到；可以在“我的”页查看并同意，或请组织者手工签到。'
export const CHECKIN_LOCATION_DENIED = '没有获得位置权限，无法确认您在活动现场。请在设置中允许使用位置信息后再签到，或请组织者手工签到。'
export const CHECKIN_LOCATION_UNAVAILABLE = '暂时无法获取您的位置，请到开阔处稍后再试，或请组织者手工签到。'

export type CheckinPhase = 'idle' | 'scanning' | 'locating' | 'sending'

/**
 * 扫码签到/签退: the code (scanned in WeChat, typed in the browser), then the current position
 * (after the privacy consent), then volunteers.scan. The server decides check-in or check-out and
 * says why it refuses (another activity's code, expired, outside the window, too far).
 */
export function useCheckin(onDone: (result: ScanResult) => void) {
  const { ensurePrivacy } = useAppStore()
  const [phase, setPhase] = useState<CheckinPhase>('idle')
  const [error, setError] = useState<string | null>(null)
  const [result, setResult] = useState<ScanResult | null>(null)
  const busy = useRef(false)

  const run = useCallback(
    async (typed?: string) => {
      if (busy.current) return
      busy.current = true
      setError(null)
      try {
        let code = (typed ?? '').trim()
        if (CAN_SCAN) {
          setPhase('scanning')
          const scanned = await scanCheckinCode()
          if (!scanned.ok) {
            if (!scanned.cancelled) setError(scanned.message)
            return
          }
          code = scanned.code
        }
        if (!code) {
          setError('请输入组织者手机上显示的签到码')
          return
        }
        setPhase('locating')
        if (!(await ensurePrivacy())) {
          setError(CHECKIN_PRIVACY_REFUSED)
          return
        }
        const place = await locateHere({ fresh: true })
        if (!place.ok) {
          setError(place.reason === 'denied' ? CHECKIN_LOCATION_DENIED : CHECKIN_LOCATION_UNAVAILABLE)
          return
        }
        setPhase('sending')
        const { location, accuracy } = place.place
        const res = await call('volunteers.scan', { code, location, ...(accuracy === undefined ? {} : { accuracy }) })
        if (!res.ok) {
          setError(res.message)
          return
        }
        setResult(res.data)
        onDone(res.data)
      } finally {
        busy.current = false
        setPhase('idle')
      }
    },
    [ensurePrivacy, onDone]
  )

  return { run, phase, error, result, canScan: CAN_SCAN }
}
