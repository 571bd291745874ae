import type { Letter } from '@/contract'
import { FANGSONG, PALETTE, font, wrapText, type Drawing, type Measure } from './drawing-kit'
import { formatChineseDate, formatDate } from './format'

export interface TextOp {
  text: string
  x: number
  /** Baseline. */
  y: number
  font: string
  color: string
  align: 'left' | 'center' | 'right'
}

export interface RuleOp {
  x1: number
  x2: number
  y: number
  color: string
  width: number
}

export interface LetterLayout {
  width: number
  height: number
  texts: TextOp[]
  rules: RuleOp[]
}

export type { Measure }

const RED = PALETTE.brand
const INK = PALETTE.letterInk

const CHINESE_DATE = /^\d{4}年\d{1,2}月\d{1,2}日$/

/**
 * The paragraphs of the letter's body. A body may carry the whole letter (salutation first,
 * sender and date last); those lines are dropped here because the layout prints them in place.
 */
export function bodyParagraphs(letter: Pick<Letter, 'to' | 'from' | 'body'>): string[] {
  const lines = letter.body.split(/\r?\n/).map((line) => line.trim())
  while (lines.length && !lines[0]) lines.shift()
  if (lines.length && (lines[0] === `${letter.to}：` || lines[0] === `${letter.to}:`)) lines.shift()
  while (lines.length && !lines[lines.length - 1]) lines.pop()
  if (lines.length && CHINESE_DATE.test(lines[lines.length - 1])) lines.pop()
  if (lines.length && lines[lines.length - 1] === letter.from) lines.pop()
  return lines.filter(Boolean)
}

/** Breaks one paragraph into lines no wider than `max`: in a letter any character may start a line. */
export function wrap(text: string, max: number, font: string, measure: Measure, indent = 0): string[] {
  return wrapText(text, max, font, measure, { indent, anywhere: true })
}

/**
 * The letter as drawing operations (canvas "save as image" in WeChat): title, number and the red
 * rule, addressee, body paragraphs indented two characters, due date, reference, sender and date.
 */
export function layoutLetter(letter: Letter, measure: Measure, width = 750): LetterLayout {
  const margin = 60
  const inner = width - margin * 2
  const texts: TextOp[] = []
  const rules: RuleOp[] = []
  const body = font(30, false, FANGSONG)
  const lineHeight = 54
  let y = margin + 56

  texts.push({ text: letter.kindLabel, x: width / 2, y, font: font(52, true, FANGSONG), color: RED, align: 'center' })
  y += 60
  texts.push({ text: letter.no, x: width / 2, y, font: body, color: INK, align: 'center' })
  y += 28
  rules.push({ x1: margin, x2: width - margin, y, color: RED, width: 4 })
  y += 64
  texts.push({ text: `${letter.to}：`, x: margin, y, font: font(30, true, FANGSONG), color: INK, align: 'left' })
  y += lineHeight

  const indent = measure('一二', body)
  for (const paragraph of bodyParagraphs(letter)) {
    wrap(paragraph, inner, body, measure, indent).forEach((line, index) => {
      texts.push({ text: line, x: margin + (index === 0 ? indent : 0), y, font: body, color: INK, align: 'left' })
      y += lineHeight
    })
  }
  const extra = [letter.dueAt ? `办理期限：${formatDate(letter.dueAt)}` : null, `关联问题编号：${letter.reportNo}`].filter((line): line is string => Boolean(line))
  y += 12
  for (const line of extra) {
    for (const part of wrap(line, inner, body, measure)) {
      texts.push({ text: part, x: margin, y, font: body, color: INK, align: 'left' })
      y += lineHeight
    }
  }
  y += 60
  texts.push({ text: letter.from, x: width - margin, y, font: body, color: INK, align: 'right' })
  y += lineHeight
  texts.push({ text: formatChineseDate(letter.issuedAt), x: width - margin, y, font: body, color: INK, align: 'right' })
  return { width, height: y + margin, texts, rules }
}

/** The letter as one picture on white paper: the rules, then the text. */
export function letterDrawing(layout: LetterLayout): Drawing {
  return {
    width: layout.width,
    height: layout.height,
    ops: [
      { kind: 'rect', x: 0, y: 0, w: layout.width, h: layout.height, fill: PALETTE.white },
      ...layout.rules.map((rule) => ({ kind: 'line' as const, x1: rule.x1, y1: rule.y, x2: rule.x2, y2: rule.y, color: rule.color, width: rule.width })),
      ...layout.texts.map((text) => ({ kind: 'text' as const, ...text }))
    ]
  }
}
