/**
 * The dashboard's charts as pure layouts: scales, ticks, bars and lines become drawing commands
 * (src/services/drawing-kit.ts Drawing), painted by the same canvas module as the certificate and the
 * poster (weapp canvas type="2d" and H5). A few hundred lines instead of a chart library: @antv/f2
 * alone adds about 150 KB to a subpackage for two simple charts.
 * The colours are the design tokens (src/styles/tokens.scss): $wm-info, $wm-success, $wm-brand, …
 */
import type { Drawing, DrawOp, Measure } from '@/services/drawing-kit'

export const CHART_COLORS = {
  /** $wm-info: 新增 */
  created: '#165dff',
  /** $wm-success: 销号 */
  closed: '#00802b',
  /** $wm-brand: 超期 / 到期未按期办结 */
  lapsed: '#c8161d',
  /** $wm-text-muted: labels */
  label: '#646a73',
  /** $wm-text */
  ink: '#1f2329',
  /** $wm-border: grid lines */
  grid: '#e5e6eb',
  /** $wm-white */
  paper: '#ffffff'
} as const

export const CHART_FONT = "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', sans-serif"
const fontOf = (size: number, bold = false) => `${bold ? 'bold ' : ''}${size}px ${CHART_FONT}`

/* ---------------------------------------------------------------- scales */

/** A "nice" step (1, 2 or 5 × 10ⁿ) so that about `count` steps reach `max`. */
export function niceStep(max: number, count = 4): number {
  if (!(max > 0)) return 1
  const raw = max / count
  const power = 10 ** Math.floor(Math.log10(raw))
  const f = raw / power
  const nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10
  // counts are whole numbers: never a step below 1
  return Math.max(1, nice * power)
}

/** Ticks from 0 to the first multiple of the step at or above max (at least [0, 1]). */
export function niceTicks(max: number, count = 4): number[] {
  const step = niceStep(max, count)
  const top = Math.max(step, Math.ceil(max / step) * step)
  const out: number[] = []
  for (let t = 0; t <= top + step / 2; t += step) out.push(Math.round(t * 1e6) / 1e6)
  return out
}

export interface LinearScale {
  ticks: number[]
  max: number
  /** The pixel of a value (0 at `from`, max at `to`). */
  at(value: number): number
}

/** 0…nice max onto pixels [from, to] (to < from for a y axis growing upwards). */
export function linearScale(max: number, from: number, to: number, count = 4): LinearScale {
  const ticks = niceTicks(max, count)
  const top = ticks[ticks.length - 1]
  return { ticks, max: top, at: (v) => from + ((to - from) * Math.max(0, Math.min(v, top))) / top }
}

/* ---------------------------------------------------------------- shared */

export interface ChartOptions {
  /** Drawing width in px (the image is scaled to the page's width). */
  width: number
  /** Base font size (长辈模式: larger). */
  fontSize: number
}

export interface Series {
  key: string
  label: string
  color: string
}

function legend(series: readonly Series[], x0: number, y: number, size: number, measure: Measure): DrawOp[] {
  const ops: DrawOp[] = []
  let x = x0
  for (const s of series) {
    ops.push({ kind: 'rect', x, y: y - size * 0.7, w: size * 0.8, h: size * 0.8, fill: s.color })
    x += size * 1.1
    ops.push({ kind: 'text', text: s.label, x, y, font: fontOf(size), color: CHART_COLORS.label, align: 'left' })
    x += measure(s.label, fontOf(size)) + size * 1.2
  }
  return ops
}

/* ---------------------------------------------------------------- the weekly trend */

export interface TrendPoint {
  label: string
  values: Record<string, number>
}

/**
 * The weekly trend: one line per series over the weeks (a dot on each point), y from 0 to a nice
 * maximum with grid lines and tick labels, every other week labelled when they are many.
 */
