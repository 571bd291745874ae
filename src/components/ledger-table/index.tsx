import { View, Text, ScrollView } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { LedgerRow } from '@/contract'
import { formatDate } from '@/services/format'
import './index.scss'

interface Column {
  key: string
  title: string
  width: number
  value: (row: LedgerRow) => string
}

const COLUMNS: Column[] = [
  { key: 'no', title: '编号', width: 260, value: (row) => row.no },
  { key: 'source', title: '来源', width: 110, value: (row) => (row.source === 'inspection' ? '督导' : '随手拍') },
  { key: 'created', title: '上报日期', width: 180, value: (row) => formatDate(row.createdAt) },
  { key: 'village', title: '村（居）', width: 160, value: (row) => row.villageName },
  { key: 'grid', title: '网格', width: 160, value: (row) => row.gridName ?? '' },
  { key: 'address', title: '地址', width: 260, value: (row) => row.address },
  { key: 'category', title: '类别', width: 240, value: (row) => row.categoryName },
  { key: 'description', title: '问题描述', width: 360, value: (row) => row.description },
  { key: 'unit', title: '责任单位', width: 200, value: (row) => row.unitName ?? '' },
  { key: 'dispatched', title: '派单日期', width: 180, value: (row) => formatDate(row.dispatchedAt) },
  { key: 'deadline', title: '整改期限', width: 180, value: (row) => formatDate(row.rectifyDeadline) },
  { key: 'due', title: '当前期限', width: 200, value: (row) => (row.dueAt ? `${formatDate(row.dueAt)}${row.dueEstimated ? '（估算）' : ''}` : '') },
  { key: 'measures', title: '整改措施', width: 320, value: (row) => row.measures ?? '' },
  { key: 'planned', title: '计划完成', width: 180, value: (row) => formatDate(row.plannedDate) },
  { key: 'status', title: '状态', width: 140, value: (row) => row.statusLabel },
  { key: 'closed', title: '销号日期', width: 180, value: (row) => formatDate(row.closedAt) },
  { key: 'overdue', title: '超期天数', width: 140, value: (row) => (row.daysOverdue > 0 ? String(row.daysOverdue) : '') }
]

export const LEDGER_COLUMN_TITLES = COLUMNS.map((column) => column.title)

/** The ledger as a wide table that scrolls sideways; one line per problem, every column. */
export function LedgerTable({ rows, onOpen }: { rows: readonly LedgerRow[]; onOpen: (row: LedgerRow) => void }) {
  const width = COLUMNS.reduce((sum, column) => sum + column.width, 0)
  return (
    <ScrollView scrollX className='ledger-scroll'>
      <View className='ledger-table' style={{ width: Taro.pxTransform(width) }} role='table'>
        <View className='ledger-row ledger-row--head' role='row'>
          {COLUMNS.map((column) => (
            <View key={column.key} className={`ledger-cell ledger-cell--${column.key}`} style={{ width: Taro.pxTransform(column.width) }} role='columnheader'>
              <Text>{column.title}</Text>
            </View>
          ))}
        </View>
        {rows.map((row) => (
          <View key={row.id} className={`ledger-row${row.daysOverdue > 0 ? ' ledger-row--overdue' : ''}`} role='row' data-report-id={row.id} onClick={() => onOpen(row)}>
            {COLUMNS.map((column) => (
              <View key={column.key} className={`ledger-cell ledger-cell--${column.key}`} style={{ width: Taro.pxTransform(column.width) }} role='cell'>
                <Text>{column.value(row)}</Text>
              </View>
            ))}
          </View>
        ))}
      </View>
    </ScrollView>
  )
}
