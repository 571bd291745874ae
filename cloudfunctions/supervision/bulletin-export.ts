/** The xlsx of every figure of a bulletin: the rankings with each score's inputs and formula, 超期问题, 申诉. */
import { BULLETIN_FIGURE_LABELS, CONTEST_STATUS_LABELS, type BulletinExport, type BulletinOverdueItem, type BulletinRatio, type BulletinRow } from '@/contract'
import { chinaStamp } from '@/domain/china-time'
import { LEDGER_WORDS } from '@/domain/ledger-words'
import { addTable, newWorkbook, storeWorkbook, type SheetColumn } from '../_shared/xlsx'
import type { BulletinDoc, ContestDoc } from './bulletin-docs'

/** A ranking row with its peer group's label and its place on the 红黑榜 ('' when on neither). */
type RankLine = { peer: string; board: string; row: BulletinRow }

const pct = (r: BulletinRatio) => (r.value === null ? `—（${r.num}/${r.den}）` : `${(r.value * 100).toFixed(1)}%（${r.num}/${r.den}）`)
const days = (r: BulletinRatio) => (r.value === null ? '—' : r.value.toFixed(1))

const RANK_COLUMNS: Array<SheetColumn<RankLine>> = [
  { header: '类别', width: 10, value: (l) => l.peer },
  { header: '名次', width: 10, value: (l) => l.row.rankLabel },
  { header: '名称', width: 16, value: (l) => l.row.name },
  { header: '得分', width: 8, value: (l) => l.row.score ?? '数据不足' },
  { header: '问题数', width: 8, value: (l) => l.row.created },
  { header: '已销号', width: 8, value: (l) => l.row.closed },
  { header: '在办', width: 8, value: (l) => l.row.open },
  { header: '超期', width: 8, value: (l) => l.row.overdue },
  { header: '按期办结率', width: 14, value: (l) => pct(l.row.onTimeRate) },
  { header: '结案率', width: 14, value: (l) => pct(l.row.closureRate) },
  { header: '返工率', width: 14, value: (l) => pct(l.row.reworkRate) },
  { header: '满意率', width: 14, value: (l) => pct(l.row.satisfactionRate) },
  { header: '平均处置时长（工作日）', width: 16, value: (l) => days(l.row.avgHandlingDays) },
  { header: '红黑榜', width: 8, value: (l) => l.board },
  { header: '更正说明', width: 30, value: (l) => l.row.corrections.join('；') },
  { header: '计算过程', width: 80, value: (l) => l.row.formula }
]

const OVERDUE_COLUMNS: Array<SheetColumn<{ unit: string; item: BulletinOverdueItem }>> = [
  { header: '责任单位', width: 16, value: (o) => o.unit },
  { header: '问题编号', width: 18, value: (o) => o.item.no },
  { header: '问题类别', width: 14, value: (o) => o.item.categoryName },
  { header: '村（居）', width: 12, value: (o) => o.item.villageName },
  { header: '整改期限', width: 12, value: (o) => o.item.rectifyDeadline ?? '' },
  { header: LEDGER_WORDS.daysOverdue, width: 10, value: (o) => o.item.workdaysOverdue }
]

const CONTEST_COLUMNS: Array<SheetColumn<ContestDoc>> = [
  { header: '村（居）或单位', width: 16, value: (c) => c.placeName },
  { header: '申诉数据', width: 12, value: (c) => BULLETIN_FIGURE_LABELS[c.figure] },
  { header: '申诉理由', width: 40, value: (c) => c.reason },
  { header: '状态', width: 10, value: (c) => CONTEST_STATUS_LABELS[c.status] },
  { header: '答复', width: 40, value: (c) => c.answer ?? '' }
]

function rankLines(b: BulletinDoc): RankLine[] {
  return b.groups.flatMap((g) => {
    const red = new Set(g.red.map((e) => e.placeId))
    const black = new Set(g.black.map((e) => e.placeId))
    return g.rows.map((row) => ({ peer: g.label, board: red.has(row.placeId) ? '红榜' : black.has(row.placeId) ? '黑榜' : '', row }))
  })
}

export async function exportBulletin(b: BulletinDoc, now: Date): Promise<BulletinExport> {
  const book = await newWorkbook(now)
  const ranks = rankLines(b)
  addTable(book, '排名和得分', RANK_COLUMNS, ranks, `${b.title}（评分办法第 ${b.scheme.version} 版，导出于 ${chinaStamp(now)}）`)
  addTable(
    book,
    '超期问题',
    OVERDUE_COLUMNS,
    b.overdueByUnit.flatMap((u) => u.items.map((item) => ({ unit: u.name, item })))
  )
  addTable(book, '申诉', CONTEST_COLUMNS, b.contests)
  const { fileID, url } = await storeWorkbook(book, b._id, now)
  return { fileID, url, rows: ranks.length }
}
