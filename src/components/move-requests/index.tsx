import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { TextInput } from '@/components/form-field'
import { EmptyState, ErrorState, ListFooter, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { useMoveDecision, useMoveRequests, type MoveRow } from '@/hooks/use-moves'
import { formatDateTime } from '@/services/format'
import './index.scss'

const place = (village: string | null, grid: string | null) => (village ? (grid ? `${village} · ${grid}` : village) : '未选择村（居）')

/**
 * 待确认的迁入: people who asked to move into `villageId` (undefined: every village, for the town
 * office). 同意 moves them; 不同意 keeps them where they are, with an optional reason they will see.
 */
export function MoveRequests({ villageId }: { villageId: string | undefined }) {
  const list = useMoveRequests(villageId)
  const { busyId, error, decide } = useMoveDecision(() => void list.reload())
  const [refusing, setRefusing] = useState<string | null>(null)
  const [reason, setReason] = useState('')

  const refuse = async (move: MoveRow) => {
    if (await decide(move, false, reason)) {
      setRefusing(null)
      setReason('')
    }
  }

  return (
    <View className='move-requests'>
      <Text className='move-requests-title'>待确认的迁入</Text>
      <Text className='wm-muted move-requests-note'>居民申请把所在村（居）改到这里，同意后才生效；原村（居）的积分和投票仍留在原村（居）</Text>
      {list.loading ? (
        <Skeleton rows={2} />
      ) : list.error ? (
        <ErrorState message={list.error} onRetry={() => void list.reload()} />
      ) : list.items.length === 0 ? (
        <EmptyState text='没有待确认的迁入' />
      ) : (
        <View className='move-list'>
          {list.items.map((move) => {
            const busy = busyId === move.userId
            return (
              <View key={move.userId} className='move-item' data-user-id={move.userId}>
                <Text className='move-item-name'>
                  {move.name || '未填写姓名'}
                  {move.phone ? ` · ${move.phone}` : ''}
                </Text>
                <Text className='move-item-line'>现在：{place(move.fromVillageName, move.fromGridName)}</Text>
                <Text className='move-item-line'>申请迁入：{place(move.to.villageName, move.to.gridName)}</Text>
                <Text className='move-item-line wm-muted'>申请时间：{formatDateTime(move.to.requestedAt)}</Text>
                {refusing === move.userId ? (
                  <View className='move-refuse-form'>
                    <TextInput className='move-refuse-reason' value={reason} maxlength={100} placeholder='不同意的理由（可不填），申请人能看到' onChange={setReason} />
                    <View className='wm-actions'>
                      <Button className='move-refuse-confirm' type='primary' loading={busy} disabled={busy} onClick={() => void refuse(move)}>
                        确认不同意
                      </Button>
                      <Button className='move-refuse-cancel' fill='outline' disabled={busy} onClick={() => setRefusing(null)}>
                        返回
                      </Button>
                    </View>
                  </View>
                ) : (
                  <View className='wm-actions'>
                    <Button className='move-confirm' type='primary' loading={busy} disabled={busy} onClick={() => void decide(move, true)}>
                      同意
                    </Button>
                    <Button
                      className='move-refuse'
                      fill='outline'
                      disabled={busy}
                      onClick={() => {
                        setRefusing(move.userId)
                        setReason('')
                      }}
                    >
                      不同意
                    </Button>
                  </View>
                )}
                {error?.userId === move.userId ? <Text className='wm-error-text move-item-error'>{error.message}</Text> : null}
              </View>
            )
          })}
          {list.hasMore || list.moreError ? <ListFooter hasMore={list.hasMore} loading={list.loadingMore} error={list.moreError} onMore={() => void list.loadMore()} /> : null}
        </View>
      )}
    </View>
  )
}
