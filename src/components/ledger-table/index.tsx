import { View, Text, ScrollView } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { LedgerRow } from '@/contract'
import { LEDGER_WORDS, overdueText } from '@/domain/ledger-words'
import { formatDate } from '@/services/format'
import './index.scss'

interface Column {
  key: string
  title: string
  width: number
  value: (row: LedgerRow) => string
}

const W = LEDGER_WORDS
const COLUMNS: Column[] = [
  { key: 'no', title: W.no, width: 260, value: (row) => row.no },
  { key: 'source', title: W.source, width: 110, value: (row) => (row.source === 'inspection' ? '督导' : '随手拍') },
  { key: 'created', title: W.createdAt, width: 180, value: (row) => formatDate(row.createdAt) },
  { key: 'village', title: W.villageName, width: 160, value: (row) => row.villageName },
  { key: 'grid', title: W.gridName, width: 160, value: (row) => row.gridName ?? '' },
  { key: 'address', title: W.address, width: 260, value: (row) => row.address },
  { key: 'category', title: W.categoryName, width: 240, value: (row) => row.categoryName },
  { key: 'description', title: W.description, width: 360, value: (row) => row.description },
  { key: 'unit', title: W.unitName, width: 200, value: (row) => row.unitName ?? '' },
  { key: 'dispatched', title: W.dispatchedAt, width: 180, value: (row) => formatDate(row.dispatchedAt) },
  { key: 'deadline', title: W.rectifyDeadline, width: 180, value: (row) => formatDate(row.rectifyDeadline) },
  { key: 'due', title: W.dueAt, width: 200, value: (row) => (row.dueAt ? `${formatDate(row.dueAt)}${row.dueEstimated ? '（估算）' : ''}` : '') },
  { key: 'measures', title: W.measures, width: 320, value: (row) => row.measures ?? '' },
  { key: 'planned', title: W.plannedDate, width: 180, value: (row) => formatDate(row.plannedDate) },
  { key: 'status', title: W.statusLabel, width: 140, value: (row) => (row.suspended ? `${row.statusLabel}（挂起）` : row.statusLabel) },
  { key: 'closed', title: W.closedAt, width: 180, value: (row) => formatDate(row.closedAt) },
  { key: 'overdue', title: W.daysOverdue, width: 160, value: (row) => (row.daysOverdue > 0 ? String(row.daysOverdue) : '') }
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

/** What a card says about time: how far past the deadline, else the deadline, else when it was closed. */
function cardTime(row: LedgerRow): { text: string; overdue: boolean } {
  if (row.daysOverdue > 0) return { text: overdueText(row.daysOverdue), overdue: true }
  if (row.dueAt) return { text: `${W.dueAt} ${formatDate(row.dueAt)}${row.dueEstimated ? '（估算）' : ''}`, overdue: false }
  if (row.closedAt) return { text: `${W.closedAt} ${formatDate(row.closedAt)}`, overdue: false }
  return { text: '', overdue: false }
}

/** The ledger on a phone: one card per problem with 编号, 问题类别, 村（居）, 状态 and its deadline or how overdue it is. */
export function LedgerCards({ rows, onOpen }: { rows: readonly LedgerRow[]; onOpen: (row: LedgerRow) => void }) {
  return (
    <View className='ledger-cards'>
      {rows.map((row) => {
        const time = cardTime(row)
        return (
          <View key={row.id} className={`ledger-card${time.overdue ? ' ledger-card--overdue' : ''}`} data-report-id={row.id} onClick={() => onOpen(row)}>
            <View className='ledger-card-head'>
              <Text className='ledger-card-no'>{row.no}</Text>
              <Text className={`ledger-card-status ledger-card-status--${row.status}`}>{row.suspended ? `${row.statusLabel}（挂起）` : row.statusLabel}</Text>
            </View>
            <Text className='ledger-card-what'>
              <Text className='ledger-card-category'>{row.categoryName}</Text>
              {' · '}
              <Text className='ledger-card-village'>{row.villageName}</Text>
            </Text>
            {time.text ? <Text className={`ledger-card-time${time.overdue ? ' ledger-card-time--overdue' : ''}`}>{time.text}</Text> : null}
          </View>
        )
      })}
    </View>
  )
}
