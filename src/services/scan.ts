/**
 * Reading the organiser's check-in code. The browser build (and tests) have no scanner: the
 * volunteer types the code shown under the QR code. WeChat uses scan.weapp.ts.
 */
export type ScanCodeResult = { ok: true; code: string } | { ok: false; cancelled: boolean; message: string }

export const CAN_SCAN = false

export async function scanCheckinCode(): Promise<ScanCodeResult> {
  return { ok: false, cancelled: false, message: '浏览器版不能扫码，请输入签到码' }
}