export function trendChart(points: readonly TrendPoint[], series: readonly Series[], o: ChartOptions, measure: Measure): Drawing {
  const fs = o.fontSize
  const ops: DrawOp[] = [{ kind: 'rect', x: 0, y: 0, w: o.width, h: 0, fill: CHART_COLORS.paper }]
  const legendY = fs * 1.3
  ops.push(...legend(series, fs, legendY, fs, measure))
  const max = Math.max(0, ...points.flatMap((p) => series.map((s) => p.values[s.key] ?? 0)))
  const plotTop = legendY + fs * 1.2
  const plotBottom = plotTop + fs * 10
  const y = linearScale(max, plotBottom, plotTop)
  const tickWidth = Math.max(...y.ticks.map((t) => measure(String(t), fontOf(fs * 0.85))))
  const left = fs + tickWidth + fs * 0.5
  const right = o.width - fs
  for (const t of y.ticks) {
    const ty = y.at(t)
    ops.push({ kind: 'line', x1: left, y1: ty, x2: right, y2: ty, color: CHART_COLORS.grid, width: 1 })
    ops.push({ kind: 'text', text: String(t), x: left - fs * 0.4, y: ty + fs * 0.3, font: fontOf(fs * 0.85), color: CHART_COLORS.label, align: 'right' })
  }
  const n = points.length
  const xAt = (i: number) => (n <= 1 ? (left + right) / 2 : left + ((right - left) * i) / (n - 1))
  const every = Math.max(1, Math.ceil((measure('00/00', fontOf(fs * 0.85)) * 1.4 * n) / (right - left)))
  points.forEach((p, i) => {
    if ((n - 1 - i) % every === 0) ops.push({ kind: 'text', text: p.label, x: xAt(i), y: plotBottom + fs * 1.3, font: fontOf(fs * 0.85), color: CHART_COLORS.label, align: 'center' })
  })
  for (const s of series) {
    for (let i = 1; i < n; i++) {
      ops.push({ kind: 'line', x1: xAt(i - 1), y1: y.at(points[i - 1].values[s.key] ?? 0), x2: xAt(i), y2: y.at(points[i].values[s.key] ?? 0), color: s.color, width: 3 })
    }
    const dot = fs * 0.35
    points.forEach((p, i) => ops.push({ kind: 'rect', x: xAt(i) - dot / 2, y: y.at(p.values[s.key] ?? 0) - dot / 2, w: dot, h: dot, fill: s.color }))
  }
  const height = Math.ceil(plotBottom + fs * 2)
  ops[0] = { kind: 'rect', x: 0, y: 0, w: o.width, h: height, fill: CHART_COLORS.paper }
  return { width: o.width, height, ops }
}

/* ---------------------------------------------------------------- horizontal bars */

export interface BarDatum {
  label: string
  value: number
  /** A second, overlaid value (e.g. 超期 inside 在办): drawn as a narrower bar in its own colour. */
  part?: number
}

/**
 * Horizontal bars (category names can be long): labels on the left, bars from a common baseline, the
 * value at each bar's end; `part` overlaid. Long labels are cut with an ellipsis.
 */
export function barChart(data: readonly BarDatum[], colors: { bar: string; part?: string }, o: ChartOptions, measure: Measure): Drawing {
  const fs = o.fontSize
  const rowH = fs * 2
  const labelFont = fontOf(fs)
  const maxLabel = o.width * 0.32
  const fit = (text: string) => {
    if (measure(text, labelFont) <= maxLabel) return text
    let t = text
    while (t.length > 1 && measure(`${t}…`, labelFont) > maxLabel) t = t.slice(0, -1)
    return `${t}…`
  }
  const labels = data.map((d) => fit(d.label))
  const labelW = Math.min(maxLabel, Math.max(0, ...labels.map((l) => measure(l, labelFont))))
  const left = fs + labelW + fs * 0.6
  const valueW = measure(String(Math.max(0, ...data.map((d) => d.value))), labelFont) + fs
  const right = o.width - fs - valueW
  const x = linearScale(Math.max(0, ...data.map((d) => d.value)), left, right)
  const ops: DrawOp[] = []
  const height = Math.ceil(fs * 0.8 + rowH * data.length + fs * 0.4)
  ops.push({ kind: 'rect', x: 0, y: 0, w: o.width, h: height, fill: CHART_COLORS.paper })
  data.forEach((d, i) => {
    const top = fs * 0.8 + i * rowH
    const mid = top + rowH / 2
    ops.push({ kind: 'text', text: labels[i], x: left - fs * 0.6, y: mid + fs * 0.35, font: labelFont, color: CHART_COLORS.ink, align: 'right' })
    const w = Math.max(d.value > 0 ? 2 : 0, x.at(d.value) - left)
    ops.push({ kind: 'rect', x: left, y: top + rowH * 0.2, w, h: rowH * 0.6, fill: colors.bar })
    if (d.part && colors.part) ops.push({ kind: 'rect', x: left, y: top + rowH * 0.35, w: Math.max(2, x.at(d.part) - left), h: rowH * 0.3, fill: colors.part })
    ops.push({ kind: 'text', text: String(d.value), x: left + w + fs * 0.4, y: mid + fs * 0.35, font: labelFont, color: CHART_COLORS.label, align: 'left' })
  })
  return { width: o.width, height, ops }
}
