import { HONOUR_CATEGORY_VIRTUE, HONOUR_VIRTUES, HONOUR_VIRTUE_LABELS, type HonourBoardDetail, type HonourEntry, type HonourVirtue } from '@/contract'
import { PALETTE, drawOnCanvas, fit, font, opsWithText, POSTER_MARGIN, posterFrame, wrapText, type CanvasLike, type Drawing, type Measure } from './drawing-kit'
import { formatChineseDate } from './format'

/**
 * The 光荣榜 poster as drawing commands on any 2D context (the WeChat canvas type="2d" or the
 * browser's HTML canvas): title, period, village/town, the entries grouped by 四德, issuer and date.
 */

export type PosterLayout = Drawing

export const POSTER_WIDTH = 750
/** Entries drawn by name; the rest are counted in one line. */
export const POSTER_MAX_ENTRIES = 24
/** Lines of a story on the poster (the last one cut with …). */
export const POSTER_STORY_LINES = 2

const { sealRed: RED, gold: GOLD, docInk: INK, docGrey: GREY } = PALETTE
const MARGIN = POSTER_MARGIN
const INNER = POSTER_WIDTH - MARGIN * 2
const NAME_FONT = font(30, true)
const TAG_FONT = font(22)
const STORY_FONT = font(24)

export interface VirtueGroup {
  virtue: HonourVirtue
  label: string
  entries: HonourEntry[]
}

/** Entries by 四德 (社会公德, 职业道德, 家庭美德, 个人品德), keeping their order within a virtue. */
export function groupByVirtue(entries: HonourEntry[]): VirtueGroup[] {
  return HONOUR_VIRTUES.map((virtue) => ({
    virtue,
    label: HONOUR_VIRTUE_LABELS[virtue],
    entries: entries.filter((entry) => HONOUR_CATEGORY_VIRTUE[entry.category] === virtue)
  })).filter((group) => group.entries.length > 0)
}

/** A story in at most `lines` lines, the last one cut with … when there is more. */
export function storyLines(story: string, max: number, measure: Measure, lines = POSTER_STORY_LINES): string[] {
  const all = wrapText(story.replace(/\s+/g, ' ').trim(), max, STORY_FONT, measure)
  if (all.length <= lines) return all
  return [...all.slice(0, lines - 1), fit(all.slice(lines - 1).join(''), max, STORY_FONT, measure)]
}

/** Lays the poster out top to bottom; the height follows the content. */
export function layoutBoardPoster(board: HonourBoardDetail, measure: Measure, maxEntries = POSTER_MAX_ENTRIES): PosterLayout {
  const width = POSTER_WIDTH
  const { ops, text } = opsWithText(INK)

  // Red banner with the title, the period and the place.
  const titleFont = font(52, true)
  text(fit(board.title, INNER, titleFont, measure), width / 2, 130, titleFont, GOLD, 'center')
  text(board.periodLabel, width / 2, 190, font(30), PALETTE.white, 'center')
  const place = board.villageId ? `${board.townName} · ${board.scopeName}` : board.scopeName
  text(fit(place, INNER, font(26), measure), width / 2, 236, font(26), PALETTE.white, 'center')
  const bannerHeight = 280
  let y = bannerHeight + 30

  let drawn = 0
  for (const group of groupByVirtue(board.entries)) {
    if (drawn >= maxEntries) break
    y += 30
    ops.push({ kind: 'rect', x: MARGIN, y, w: INNER, h: 52, fill: RED })
    text(`${group.label}榜`, width / 2, y + 36, font(30, true), GOLD, 'center')
    y += 52
    for (const entry of group.entries) {
      if (drawn >= maxEntries) break
      drawn++
      y += 50
      const tag = `【${entry.categoryLabel}】`
      const tagWidth = measure(tag, TAG_FONT)
      text(fit(entry.name, INNER - tagWidth - 16, NAME_FONT, measure), MARGIN + 8, y, NAME_FONT, INK)
      text(tag, width - MARGIN - 8, y, TAG_FONT, RED, 'right')
      for (const line of storyLines(entry.story, INNER - 16, measure)) {
        y += 36
        text(line, MARGIN + 8, y, STORY_FONT, GREY)
      }
      y += 20
      ops.push({ kind: 'line', x1: MARGIN, y1: y, x2: width - MARGIN, y2: y, color: PALETTE.posterRule, width: 1 })
    }
  }
  const rest = board.entries.length - drawn
  if (rest > 0) {
    y += 50
    text(`另有 ${rest} 位上榜人，详见光荣榜。`, width / 2, y, STORY_FONT, GREY, 'center')
  }

  y += 100
  text(board.issuer, width - MARGIN, y, font(30, true), INK, 'right')
  y += 50
  const date = formatChineseDate(board.issuedOn ?? board.publishedAt)
  if (date) {
    text(date, width - MARGIN, y, font(28), INK, 'right')
    y += 50
  }
  y += 20
  text('崇德向善 · 见贤思齐', width / 2, y, font(24), RED, 'center')
  const height = y + 60

  return { width, height, ops: [...posterFrame(width, height, bannerHeight), ...ops] }
}

/** Sizes the canvas (× pixelRatio for a sharp image), measuring with the same context, and draws. */
export function drawBoardPoster(canvas: CanvasLike, board: HonourBoardDetail, pixelRatio = 2): PosterLayout {
  return drawOnCanvas(canvas, (measure) => layoutBoardPoster(board, measure), pixelRatio)
}
