import { useState } from 'react'
import type { ScanResult } from '@/contract'
import { useAppStore } from '@/store/app-store'
import { call } from '@/services/call'
import { scanCheckinCode } from '@/services/scan'
import { scanPlace, useScanFlow, type ScanPhase } from './use-scan-flow'

export const CHECKIN_PRIVACY_REFUSED = '签到需要确认您在活动现场，要用到位置信息。您未同意隐私保护指引，暂不能签到；可以在“我的”页查看并同意，或请组织者手工签到。'
export const CHECKIN_LOCATION_DENIED = '没有获得位置权限，无法确认您在活动现场。请在设置中允许使用位置信息后再签到，或请组织者手工签到。'
export const CHECKIN_LOCATION_UNAVAILABLE = '暂时无法获取您的位置，请到开阔处稍后再试，或请组织者手工签到。'

export type CheckinPhase = ScanPhase

/**
 * 扫码签到/签退: the code (scanned in WeChat or with the browser's camera, or typed: the QR text or its six digits), then the current position
 * (after the privacy consent), then volunteers.scan. The server decides check-in or check-out and
 * says why it refuses (another activity's code, expired, outside the window, too far).
 */
export function useCheckin(onDone: (result: ScanResult) => void, activityId?: string) {
  const { ensurePrivacy } = useAppStore()
  const [result, setResult] = useState<ScanResult | null>(null)
  const flow = useScanFlow<ScanResult>({
    scan: scanCheckinCode,
    missingCode: '请输入组织者手机上显示的签到码',
    place: () => scanPlace(ensurePrivacy, { privacyRefused: CHECKIN_PRIVACY_REFUSED, denied: CHECKIN_LOCATION_DENIED, unavailable: CHECKIN_LOCATION_UNAVAILABLE }),
    // from the activity's page: another activity's code is refused, and the six digits name no activity
    send: (code, at) => call('volunteers.scan', { code, ...at, ...(activityId ? { activityId } : {}) }),
    onSent: (data) => {
      setResult(data)
      onDone(data)
    }
  })
  return { ...flow, result }
}
