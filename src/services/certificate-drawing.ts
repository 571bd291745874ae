import type { Certificate } from '@/contract'
import { chinaDay } from '@/domain/china-time'
import { formatChineseDate } from './format'
import { hoursNumber } from './activity-time'
import { PALETTE, drawOnCanvas, fit, font, wrapText, type CanvasLike, type DrawOp, type Drawing, type Measure } from './drawing-kit'

export type { CanvasLike, Ctx2D, DrawOp } from './drawing-kit'

/**
 * The 志愿服务证明 as drawing commands on any 2D context: the WeChat canvas (type="2d") and the
 * browser's HTML canvas run the same code, so the saved image is the same picture on both.
 */

export type CertificateLayout = Drawing

export const CERTIFICATE_WIDTH = 750
/** Activities listed by name; the rest are summed in one line. */
export const CERTIFICATE_ROWS = 8

const RED = PALETTE.sealRed
const INK = PALETTE.docInk
const GREY = PALETTE.docGrey

function shortDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  if (match && !iso.includes('T')) return `${match[1]}.${match[2]}.${match[3]}`
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return chinaDay(date).replace(/-/g, '.')
}

interface Column {
  title: string
  x: number
  w: number
  align: 'left' | 'center' | 'right'
}

const MARGIN = 76
const INNER = CERTIFICATE_WIDTH - MARGIN * 2
const BODY = font(30)
const ROW_FONT = font(24)

/** Collects draw operations top to bottom. */
class Sheet {
  readonly ops: DrawOp[] = []
  y = 0
  constructor(readonly measure: Measure) {}
  text(value: string, x: number, y: number, font: string, color = INK, align: 'left' | 'center' | 'right' = 'left') {
    this.ops.push({ kind: 'text', text: value, x, y, font, color, align })
  }
  line(x1: number, x2: number, y: number, color: string, width: number) {
    this.ops.push({ kind: 'line', x1, y1: y, x2, y2: y, color, width })
  }
}

const COLUMNS: Column[] = [
  { title: '序号', x: MARGIN, w: 76, align: 'center' },
  { title: '活动名称', x: MARGIN + 76, w: INNER - 76 - 172 - 80, align: 'left' },
  { title: '日期', x: CERTIFICATE_WIDTH - MARGIN - 252, w: 172, align: 'center' },
  { title: '时长', x: CERTIFICATE_WIDTH - MARGIN - 80, w: 80, align: 'center' }
]

function cellX(column: Column): number {
  return column.align === 'center' ? column.x + column.w / 2 : column.x + 12
}

function cell(sheet: Sheet, value: string, column: Column, baseline: number, font = ROW_FONT) {
  sheet.text(fit(value, column.w - 20, font, sheet.measure), cellX(column), baseline, font, INK, column.align)
}

/** An activity's name on one line, or two (the second cut with …). */
function nameLines(title: string, sheet: Sheet): string[] {
  const room = COLUMNS[1].w - 20
  const lines = wrapText(title, room, ROW_FONT, sheet.measure)
  return lines.length <= 2 ? lines : [lines[0], fit(lines.slice(1).join(''), room, ROW_FONT, sheet.measure)]
}

