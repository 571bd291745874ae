import type { Result } from '@/contract'

export const CAN_PRINT = true

export async function openSpreadsheet(url: string): Promise<Result<null>> {
  window.open(url, '_blank')
  return { ok: true, data: null }
}

export function printPage(): void {
  window.print()
}
