/**
 * A 2D context that records what is drawn (certificate and board poster tests): a Chinese character
 * is 1 em wide, Latin letters and digits half.
 */
import type { CanvasLike } from '@/services/certificate-drawing'

export function textWidth(text: string, font: string): number {
  const size = Number(/(\d+)px/.exec(font)?.[1] ?? 10)
  return Array.from(text).reduce((sum, char) => sum + (/[ -~]/.test(char) ? size / 2 : size), 0)
}

export interface DrawCall {
  name: string
  args: unknown[]
  font: string
  fillStyle: unknown
  textAlign: string
}

export function fakeCanvas() {
  const calls: DrawCall[] = []
  const state = { font: '10px serif', fillStyle: '#000' as unknown, strokeStyle: '#000' as unknown, lineWidth: 1, textAlign: 'start' }
  const record =
    (name: string) =>
    (...args: unknown[]) => {
      calls.push({ name, args, font: state.font, fillStyle: state.fillStyle, textAlign: state.textAlign })
    }
  const ctx = {
    ...state,
    get font() {
      return state.font
    },
    set font(value: string) {
      state.font = value
    },
    get fillStyle() {
      return state.fillStyle
    },
    set fillStyle(value: unknown) {
      state.fillStyle = value
    },
    get textAlign() {
      return state.textAlign
    },
    set textAlign(value: string) {
      state.textAlign = value
    },
    measureText: (text: string) => ({ width: textWidth(text, state.font) }),
    fillRect: record('fillRect'),
    strokeRect: record('strokeRect'),
    fillText: record('fillText'),
    beginPath: record('beginPath'),
    moveTo: record('moveTo'),
    lineTo: record('lineTo'),
    stroke: record('stroke'),
    scale: record('scale')
  }
  const canvas: CanvasLike = { width: 300, height: 150, getContext: () => ctx }
  const texts = () => calls.filter((call) => call.name === 'fillText').map((call) => call.args[0] as string)
  return { canvas, calls, texts }
}
