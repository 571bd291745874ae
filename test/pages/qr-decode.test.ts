/** The browser build's QR decoder (jsQR, loaded on first use) reads what the organiser's page draws. */
import { loadQrDecoder } from '@/packages/volunteers/components/camera-scan/decode'
import { qrMatrix } from '@/services/qr'

/** `text` as a QR code on white, `cell` pixels a module, RGBA as a canvas hands it out. */
function rendered(text: string, cell: number, size: number): { data: Uint8ClampedArray; width: number; height: number } {
  const matrix = qrMatrix(text)
  const n = matrix.length
  const data = new Uint8ClampedArray(size * size * 4).fill(255)
  const left = Math.floor((size - n * cell) / 2)
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const r = Math.floor((y - left) / cell)
      const c = Math.floor((x - left) / cell)
      if (r < 0 || c < 0 || r >= n || c >= n || !matrix[r][c]) continue
      const i = (y * size + x) * 4
      data[i] = data[i + 1] = data[i + 2] = 20
    }
  }
  return { data, width: size, height: size }
}

test('a check-in code drawn as the organiser shows it is read back exactly; a blank frame reads nothing', async () => {
  const decode = await loadQrDecoder()
  const code = 'ZY1.va_1a2b3c4d5e6f.29373020.Ab-cd_EF0123456789'
  const frame = rendered(code, 6, 400)
  expect(decode(frame.data, frame.width, frame.height)).toBe(code)
  const small = rendered(code, 3, 240)
  expect(decode(small.data, small.width, small.height)).toBe(code)
  const blank = new Uint8ClampedArray(200 * 200 * 4).fill(255)
  expect(decode(blank, 200, 200)).toBeNull()
  // loaded once
  expect(await loadQrDecoder()).toBe(decode)
})
