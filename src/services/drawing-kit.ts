/**
 * What the canvas drawings (志愿服务证明, 光荣榜 poster, 函) share: the palette, the fonts and the
 * measured text wrapping. The colours are the design tokens of `src/styles/tokens.scss` (a canvas
 * cannot read Sass): each key here is the token of the same name, `sealRed` ↔ `$wm-seal-red`, and
 * test/pages/drawing-kit.test.ts fails when the two disagree.
 */

/** Width of `text` drawn in `font` (a canvas context's measureText, or a fake one in tests). */
export type Measure = (text: string, font: string) => number

const palette = {
  /** $wm-brand: the letters' title and rule, as on the page. */
  brand: '#c8161d',
  /** Certificate and poster red, deeper than the brand red, like a seal. */
  sealRed: '#b7141b',
  gold: '#f6d58e',
  white: '#ffffff',
  /** Certificate and poster text. */
  docInk: '#1a1a1a',
  /** Certificate and poster notes. */
  docGrey: '#6b6f76',
  /** Letters are printed black. */
  letterInk: '#000000',
  certificatePaper: '#fffdf6',
  certificateHead: '#f8e6e4',
  certificateRule: '#e3c4c1',
  certificateFrame: '#c9a19d',
  posterPaper: '#fff8ec',
  posterRule: '#ead3c4'
}
export const PALETTE: Readonly<typeof palette> = Object.freeze(palette)

/** Song (宋体) for the certificate and the poster. */
export const SERIF = "'STSong', 'SimSun', 'Songti SC', 'Noto Serif CJK SC', 'Source Han Serif SC', serif"
/** FangSong (仿宋) for letters, as official documents are set; `$wm-font-fangsong` on the page. */
export const FANGSONG = "'FangSong', 'STFangsong', 'SimSun', serif"

/** A canvas font string: `font(30)` → "30px <Song>", `font(52, true, FANGSONG)` → "bold 52px <FangSong>". */
export function font(size: number, bold = false, family: string = SERIF): string {
  return `${bold ? 'bold ' : ''}${size}px ${family}`
}

export interface WrapOptions {
  /** The first line is this much narrower (a paragraph's indent). */
  indent?: number
  /**
   * Break between any two characters. By default a run of Latin letters, digits and symbols
   * (an ID number, a number of hours) stays whole; any Chinese character may start a line.
   */
  anywhere?: boolean
}

/**
 * Breaks text into lines no wider than `max` as measured in `font`. A space where a line breaks
 * is dropped rather than starting the next line.
 */
export function wrapText(text: string, max: number, font: string, measure: Measure, options: WrapOptions = {}): string[] {
  const tokens = options.anywhere ? Array.from(text) : (text.match(/[!-~]+|[\s\S]/gu) ?? [])
  const lines: string[] = []
  let line = ''
  let room = max - (options.indent ?? 0)
  for (const token of tokens) {
    if (line && measure(line + token, font) > room) {
      lines.push(line.trimEnd())
      line = token.trim() ? token : ''
      room = max
    } else {
      line += token
    }
  }
  if (line || !lines.length) lines.push(line)
  return lines
}

/** Cuts `text` to fit `max` pixels, ending with …. */
export function fit(text: string, max: number, font: string, measure: Measure): string {
  if (measure(text, font) <= max) return text
  const chars = Array.from(text)
  while (chars.length && measure(`${chars.join('')}…`, font) > max) chars.pop()
  return `${chars.join('')}…`
}

/** The part of CanvasRenderingContext2D the drawings use (a fake one in tests). */
export interface Ctx2D {
  font: string
  fillStyle: unknown
  strokeStyle: unknown
  lineWidth: number
  textAlign: string
  fillRect(x: number, y: number, w: number, h: number): void
  strokeRect(x: number, y: number, w: number, h: number): void
  fillText(text: string, x: number, y: number): void
  measureText(text: string): { width: number }
  beginPath(): void
  moveTo(x: number, y: number): void
  lineTo(x: number, y: number): void
  stroke(): void
  scale(x: number, y: number): void
}

/** An HTML canvas or WeChat's canvas node. */
export interface CanvasLike {
  width: number
  height: number
  getContext(type: '2d'): unknown
}

export type DrawOp =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill?: string; stroke?: string; lineWidth?: number }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; color: string; width: number }
  | { kind: 'text'; text: string; x: number; y: number; font: string; color: string; align: Align }

export type Align = 'left' | 'center' | 'right'

/** A layout's commands and `text`, which adds a text command (in `ink`, left-aligned, unless told). */
export function opsWithText(ink: string): { ops: DrawOp[]; text: (value: string, x: number, y: number, font: string, color?: string, align?: Align) => void } {
  const ops: DrawOp[] = []
  const text = (value: string, x: number, y: number, f: string, color = ink, align: Align = 'left') => {
    ops.push({ kind: 'text', text: value, x, y, font: f, color, align })
  }
  return { ops, text }
}

/** The room a poster (光荣榜, 通报图片) leaves on either side of its content. */
export const POSTER_MARGIN = 64

/** A poster's frame, painted under its content: the paper, the red banner on top and a gold border. */
export function posterFrame(width: number, height: number, bannerHeight: number): DrawOp[] {
  return [
    { kind: 'rect', x: 0, y: 0, w: width, h: height, fill: PALETTE.posterPaper },
    { kind: 'rect', x: 0, y: 0, w: width, h: bannerHeight, fill: PALETTE.sealRed },
    { kind: 'rect', x: 18, y: 18, w: width - 36, h: height - 36, stroke: PALETTE.gold, lineWidth: 4 }
  ]
}

/** A picture as drawing commands, in the order they are painted; the height follows the content. */
export interface Drawing {
  width: number
  height: number
  ops: DrawOp[]
}

/** Issues the drawing's commands, in order, on the context. */
export function paintDrawing(ctx: Ctx2D, drawing: Drawing): void {
  for (const op of drawing.ops) {
    if (op.kind === 'rect') {
      if (op.fill) {
        ctx.fillStyle = op.fill
        ctx.fillRect(op.x, op.y, op.w, op.h)
      }
      if (op.stroke) {
        ctx.strokeStyle = op.stroke
        ctx.lineWidth = op.lineWidth ?? 1
        ctx.strokeRect(op.x, op.y, op.w, op.h)
      }
    } else if (op.kind === 'line') {
      ctx.strokeStyle = op.color
      ctx.lineWidth = op.width
      ctx.beginPath()
      ctx.moveTo(op.x1, op.y1)
      ctx.lineTo(op.x2, op.y2)
      ctx.stroke()
    } else {
      ctx.font = op.font
      ctx.fillStyle = op.color
      ctx.textAlign = op.align
      ctx.fillText(op.text, op.x, op.y)
    }
  }
}

/**
 * Lays the picture out measuring with the canvas's own context (so line breaks match the fonts the
 * platform has), sizes the canvas × pixelRatio for a sharp image, and paints it.
 */
export function drawOnCanvas<D extends Drawing>(canvas: CanvasLike, layout: (measure: Measure) => D, pixelRatio: number): D {
  const ctx = canvas.getContext('2d') as Ctx2D | null
  if (!ctx) throw new Error('2d context unavailable')
  const measure: Measure = (value, font) => {
    ctx.font = font
    return ctx.measureText(value).width
  }
  const drawing = layout(measure)
  canvas.width = Math.round(drawing.width * pixelRatio)
  canvas.height = Math.round(drawing.height * pixelRatio)
  // Resizing resets the context's state; scale once after it.
  ctx.scale(pixelRatio, pixelRatio)
  paintDrawing(ctx, drawing)
  return drawing
}
