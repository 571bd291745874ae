import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import type { PersonPoints, UserSummary } from '@/contract'
import { PagedList, Skeleton } from '@/components/state-view'
import { ADMINS, Guard } from '@/components/guard'
import { VillageChoice } from '@/components/village-choice'
import { PAGE_SIZE, usePagedQueryOf } from '@/hooks/use-query'
import { CorrectionForm } from '../../components/correction-form'
import { LedgerRow } from '../../components/ledger-row'
import { PendingCorrections } from '../../components/pending-corrections'
import { UserSearch } from '../../components/user-search'
import '../deeds.scss'

type Head = Omit<PersonPoints, 'page'>

/** deeds.person as a paged ledger, keeping the person and balance of the latest first page (reloaded when `version` changes). */
function usePersonPoints(userId: string, version: number) {
  const [head, setHead] = useState<Head | null>(null)
  const list = usePagedQueryOf(
    'deeds.person',
    { userId, pageSize: PAGE_SIZE },
    (data, first) => {
      if (first) setHead({ person: data.person, balance: data.balance })
      return data.page
    },
    { key: String(version) }
  )
  return { head, list }
}

interface PanelProps {
  /** Bumped when an approved correction may have changed the ledger shown. */
  version: number
  onRequested: () => void
}

function PersonPanel({ user, onChange, version, onRequested }: PanelProps & { user: UserSummary; onChange: () => void }) {
  const { head, list } = usePersonPoints(user.id, version)
  const entries = (
    <PagedList list={list} empty='还没有积分记录'>
      {(entry) => <LedgerRow key={entry.id} entry={entry} />}
    </PagedList>
  )
  return (
    <View className='deeds-list person-points'>
      <View className='deeds-household-head'>
        <Text className='deeds-household-name'>{head?.person.name ?? user.name}</Text>
        {head?.person.householdName ? <Text className='wm-muted'>家庭：{head.person.householdName}</Text> : null}
        <Text className='person-balance'>当前积分 {head ? head.balance.balance : '—'}</Text>
        {head ? <Text className='wm-muted'>本月获得 {head.balance.earnedThisMonth} 分</Text> : null}
        <Text className='wm-link person-change' onClick={onChange}>
          换一位居民
        </Text>
      </View>
      <CorrectionForm userId={user.id} name={head?.person.name ?? user.name} onDone={() => void list.reload()} onRequested={onRequested} />
      <Text className='deeds-household-name'>积分明细</Text>
      {entries}
    </View>
  )
}

function CorrectPanel({ villageId, version, onRequested }: PanelProps & { villageId: string }) {
  const [user, setUser] = useState<UserSummary | null>(null)
  if (user) return <PersonPanel key={user.id} user={user} onChange={() => setUser(null)} version={version} onRequested={onRequested} />
  return (
    <View className='deeds-list'>
      <Text className='wm-muted'>先按姓名找到居民，看清他的积分明细，再记一条更正。</Text>
      <UserSearch villageId={villageId} onPick={setUser} placeholder='输入居民姓名' pickLabel='查看积分' />
    </View>
  )
}

/**
 * 积分更正: the village's corrections waiting for a second person, then find a resident, see their
 * balance and ledger, and record a correction as a new entry (above the town's threshold: a request).
 */
export default function CorrectPage() {
  const [villageId, setVillageId] = useState<string | null>(null)
  const [requested, setRequested] = useState(0)
  const [approved, setApproved] = useState(0)
  return (
    <Guard name='deed-correct' title='积分更正' rule={ADMINS} denied='只有村（居）管理员和镇创建办可以更正积分'>
      <VillageChoice value={villageId} onChange={setVillageId} />
      {villageId ? (
        <>
          <PendingCorrections key={`${villageId}:${requested}`} villageId={villageId} onApproved={() => setApproved((n) => n + 1)} />
          <CorrectPanel key={villageId} villageId={villageId} version={approved} onRequested={() => setRequested((n) => n + 1)} />
        </>
      ) : (
        <Skeleton rows={3} />
      )}
    </Guard>
  )
}
