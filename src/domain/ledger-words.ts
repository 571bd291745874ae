/**
 * The words of 问题台账, one list for the screen (src/components/ledger-table) and the Excel file
 * (cloudfunctions/reports/export.ts): a column has the same title in both. 逾期工作日 because the
 * figure counts working days past the deadline (WorkCalendar.workdaysOverdue), not calendar days.
 */
export const LEDGER_WORDS = {
  no: '编号',
  source: '来源',
  createdAt: '上报时间',
  villageName: '村（居）',
  gridName: '网格',
  address: '地点',
  categoryName: '问题类别',
  description: '问题描述',
  unitName: '责任单位',
  dispatchedAt: '派单时间',
  rectifyDeadline: '整改期限',
  dueAt: '当前期限',
  measures: '整改措施',
  plannedDate: '计划完成',
  statusLabel: '状态',
  suspended: '挂起',
  closedAt: '销号时间',
  daysOverdue: '逾期工作日',
  before: '现场照片',
  after: '整改照片'
} as const

export type LedgerWord = keyof typeof LEDGER_WORDS

/** 逾期 3 个工作日: the overdue figure as a phrase (the cards, the table's cell keeps the number). */
export const overdueText = (days: number): string => `逾期 ${days} 个工作日`
