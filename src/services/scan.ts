/**
 * Reading a check-in QR code: the organiser's activity code (the volunteer scans it) or a
 * volunteer's personal code (the organiser scans it). The browser build (and tests) have no scanner:
 * the code shown under the QR code is typed. WeChat uses scan.weapp.ts.
 */
export type ScanCodeResult = { ok: true; code: string } | { ok: false; cancelled: boolean; message: string }

export const CAN_SCAN = false

export async function scanCheckinCode(): Promise<ScanCodeResult> {
  return { ok: false, cancelled: false, message: '浏览器版不能扫码，请输入签到码' }
}

export async function scanPersonalCode(): Promise<ScanCodeResult> {
  return { ok: false, cancelled: false, message: '浏览器版不能扫码，请输入志愿者签到码下方的字符' }
}
