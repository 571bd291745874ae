import { View, Text } from '@tarojs/components'
import { guardedPage } from '@/components/guard'
import { PagedList } from '@/components/state-view'
import { useAdminScope } from '@/hooks/use-admin-scope'
import { PAGE_SIZE, usePagedQuery } from '@/hooks/use-query'
import { useReloadOnShow } from '@/hooks/use-reload-on-show'
import { LETTER_BLACK_TIMES, LETTER_OVERDUE_COUNT, LETTER_OVERDUE_WORKDAYS } from '@/contract'
import { LetterCard } from '../../components/letter-card'
import '../bulletins.scss'

/** 工作提示函 (月问效): the numbered letters with their answers; the addressee answers here. */
export default guardedPage('bulletin-letters', Letters)

function Letters() {
  const scope = useAdminScope()
  const list = usePagedQuery('supervision.bulletinLetters', { pageSize: PAGE_SIZE })
  useReloadOnShow(list)
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
