/** The xlsx of every figure of a bulletin: the rankings with each score's inputs and formula, 超期问题, 申诉. */
import { BULLETIN_FIGURE_LABELS, CONTEST_STATUS_LABELS, type BulletinExport, type BulletinRatio } from '@/contract'
import { chinaStamp } from '@/domain/china-time'
import { addTable, newWorkbook, storeWorkbook, type SheetColumn } from '../_shared/xlsx'
import type { BulletinDoc } from './bulletin-docs'

const RANK_COLUMNS: SheetColumn[] = [
  { header: '类别', key: 'peer', width: 10 },
  { header: '名次', key: 'rank', width: 10 },
  { header: '名称', key: 'name', width: 16 },
  { header: '得分', key: 'score', width: 8 },
  { header: '问题数', key: 'created', width: 8 },
  { header: '已销号', key: 'closed', width: 8 },
  { header: '在办', key: 'open', width: 8 },
  { header: '超期', key: 'overdue', width: 8 },
  { header: '按期办结率', key: 'onTimeRate', width: 14 },
  { header: '结案率', key: 'closureRate', width: 14 },
  { header: '返工率', key: 'reworkRate', width: 14 },
  { header: '满意率', key: 'satisfactionRate', width: 14 },
  { header: '平均处置时长（工作日）', key: 'avgHandlingDays', width: 16 },
  { header: '红黑榜', key: 'board', width: 8 },
  { header: '更正说明', key: 'corrections', width: 30 },
  { header: '计算过程', key: 'formula', width: 80 }
]

const OVERDUE_COLUMNS: SheetColumn[] = [
  { header: '责任单位', key: 'unit', width: 16 },
  { header: '问题编号', key: 'no', width: 18 },
  { header: '问题类别', key: 'category', width: 14 },
  { header: '村（居）', key: 'village', width: 12 },
  { header: '整改期限', key: 'deadline', width: 12 },
  { header: '超期工作日', key: 'days', width: 10 }
]

const CONTEST_COLUMNS: SheetColumn[] = [
  { header: '村（居）或单位', key: 'place', width: 16 },
  { header: '申诉数据', key: 'figure', width: 12 },
  { header: '申诉理由', key: 'reason', width: 40 },
  { header: '状态', key: 'status', width: 10 },
  { header: '答复', key: 'answer', width: 40 }
]

const pct = (r: BulletinRatio) => (r.value === null ? `—（${r.num}/${r.den}）` : `${(r.value * 100).toFixed(1)}%（${r.num}/${r.den}）`)
const days = (r: BulletinRatio) => (r.value === null ? '—' : r.value.toFixed(1))

export async function exportBulletin(b: BulletinDoc, now: Date): Promise<BulletinExport> {
  const book = await newWorkbook(now)
  const ranks = addTable(book, '排名和得分', RANK_COLUMNS, `${b.title}（评分办法第 ${b.scheme.version} 版，导出于 ${chinaStamp(now)}）`)
  let rows = 0
  for (const g of b.groups) {
    const red = new Set(g.red.map((e) => e.placeId))
    const black = new Set(g.black.map((e) => e.placeId))
    for (const r of g.rows) {
      rows++
      ranks.addRow({
        peer: g.label,
        rank: r.rankLabel,
        name: r.name,
        score: r.score ?? '数据不足',
        created: r.created,
        closed: r.closed,
        open: r.open,
        overdue: r.overdue,
        onTimeRate: pct(r.onTimeRate),
        closureRate: pct(r.closureRate),
        reworkRate: pct(r.reworkRate),
        satisfactionRate: pct(r.satisfactionRate),
        avgHandlingDays: days(r.avgHandlingDays),
        board: red.has(r.placeId) ? '红榜' : black.has(r.placeId) ? '黑榜' : '',
        corrections: r.corrections.join('；'),
        formula: r.formula
      })
    }
  }
  const overdue = addTable(book, '超期问题', OVERDUE_COLUMNS)
  for (const u of b.overdueByUnit)
    for (const i of u.items) overdue.addRow({ unit: u.name, no: i.no, category: i.categoryName, village: i.villageName, deadline: i.rectifyDeadline ?? '', days: i.workdaysOverdue })
  const contests = addTable(book, '申诉', CONTEST_COLUMNS)
  for (const c of b.contests) contests.addRow({ place: c.placeName, figure: BULLETIN_FIGURE_LABELS[c.figure], reason: c.reason, status: CONTEST_STATUS_LABELS[c.status], answer: c.answer ?? '' })
  const { fileID, url } = await storeWorkbook(book, b._id, now)
  return { fileID, url, rows }
}
