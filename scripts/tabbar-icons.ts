/**
 * Draws the tab bar icons into src/assets/tabbar/: one grey (normal) and one red (selected) PNG per
 * tab, 81 × 81 (the size WeChat recommends), shapes on a 24-unit grid, 4 × 4 samples per pixel for
 * smooth edges. Run `npx tsx scripts/tabbar-icons.ts` after changing a shape; the PNGs are committed.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { rgbaPng } from '../local-cloud/png'

type Point = readonly [number, number]
/** Is the point (24-unit grid) inside the shape? */
type Shape = (x: number, y: number) => boolean

const SIZE = 81
const SAMPLES = 4
/** tabBar.color and tabBar.selectedColor of src/app.config.ts. */
const COLOURS = { normal: [0x64, 0x6a, 0x73], active: [0xc8, 0x16, 0x1d] } as const

const inPolygon =
  (points: readonly Point[]): Shape =>
  (x, y) => {
    let inside = false
    for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
      const [xi, yi] = points[i]
      const [xj, yj] = points[j]
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
    }
    return inside
  }
const inCircle =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r
const inRect =
  (x0: number, y0: number, x1: number, y1: number, r = 0): Shape =>
  (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false
    const dx = Math.max(x0 + r - x, 0, x - (x1 - r))
    const dy = Math.max(y0 + r - y, 0, y - (y1 - r))
    return dx * dx + dy * dy <= r * r
  }
const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((shape) => shape(x, y))
const minus =
  (shape: Shape, ...holes: Shape[]): Shape =>
  (x, y) =>
    shape(x, y) && !holes.some((hole) => hole(x, y))

function star(cx: number, cy: number, outer: number, inner: number): Point[] {
  return Array.from({ length: 10 }, (_, i) => {
    const r = i % 2 ? inner : outer
    const angle = -Math.PI / 2 + (i * Math.PI) / 5
    return [cx + r * Math.cos(angle), cy + r * Math.sin(angle)] as const
  })
}

/** The classic heart curve (x² + y² − 1)³ ≤ x² y³, scaled to the grid. */
const heart: Shape = (x, y) => {
  const u = (x - 12) / 9.2
  const v = (13.2 - y) / 9.2
  return (u * u + v * v - 1) ** 3 - u * u * v ** 3 <= 0
}

export const ICONS: Record<string, Shape> = {
  // 首页: a house with a door.
  home: minus(
    union(
      inPolygon([
        [1.5, 11.5],
        [12, 2.5],
        [22.5, 11.5]
      ]),
      inRect(4.5, 10, 19.5, 21.5, 1)
    ),
    inRect(10, 14.5, 14, 21.6)
  ),
  // 随手拍: a camera with its lens.
  report: union(
    minus(
      union(
        inRect(2, 7, 22, 20.5, 2.2),
        inPolygon([
          [8, 4],
          [16, 4],
          [17.5, 7.2],
          [6.5, 7.2]
        ])
      ),
      inCircle(12, 13.5, 4.6)
    ),
    inCircle(12, 13.5, 2.8)
  ),
  // 志愿: a heart.
  activities: heart,
  // 光荣榜: a star.
  honour: inPolygon(star(12, 12.8, 10.8, 4.5)),
  // 我的: a head and shoulders.
  me: union(
    inCircle(12, 7.5, 4.6),
    minus(inCircle(12, 22.5, 9), (_x, y) => y > 21.5)
  )
}

function draw(shape: Shape, [r, g, b]: readonly number[]): Buffer {
  return rgbaPng(SIZE, SIZE, (px, py) => {
    let hits = 0
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const x = ((px + (sx + 0.5) / SAMPLES) / SIZE) * 24
        const y = ((py + (sy + 0.5) / SAMPLES) / SIZE) * 24
        if (shape(x, y)) hits++
      }
    }
    return [r, g, b, Math.round((255 * hits) / (SAMPLES * SAMPLES))]
  })
}

const out = join(__dirname, '..', 'src', 'assets', 'tabbar')
mkdirSync(out, { recursive: true })
for (const [name, shape] of Object.entries(ICONS)) {
  writeFileSync(join(out, `${name}.png`), draw(shape, COLOURS.normal))
  writeFileSync(join(out, `${name}-active.png`), draw(shape, COLOURS.active))
}
console.log(`tab bar icons → ${out}`)
