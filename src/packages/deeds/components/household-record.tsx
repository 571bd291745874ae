import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { EmptyState, ErrorState, Skeleton } from '@/components/state-view'
import { PAGE_SIZE, useQuery } from '@/hooks/use-query'
import { DeedCard } from './deed-card'
import { LedgerRow } from './ledger-row'

interface Props {
  /** A household the village staff opened; without it, the signed-in head's own household. */
  householdId?: string
  /** Buttons above the record (修改, 返回). */
  actions?: ReactNode
}

/** deeds.household for a person with no household (NOT_FOUND 「您还没有登记家庭…」). */
const NO_HOUSEHOLD = /还没有登记家庭/
export const NO_HOUSEHOLD_TEXT = '您家还没有登记家庭档案。请户主联系村（居）管理员登记家庭成员，登记后全家的善行和积分会显示在这里。'

/** 家庭善行档案: members, the household's points, its approved deeds and its recent ledger. */
export function HouseholdRecordView({ householdId, actions }: Props) {
  const record = useQuery('deeds.household', { ...(householdId ? { householdId } : {}), pageSize: PAGE_SIZE })
  if (record.loading && !record.data) return <Skeleton rows={4} />
  // one's own household not registered yet is not a failure: say what will appear here and how
  if (record.error && !record.data && !householdId && NO_HOUSEHOLD.test(record.error)) return <EmptyState text={NO_HOUSEHOLD_TEXT} />
  if (record.error && !record.data) return <ErrorState message={record.error} onRetry={() => void record.reload()} retrying={record.loading} />
  if (!record.data) return <EmptyState text={NO_HOUSEHOLD_TEXT} />
  const { household, balance, deeds, ledger } = record.data
  const head = household.members.find((member) => member.userId === household.headUserId)
  return (
    <View className='deeds-household'>
      <View className='deeds-household-head'>
        <Text className='deeds-household-name'>{household.name}</Text>
        {head ? <Text className='wm-muted'>户主：{head.name}</Text> : null}
        <Text className='wm-muted'>成员：{household.members.map((member) => member.name).join('、') || '—'}</Text>
        <Text className='deeds-household-balance'>全家积分 {balance}</Text>
        {actions}
      </View>
      {deeds.length ? deeds.map((deed) => <DeedCard key={deed.id} deed={deed} />) : <EmptyState text='家里还没有记入档案的善行' />}
      {ledger.items.map((entry) => (
        <LedgerRow key={entry.id} entry={entry} />
      ))}
    </View>
  )
}
