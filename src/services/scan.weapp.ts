import Taro from '@tarojs/taro'

export type ScanCodeResult = { ok: true; code: string } | { ok: false; cancelled: boolean; message: string }

export const CAN_SCAN = true

/** The camera scanner, QR codes only; `notFound` says whose code to aim at. */
async function scanQr(notFound: string): Promise<ScanCodeResult> {
  try {
    const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
    const code = (res.result ?? '').trim()
    if (!code) return { ok: false, cancelled: false, message: notFound }
    return { ok: true, code }
  } catch (err) {
    const msg = String((err as { errMsg?: unknown } | null)?.errMsg ?? err ?? '')
    if (/cancel/i.test(msg)) return { ok: false, cancelled: true, message: '' }
    if (/auth|deny|denied|permission/i.test(msg)) return { ok: false, cancelled: false, message: '没有获得相机权限，请在小程序设置中允许使用摄像头后再扫码' }
    return { ok: false, cancelled: false, message: '没能打开扫码，请稍后再试' }
  }
}

/** The volunteer scans the organiser's activity code. */
export function scanCheckinCode(): Promise<ScanCodeResult> {
  return scanQr('没有识别到签到码，请对准组织者手机上的二维码再扫一次')
}

/** The organiser scans a volunteer's personal code. */
export function scanPersonalCode(): Promise<ScanCodeResult> {
  return scanQr('没有识别到签到码，请对准志愿者手机上的签到码再扫一次')
}