/** 主要服务记录: the first `maxRows` activities, then one line for the rest. */
function layoutTable(sheet: Sheet, activities: Certificate['activities'], maxRows: number) {
  sheet.y += 20
  sheet.text('主要服务记录（时长单位：小时）', MARGIN, sheet.y, font(28, true))
  sheet.y += 22
  const top = sheet.y
  sheet.ops.push({ kind: 'rect', x: MARGIN, y: top, w: INNER, h: 48, fill: PALETTE.certificateHead })
  COLUMNS.forEach((column) => cell(sheet, column.title, column, top + 32, font(24, true)))
  sheet.y += 48
  const rows = activities.slice(0, maxRows)
  rows.forEach((activity, index) => {
    const lines = nameLines(activity.title, sheet)
    const height = lines.length > 1 ? 80 : 48
    const middle = sheet.y + height / 2 + 8
    cell(sheet, String(index + 1), COLUMNS[0], middle)
    lines.forEach((line, lineIndex) => sheet.text(line, cellX(COLUMNS[1]), sheet.y + 32 + lineIndex * 32, ROW_FONT))
    cell(sheet, shortDate(activity.date), COLUMNS[2], middle)
    cell(sheet, hoursNumber(activity.hours), COLUMNS[3], middle)
    sheet.y += height
    sheet.line(MARGIN, CERTIFICATE_WIDTH - MARGIN, sheet.y, PALETTE.certificateRule, 1)
  })
  sheet.ops.push({ kind: 'rect', x: MARGIN, y: top, w: INNER, h: sheet.y - top, stroke: PALETTE.certificateFrame, lineWidth: 1.5 })
  if (activities.length > rows.length) {
    const rest = activities.slice(rows.length)
    const restHours = rest.reduce((sum, activity) => sum + activity.hours, 0)
    sheet.y += 40
    sheet.text(`另有 ${rest.length} 次活动，共 ${hoursNumber(restHours)} 小时，详见服务时长记录。`, MARGIN, sheet.y, ROW_FONT, GREY)
  }
  sheet.y += 20
}

/** Lays the certificate out top to bottom; the height follows the content. */
export function layoutCertificate(cert: Certificate, measure: Measure, maxRows = CERTIFICATE_ROWS): CertificateLayout {
  const width = CERTIFICATE_WIDTH
  const sheet = new Sheet(measure)
  sheet.y = 150
  sheet.text('志 愿 服 务 证 明', width / 2, sheet.y, font(58, true), RED, 'center')
  sheet.y += 34
  sheet.line(MARGIN + 40, width - MARGIN - 40, sheet.y, RED, 3)
  sheet.line(MARGIN + 40, width - MARGIN - 40, sheet.y + 8, RED, 1)
  sheet.y += 56
  sheet.text(`编号：${cert.no}`, width - MARGIN, sheet.y, font(24), GREY, 'right')
  sheet.y += 70

  const count = cert.activities.length
  const paragraph = `兹证明 ${cert.realName}（身份证号：${cert.idNumber}）自愿参加志愿服务活动${count ? ` ${count} 次` : ''}，经签到签退记录核实，累计志愿服务时长 ${hoursNumber(cert.totalHours)} 小时。`
  const indent = measure('兹证', BODY)
  wrapText(paragraph, INNER, BODY, measure, { indent }).forEach((line, index) => {
    sheet.text(line, MARGIN + (index === 0 ? indent : 0), sheet.y, BODY)
    sheet.y += 54
  })
  if (count) layoutTable(sheet, cert.activities, maxRows)

  sheet.y += 64
  sheet.text('特此证明。', MARGIN + indent, sheet.y, BODY)
  sheet.y += 110
  sheet.text(cert.issuer, width - MARGIN, sheet.y, font(30, true), INK, 'right')
  sheet.y += 54
  sheet.text(formatChineseDate(cert.issuedAt), width - MARGIN, sheet.y, BODY, INK, 'right')
  sheet.y += 90
  sheet.text('本证明依据志愿服务签到签退记录生成，可凭编号向出具单位核验。', width / 2, sheet.y, font(22), GREY, 'center')
  const height = sheet.y + 70

  // Paper and the double red frame go under everything else.
  const frame: DrawOp[] = [
    { kind: 'rect', x: 0, y: 0, w: width, h: height, fill: PALETTE.certificatePaper },
    { kind: 'rect', x: 22, y: 22, w: width - 44, h: height - 44, stroke: RED, lineWidth: 6 },
    { kind: 'rect', x: 36, y: 36, w: width - 72, h: height - 72, stroke: RED, lineWidth: 1.5 }
  ]
  return { width, height, ops: [...frame, ...sheet.ops] }
}

/** Sizes the canvas for the certificate (× pixelRatio for a sharp image) and draws it. */
export function drawCertificate(canvas: CanvasLike, cert: Certificate, pixelRatio = 2): CertificateLayout {
  return drawOnCanvas(canvas, (measure) => layoutCertificate(cert, measure), pixelRatio)
}
