import { useCallback, useRef, useState } from 'react'
import type { PersonalScanResult } from '@/contract'
import { useAppStore } from '@/store/app-store'
import { call } from '@/services/call'
import { scanPersonalCode } from '@/services/scan'
import { scanPlace, useScanFlow, type ScanPhase, type ScanPlace } from './use-scan-flow'

export const PERSONAL_SCAN_PRIVACY_REFUSED = '扫码签到需要确认您在活动现场，要用到位置信息。您未同意隐私保护指引，暂不能扫码；可以在“我的”页查看并同意。'
export const PERSONAL_SCAN_LOCATION_DENIED = '没有获得位置权限，无法确认您在活动现场。请在设置中允许使用位置信息后再扫码。'
export const PERSONAL_SCAN_LOCATION_UNAVAILABLE = '暂时无法获取您的位置，请到开阔处稍后再试。'

/** One position serves a run of scans at the desk: it is taken again after this long. */
const PLACE_TTL_MS = 2 * 60_000
/** The latest results shown under the button. */
const KEEP = 20

export type PersonalScanPhase = ScanPhase

/**
 * 扫志愿者签到码 (personal_code activities): the volunteer's code (scanned in WeChat, typed in the
 * browser), the organiser's position (taken once every two minutes, after the privacy consent),
 * then volunteers.scanPersonal. The server checks the code, the sign-up and who may scan; the
 * latest results stay listed with the volunteer's name, to compare with the person in front.
 */
export function usePersonalScan(activityId: string) {
  const { ensurePrivacy } = useAppStore()
  const [results, setResults] = useState<PersonalScanResult[]>([])
  const place = useRef<{ at: number; place: ScanPlace } | null>(null)

  const here = useCallback(async (): Promise<ScanPlace | string> => {
    if (place.current && Date.now() - place.current.at < PLACE_TTL_MS) return place.current.place
    const found = await scanPlace(ensurePrivacy, { privacyRefused: PERSONAL_SCAN_PRIVACY_REFUSED, denied: PERSONAL_SCAN_LOCATION_DENIED, unavailable: PERSONAL_SCAN_LOCATION_UNAVAILABLE })
    if (typeof found !== 'string') place.current = { at: Date.now(), place: found }
    return found
  }, [ensurePrivacy])

  const flow = useScanFlow<PersonalScanResult>({
    scan: scanPersonalCode,
    missingCode: '请输入志愿者手机上显示的签到码',
    place: here,
    send: (code, at) => call('volunteers.scanPersonal', { code, ...at, activityId }),
    onSent: (data) => setResults((prev) => [data, ...prev].slice(0, KEEP))
  })
  return { ...flow, results }
}
