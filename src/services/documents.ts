import type { Result } from '@/contract'

/**
 * Fallback seen by tsc and jest; the builds pick documents.weapp.ts or documents.h5.ts.
 * In the browser the ledger file is a plain download link (see components/file-link).
 */
export const CAN_PRINT = false

export async function openSpreadsheet(_url: string): Promise<Result<null>> {
  return { ok: false, code: 'INTERNAL', message: '当前环境不能打开文件' }
}

export function printPage(): void {
  // no printing outside the browser
}
