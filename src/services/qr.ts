import qrcode from 'qrcode-generator'

/** Dark modules of the QR code of `text` (medium error correction, smallest version that fits). */
export function qrMatrix(text: string): boolean[][] {
  const qr = qrcode(0, 'M')
  qr.addData(text)
  qr.make()
  const count = qr.getModuleCount()
  return Array.from({ length: count }, (_, row) => Array.from({ length: count }, (_, col) => qr.isDark(row, col)))
}

/** Horizontal runs of dark modules: [row, firstCol, length]. Fewer shapes to draw than one per module. */
export function darkRuns(matrix: boolean[][]): Array<[number, number, number]> {
  const runs: Array<[number, number, number]> = []
  matrix.forEach((cells, row) => {
    let start = -1
    cells.forEach((dark, col) => {
      if (dark && start < 0) start = col
      if ((!dark || col === cells.length - 1) && start >= 0) {
        runs.push([row, start, (dark ? col + 1 : col) - start])
        start = -1
      }
    })
  })
  return runs
}

/** An SVG path of the dark modules in module units, offset by the quiet zone `margin`. */
export function qrPath(matrix: boolean[][], margin = 4): string {
  return darkRuns(matrix)
    .map(([row, col, length]) => `M${col + margin} ${row + margin}h${length}v1h-${length}z`)
    .join('')
}

export interface QrContext {
  fillStyle: unknown
  fillRect(x: number, y: number, w: number, h: number): void
}

/**
 * Paints the code on a 2D context in whole pixels (crisp edges): white square of `size`, quiet zone
 * of `margin` modules, black modules. Returns the module size in pixels.
 */
export function paintQr(ctx: QrContext, matrix: boolean[][], size: number, margin = 4): number {
  const modules = matrix.length + margin * 2
  const cell = Math.max(1, Math.floor(size / modules))
  const offset = Math.floor((size - cell * matrix.length) / 2)
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, size, size)
  ctx.fillStyle = '#000000'
  for (const [row, col, length] of darkRuns(matrix)) ctx.fillRect(offset + col * cell, offset + row * cell, length * cell, cell)
  return cell
}
