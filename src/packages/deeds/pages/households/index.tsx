import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import type { Household, HouseholdSummary } from '@/contract'
import { PagedList, Skeleton } from '@/components/state-view'
import { ADMINS, Guard } from '@/components/guard'
import { Button } from '@/components/ui'
import { VillageChoice } from '@/components/village-choice'
import { PAGE_SIZE, usePagedQuery } from '@/hooks/use-query'
import { HouseholdEditor } from '../../components/household-editor'
import { HouseholdRecordView } from '../../components/household-record'
import '../deeds.scss'

type Mode = { kind: 'list' } | { kind: 'edit'; household: Household | null } | { kind: 'view'; household: Household }

function HouseholdCard({ item, onOpen }: { item: HouseholdSummary; onOpen: () => void }) {
  const head = item.members.find((member) => member.userId === item.headUserId)
  return (
    <View className='household-card' data-household-id={item.id} onClick={onOpen}>
      <View className='household-card-main'>
        <Text className='deeds-household-name'>{item.name}</Text>
        <Text className='wm-muted'>户主：{head?.name ?? '—'}</Text>
        <Text className='wm-muted'>
          成员 {item.members.length} 人：{item.members.map((member) => member.name).join('、') || '—'}
        </Text>
      </View>
      <View className='household-card-side'>
        <Text className='household-card-balance'>{item.balance}</Text>
        <Text className='wm-muted'>积分</Text>
      </View>
    </View>
  )
}

function HouseholdList({ villageId, onOpen, onCreate }: { villageId: string; onOpen: (item: HouseholdSummary) => void; onCreate: () => void }) {
  const list = usePagedQuery('deeds.households', { villageId, pageSize: PAGE_SIZE })
  const body = (
    <PagedList list={list} empty='本村（居）还没有登记家庭'>
      {(item) => <HouseholdCard key={item.id} item={item} onOpen={() => onOpen(item)} />}
    </PagedList>
  )
  return (
    <View className='deeds-list'>
      <Button className='household-new' type='primary' onClick={onCreate}>
        新建家庭
      </Button>
      {body}
    </View>
  )
}

function HouseholdsPanel({ villageId }: { villageId: string }) {
  const [mode, setMode] = useState<Mode>({ kind: 'list' })
  // Remounting the list after a save shows the household as stored.
  const [version, setVersion] = useState(0)
  const back = () => setMode({ kind: 'list' })
  if (mode.kind === 'edit')
    return (
      <HouseholdEditor
        villageId={villageId}
        household={mode.household}
        onCancel={back}
        onSaved={() => {
          setVersion((n) => n + 1)
          back()
        }}
      />
    )
  if (mode.kind === 'view') {
    const actions = (
      <View className='wm-actions'>
        <Button className='household-edit' type='primary' size='small' onClick={() => setMode({ kind: 'edit', household: mode.household })}>
          修改家庭
        </Button>
        <Button className='household-back' fill='outline' size='small' onClick={back}>
          返回名单
        </Button>
      </View>
    )
    return <HouseholdRecordView householdId={mode.household.id} actions={actions} />
  }
  return <HouseholdList key={version} villageId={villageId} onOpen={(household) => setMode({ kind: 'view', household })} onCreate={() => setMode({ kind: 'edit', household: null })} />
}

/** 家庭管理: the village's households with their points; new, change members and 户主, open a household's record. */
export default function HouseholdsPage() {
  const [villageId, setVillageId] = useState<string | null>(null)
  return (
    <Guard name='deed-households' title='家庭管理' rule={ADMINS} denied='只有村（居）管理员和镇创建办可以管理家庭'>
      <VillageChoice value={villageId} onChange={setVillageId} />
      {villageId ? <HouseholdsPanel key={villageId} villageId={villageId} /> : <Skeleton rows={3} />}
    </Guard>
  )
}
