/** Shared pieces of the reports function tests. */
import { randomBytes } from 'node:crypto'
import type { InputOf } from '../../src/contract'
import { demoPng } from '../../local-server/seed-reports'
import { demoPerson } from '../../local-server/seed'
import { upload } from './town'

let photoNo = 0

/** A freshly uploaded photo (a tiny PNG), as the client would upload it before submitting. */
export async function photo(colour: [number, number, number] = [120, 100, 90]): Promise<string> {
  photoNo++
  return upload(`uploads/${Date.now()}-${photoNo}-${randomBytes(4).toString('hex')}.png`, demoPng(colour))
}

export const clientKey = () => `k-${randomBytes(8).toString('hex')}`

/** A valid 随手拍 draft in 东山村 一组网格 (near the seeded problems of that grid). */
export async function draft(extra: Partial<InputOf<'reports.create'>> = {}): Promise<InputOf<'reports.create'>> {
  return {
    clientKey: clientKey(),
    category: 'litter',
    description: '路边有一堆生活垃圾没人清理',
    photos: [await photo()],
    location: { lng: 120.31, lat: 30.41 },
    address: '东山村一组村道旁',
    villageId: 'v_dongshan',
    gridId: 'g_dongshan_1',
    anonymous: false,
    ...extra
  }
}

/** What must never reach anyone but the person and the town office: ids, openid, name, phone. */
export function identityOf(key: string): string[] {
  const p = demoPerson(key)
  return [p.userId, p.openid, p.name, p.phone]
}

/** China date (YYYY-MM-DD) `days` after now. */
export function chinaDay(days = 0, from = new Date()): string {
  return new Date(from.getTime() + 8 * 3600 * 1000 + days * 24 * 3600 * 1000).toISOString().slice(0, 10)
}

export { clockAt } from './clock'
