import { PALETTE, drawOnCanvas, fit, font, opsWithText, POSTER_MARGIN, posterFrame, wrapText, type CanvasLike, type DrawOp, type Drawing, type Measure } from './drawing-kit'
import { formatChineseDate } from './format'

/**
 * The shareable image of a published 周通报 / 月通报: its public part only — title, period, the
 * 流动红旗 holder, 红榜 and 黑榜 with their scores (per peer group), issuer and date — as drawing
 * commands on any 2D context (the WeChat canvas type="2d" or the browser's HTML canvas), like the
 * 光荣榜 poster. Pure: the page maps the bulletin's public view onto `BulletinImage`.
 */

export interface BulletinImageRow {
  /** 1, 2, 3 … (the 黑榜 counts from the bottom). */
  place: number
  name: string
  /** The score out of 100, as stored with the bulletin. */
  score: number
}

export interface BulletinImageGroup {
  /** 村 / 社区 / 责任单位. */
  label: string
  red: BulletinImageRow[]
  black: BulletinImageRow[]
}

export interface BulletinImage {
  /** e.g. 西岗镇第48周通报. */
  title: string
  /** e.g. 2026年11月23日—11月29日. */
  periodLabel: string
  /** The 流动红旗 this period, or null (no village reached the threshold). */
  flag: { name: string; score: number } | null
  /** The threshold, said when no one holds the flag (null: not known to the reader). */
  flagThreshold: number | null
  groups: BulletinImageGroup[]
  issuer: string
  /** ISO time or YYYY-MM-DD of publication. */
  publishedAt: string | null
}

export const BULLETIN_IMAGE_WIDTH = 750
/** Rows per list drawn (the bulletin itself holds three). */
export const BULLETIN_IMAGE_ROWS = 3

const { sealRed: RED, gold: GOLD, docInk: INK, docGrey: GREY } = PALETTE
const MARGIN = POSTER_MARGIN
const INNER = BULLETIN_IMAGE_WIDTH - MARGIN * 2
const ROW_FONT = font(28)
const SCORE_FONT = font(28, true)

/** A score as printed: one decimal, no trailing .0 (92.5, 90). */
export function scoreText(score: number): string {
  return `${Number.isInteger(score) ? score : score.toFixed(1)} 分`
}

type Push = (op: DrawOp) => void

function drawList(push: Push, measure: Measure, title: string, rows: BulletinImageRow[], colour: string, top: number): number {
  const left = MARGIN + 8
  let y = top
  push({ kind: 'text', text: title, x: left, y, font: font(28, true), color: colour, align: 'left' })
  if (!rows.length) {
    y += 44
    push({ kind: 'text', text: '暂无（数据不足或无符合条件者）', x: left, y, font: font(24), color: GREY, align: 'left' })
    return y
  }
  for (const row of rows.slice(0, BULLETIN_IMAGE_ROWS)) {
    y += 44
    const score = scoreText(row.score)
    const scoreWidth = measure(score, SCORE_FONT)
    const place = `${row.place}.`
    push({ kind: 'text', text: place, x: left, y, font: ROW_FONT, color: INK, align: 'left' })
    push({ kind: 'text', text: fit(row.name, INNER - scoreWidth - 80, ROW_FONT, measure), x: left + 44, y, font: ROW_FONT, color: INK, align: 'left' })
    push({ kind: 'text', text: score, x: BULLETIN_IMAGE_WIDTH - MARGIN - 8, y, font: SCORE_FONT, color: colour, align: 'right' })
  }
  return y
}

function titleLinesOf(title: string, titleFont: string, measure: Measure): string[] {
  const lines = wrapText(title, INNER, titleFont, measure, { anywhere: true })
  return lines.length <= 2 ? lines : [lines[0], fit(lines.slice(1).join(''), INNER, titleFont, measure)]
}

/** Lays the image out top to bottom; the height follows the content. */
export function layoutBulletinImage(bulletin: BulletinImage, measure: Measure): Drawing {
  const width = BULLETIN_IMAGE_WIDTH
  const { ops, text } = opsWithText(INK)
  const push: Push = (op) => ops.push(op)

  // The title (e.g. 11月23日至11月29日城乡环境综合整治周通报) takes up to two lines.
  const titleFont = font(44, true)
  const titleLines = titleLinesOf(bulletin.title, titleFont, measure)
  titleLines.forEach((line, k) => text(line, width / 2, 110 + k * 58, titleFont, GOLD, 'center'))
  const periodY = 110 + titleLines.length * 58 + 8
  text(fit(bulletin.periodLabel, INNER, font(28), measure), width / 2, periodY, font(28), PALETTE.white, 'center')
  const bannerHeight = periodY + 50
  let y = bannerHeight + 70

  // 流动红旗: a gold band with the holder, or why no one holds it.
  push({ kind: 'rect', x: MARGIN, y: y - 46, w: INNER, h: 100, fill: PALETTE.certificateHead })
  text('流动红旗', MARGIN + 24, y, font(26, true), RED)
  if (bulletin.flag) {
    const flagFont = font(34, true)
    text(fit(bulletin.flag.name, INNER - 240, flagFont, measure), MARGIN + 24, y + 40, flagFont, INK)
    text(scoreText(bulletin.flag.score), width - MARGIN - 24, y + 40, font(30, true), RED, 'right')
  } else {
    const why = bulletin.flagThreshold === null ? '本期无村（居）达到分数线，流动红旗空缺' : `本期无村（居）达到 ${bulletin.flagThreshold} 分，流动红旗空缺`
    text(why, MARGIN + 24, y + 40, font(26), GREY)
  }
  y += 54 + 40

  for (const group of bulletin.groups) {
    y += 40
    push({ kind: 'rect', x: MARGIN, y, w: INNER, h: 50, fill: RED })
    text(`${group.label}`, width / 2, y + 35, font(28, true), GOLD, 'center')
    y += 50 + 44
    y = drawList(push, measure, '红榜', group.red, RED, y)
    y += 50
    y = drawList(push, measure, '黑榜', group.black, INK, y)
    y += 24
    push({ kind: 'line', x1: MARGIN, y1: y, x2: width - MARGIN, y2: y, color: PALETTE.posterRule, width: 1 })
  }
  if (!bulletin.groups.length) {
    y += 60
    text('本期各单位数据不足，不排名次', width / 2, y, font(26), GREY, 'center')
  }

  y += 60
  text('得分按镇创建办公布的评分办法计算，数据不足者不排名次。', width / 2, y, font(22), GREY, 'center')
  y += 80
  text(fit(bulletin.issuer, INNER, font(30, true), measure), width - MARGIN, y, font(30, true), INK, 'right')
  const date = formatChineseDate(bulletin.publishedAt)
  if (date) {
    y += 50
    text(date, width - MARGIN, y, font(28), INK, 'right')
  }
  y += 70
  text('日督导 · 周通报 · 月问效', width / 2, y, font(24), RED, 'center')
  const height = y + 60

  return { width, height, ops: [...posterFrame(width, height, bannerHeight), ...ops] }
}

/** Sizes the canvas (× pixelRatio for a sharp image), measuring with the same context, and draws. */
export function drawBulletinImage(canvas: CanvasLike, bulletin: BulletinImage, pixelRatio = 2): Drawing {
  return drawOnCanvas(canvas, (measure) => layoutBulletinImage(bulletin, measure), pixelRatio)
}
