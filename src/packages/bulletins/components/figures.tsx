import { View, Text } from '@tarojs/components'
import type { BulletinBoardEntry, BulletinRatio, BulletinRow, BulletinStatus } from '@/contract'

/** 87.5%（35/40）, or 无数据 when nothing was due. */
export function ratioText(ratio: BulletinRatio, percent = true): string {
  if (ratio.value === null) return '无数据'
  const value = percent ? `${Math.round(ratio.value * 1000) / 10}%` : `${Math.round(ratio.value * 10) / 10}`
  return percent ? `${value}（${ratio.num}/${ratio.den}）` : value
}

export function scoreLabel(score: number | null): string {
  return score === null ? '数据不足' : `${Math.round(score * 10) / 10} 分`
}

export function StatusTag({ status, label }: { status: BulletinStatus; label: string }) {
  return <Text className={`bulletin-status bulletin-status--${status}`}>{label}</Text>
}

/** 红榜 / 黑榜 of one peer group. */
export function BoardLists({ red, black }: { red: BulletinBoardEntry[]; black: BulletinBoardEntry[] }) {
  const list = (title: string, entries: BulletinBoardEntry[], tone: 'red' | 'black') => (
    <View className={`bulletin-board bulletin-board--${tone}`}>
      <Text className='bulletin-board-title'>{title}</Text>
      {entries.length ? (
        entries.map((e, k) => (
          <View key={e.placeId} className='bulletin-board-row'>
            <Text>
              {k + 1}. {e.name}
            </Text>
            <Text className='bulletin-board-score'>{scoreLabel(e.score)}</Text>
          </View>
        ))
      ) : (
        <Text className='wm-muted'>暂无（数据不足或无符合条件者）</Text>
      )}
    </View>
  )
  return (
    <View className='bulletin-boards'>
      {list('红榜', red, 'red')}
      {list('黑榜', black, 'black')}
    </View>
  )
}

/** One place's figures with how its score was made (so a village can check it). */
export function RowFigures({ row, open }: { row: BulletinRow; open?: boolean }) {
  return (
    <View className={`bulletin-row${row.insufficient ? ' bulletin-row--insufficient' : ''}`} data-place-id={row.placeId}>
      <View className='bulletin-row-head'>
        <Text className='bulletin-row-name'>{row.name}</Text>
        <Text className='bulletin-row-rank'>{row.rankLabel}</Text>
        <Text className='bulletin-row-score'>{scoreLabel(row.score)}</Text>
      </View>
      <Text className='wm-muted bulletin-row-counts'>
        问题数 {row.created} · 已销号 {row.closed} · 超期 {row.overdue} · 在办 {row.open}
      </Text>
      {open ? (
        <View className='bulletin-row-detail'>
          <Text className='bulletin-row-line'>按期办结率 {ratioText(row.onTimeRate)}</Text>
          <Text className='bulletin-row-line'>结案率 {ratioText(row.closureRate)}</Text>
          <Text className='bulletin-row-line'>返工率 {ratioText(row.reworkRate)}</Text>
          <Text className='bulletin-row-line'>满意率 {ratioText(row.satisfactionRate)}</Text>
          <Text className='bulletin-row-line'>平均处置时长 {row.avgHandlingDays.value === null ? '无数据' : `${ratioText(row.avgHandlingDays, false)} 个工作日`}</Text>
          {row.inputs.map((input) => (
            <Text key={input.indicator} className='wm-muted bulletin-row-input'>
              {input.label}（权重 {input.weight}）：{input.method}
            </Text>
          ))}
          {row.deductions.map((d) => (
            <Text key={d.indicator} className='wm-muted bulletin-row-input'>
              {d.label} {d.count} 件，扣 {d.points} 分
            </Text>
          ))}
          <Text className='wm-muted bulletin-formula'>{row.formula}</Text>
          {row.corrections.map((c, k) => (
            <Text key={k} className='bulletin-correction'>
              更正：{c}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  )
}
