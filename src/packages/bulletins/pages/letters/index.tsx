import { View, Text } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { Guard } from '@/components/guard'
import { PagedList } from '@/components/state-view'
import { useAdminScope } from '@/hooks/use-admin-scope'
import { PAGE_SIZE, usePagedQuery } from '@/hooks/use-query'
import { LETTER_BLACK_TIMES, LETTER_OVERDUE_COUNT, LETTER_OVERDUE_WORKDAYS } from '@/contract'
import { LetterCard } from '../../components/letter-card'
import '../bulletins.scss'

/** 工作提示函 (月问效): the numbered letters with their answers; the addressee answers here. */
export default function BulletinLettersPage() {
  return (
    <Guard name='bulletin-letters' title='工作提示函' rule={['village_admin', 'unit_staff', 'town_admin']} denied='工作提示函只对村（居）管理员、责任单位和镇创建办开放'>
      <Letters />
    </Guard>
  )
}

function Letters() {
  const scope = useAdminScope()
  const list = usePagedQuery('supervision.bulletinLetters', { pageSize: PAGE_SIZE })
  useDidShow(() => {
    if (!list.loading) void list.reload()
  })
  return (
    <View className='bulletin-letters'>
      <Text className='wm-muted bulletin-rule'>
        月问效：一个月内 {LETTER_BLACK_TIMES} 次上周通报黑榜，或有 {LETTER_OVERDUE_COUNT} 件以上问题超期 {LETTER_OVERDUE_WORKDAYS}{' '}
        个工作日以上的村（居）和单位，镇创建办发出工作提示函，请负责人答复整改措施。
      </Text>
      <PagedList list={list} empty={scope.isTownAdmin ? '还没有发出工作提示函' : '没有发给本单位的工作提示函'} className='bulletin-letter-list'>
        {(letter) => <LetterCard key={letter.id} letter={letter} onAnswered={list.replace} />}
      </PagedList>
    </View>
  )
}
