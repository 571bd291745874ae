import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { CleaningZone } from '@/contract'
import { ChoiceChips } from '@/components/choice-chips'
import { SectionCard } from '@/components/section-card'
import { guardedPage } from '@/components/guard'
import { EmptyState, ErrorState, PagedList, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { useCleaningPlaces } from '@/hooks/use-cleaning'
import { PAGE_SIZE, usePagedQuery } from '@/hooks/use-query'
import { useReloadOnShow } from '@/hooks/use-reload-on-show'
import { withId } from '@/services/routes'
import { SUPERVISION_ROUTES } from '@/services/supervision-routes'
import '../supervision.scss'

/** 保洁考核: the zones of a village (or 集镇) to inspect, and the ways to the cleaners' sheets and the appeals. */
export default guardedPage('cleaning', Cleaning)

function Cleaning() {
  const { scope, org, options, place, villageId, setPicked, none } = useCleaningPlaces(false)
  const zones = usePagedQuery('supervision.zones', place === null ? null : { villageId, includeDisabled: true, pageSize: PAGE_SIZE })
  useReloadOnShow(zones, place !== null)
  if (org.error && !org.data) return <ErrorState message={org.error} onRetry={() => void org.reload()} retrying={org.loading} />
  if (none) return <EmptyState text='没有您负责的村（居）' />
  // until the villages are known there is no place to list (not "none yet")
  if (place === null) return <Skeleton rows={3} />
  const open = (url: string) => void Taro.navigateTo({ url })
  const manager = scope.isTownAdmin || scope.isVillageAdmin
  return (
    <>
      {options.length > 1 ? <ChoiceChips options={options} value={place} onChange={setPicked} label='选择村（居）或集镇' /> : null}
      {manager ? (
        <View className='cleaning-actions'>
          <Button type='primary' size='small' onClick={() => open(`${SUPERVISION_ROUTES.zoneEdit}?villageId=${place ?? ''}`)}>
            新建保洁区域
          </Button>
          <Button size='small' fill='outline' onClick={() => open(SUPERVISION_ROUTES.cleaners)}>
            保洁员与月度考核
          </Button>
          <Button size='small' fill='outline' onClick={() => open(SUPERVISION_ROUTES.findings)}>
            扣款与申诉
          </Button>
          <Button className='cleaning-rules-link' size='small' fill='outline' onClick={() => open(SUPERVISION_ROUTES.cleaningRules)}>
            {scope.isTownAdmin ? '考核规则（检查项、扣款金额）' : '考核规则'}
          </Button>
          <Button className='rectify-notices-link' size='small' fill='outline' onClick={() => open(SUPERVISION_ROUTES.rectifyNotices)}>
            整改通知
          </Button>
        </View>
      ) : null}
      <SectionCard title='保洁区域'>
        <PagedList list={zones} rows={3} empty='还没有保洁区域' className='zone-list'>
          {(z) => <ZoneRow key={z.id} zone={z} onInspect={() => open(withId(SUPERVISION_ROUTES.inspect, z.id))} onEdit={() => open(withId(SUPERVISION_ROUTES.zoneEdit, z.id))} />}
        </PagedList>
      </SectionCard>
    </>
  )
}

function ZoneRow({ zone, onInspect, onEdit }: { zone: CleaningZone; onInspect: () => void; onEdit: () => void }) {
  return (
    <View className='zone-card'>
      <View className='wm-row'>
        <Text className='visit-card-title'>{zone.name}</Text>
        <Text className='wm-muted'>
          {zone.kindLabel}
          {zone.enabled ? '' : ' · 已停用'}
        </Text>
      </View>
      {zone.unitName ? <Text className='wm-muted'>责任单位：{zone.unitName}</Text> : null}
      <Text className='wm-muted'>
        保洁员：{zone.cleaners.length ? zone.cleaners.map((c) => c.name).join('、') : '无'} · 半径 {zone.radiusM} 米
      </Text>
      <View className='wm-row'>
        {zone.canInspect ? (
          <Button size='small' type='primary' onClick={onInspect}>
            检查
          </Button>
        ) : null}
        {zone.canEdit ? (
          <Button size='small' fill='outline' onClick={onEdit}>
            修改
          </Button>
        ) : null}
      </View>
    </View>
  )
}
