import Taro from '@tarojs/taro'
import type { Result } from '@/contract'

export const CAN_PRINT = false

/** Downloads the exported .xlsx and opens it in WeChat's viewer (with 转发/保存 in its menu). */
export async function openSpreadsheet(url: string): Promise<Result<null>> {
  try {
    const res = await Taro.downloadFile({ url })
    if (res.statusCode !== 200 || !res.tempFilePath) throw new Error(`download status ${res.statusCode}`)
    await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'xlsx', showMenu: true })
    return { ok: true, data: null }
  } catch (err) {
    console.warn('[documents] open spreadsheet failed', err)
    return { ok: false, code: 'INTERNAL', message: '文件下载没有成功，请稍后重试' }
  }
}

export function printPage(): void {
  // WeChat cannot print; letters are saved as an image instead (letter page).
}
