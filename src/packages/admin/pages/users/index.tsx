import { useMemo, useState } from 'react'
import { View, Text } from '@tarojs/components'
import type { UserSummary } from '@/contract'
import { guardedPage } from '@/components/guard'
import { ChoiceChips, namedOptions } from '@/components/choice-chips'
import { TextInput } from '@/components/form-field'
import { RoleEditor } from '@/components/role-editor'
import { RoleTags } from '@/components/role-tags'
import { EmptyState, ErrorState, ListFooter, Skeleton } from '@/components/state-view'
import { MoveRequests } from '@/components/move-requests'
import { Button } from '@/components/ui'
import { useAdminScope } from '@/hooks/use-admin-scope'
import { useOrgOverview, useUnits } from '@/hooks/use-org'
import { useUsersList } from '@/hooks/use-users-list'
import { findGrid, findVillage } from '@/services/org-names'
import './index.scss'

const ALL = 'all'

export default guardedPage('admin-users', UsersPanel)

function UsersPanel() {
  const scope = useAdminScope()
  const org = useOrgOverview()
  const units = useUnits(scope.isTownAdmin)
  const [villageChoice, setVillageChoice] = useState<string>(scope.isTownAdmin ? ALL : (scope.villageIds[0] ?? ALL))
  const [typed, setTyped] = useState('')
  const [keyword, setKeyword] = useState('')
  const [openId, setOpenId] = useState<string | null>(null)
  const villageId = villageChoice === ALL ? undefined : villageChoice
  const list = useUsersList({ villageId, keyword }, scope.isTownAdmin || Boolean(villageId))

  const villageOptions = useMemo(() => {
    const villages = org.data?.villages ?? []
    const mine = scope.isTownAdmin ? villages : villages.filter((village) => scope.villageIds.includes(village.id))
    const options = namedOptions(mine)
    return scope.isTownAdmin ? [{ value: ALL, label: '全部' }, ...options] : options
  }, [org.data, scope])

  const placeOf = (user: UserSummary) => {
    const grid = findGrid(org.data, user.gridId)
    if (grid) return `${grid.villageName} · ${grid.name}`
    return findVillage(org.data, user.villageId)?.name ?? '未选择村（居）'
  }

  return (
    <View className='admin-users'>
      <View className='admin-users-filters'>
        {villageOptions.length > 1 ? <ChoiceChips className='filter-village' label='按村（居）筛选' options={villageOptions} value={villageChoice} onChange={setVillageChoice} /> : null}
        <View className='admin-users-search'>
          <TextInput className='search-input' value={typed} placeholder='按姓名搜索' maxlength={20} onChange={setTyped} onConfirm={() => setKeyword(typed)} />
          <Button className='search-button' type='primary' onClick={() => setKeyword(typed)}>
            搜索
          </Button>
        </View>
        {org.error ? <Text className='wm-error-text'>村（居）名称加载失败：{org.error}</Text> : null}
        {scope.isTownAdmin ? null : <Text className='wm-muted admin-users-roles-note'>角色（网格员、村（居）管理员等）由镇创建办分配；需要调整时请联系镇创建办。</Text>}
      </View>

      {scope.isTownAdmin || villageId ? <MoveRequests villageId={villageId} /> : null}

      {list.loading ? (
        <Skeleton rows={5} />
      ) : list.error ? (
        <ErrorState message={list.error} onRetry={() => void list.reload()} />
      ) : list.items.length === 0 ? (
        <EmptyState text={keyword ? `没有找到“${keyword}”` : '还没有人员'} />
      ) : (
        <View className='user-list'>
          {list.items.map((user) => (
            <View key={user.id} className='user-item' data-user-id={user.id}>
              <View className='wm-row'>
                <View className='user-item-main'>
                  <Text className='user-name'>{user.name || '未填写姓名'}</Text>
                  <Text className='wm-muted user-meta'>
                    {placeOf(user)}
                    {user.phone ? ` · ${user.phone}` : ''}
                  </Text>
                </View>
                {scope.isTownAdmin ? (
                  <Button className='user-roles-button' size='small' fill={openId === user.id ? 'solid' : 'outline'} type='primary' onClick={() => setOpenId(openId === user.id ? null : user.id)}>
                    分配角色
                  </Button>
                ) : null}
              </View>
              <RoleTags roles={user.roles} grants={user.grants} org={org.data} units={units.data} />
              {openId === user.id ? <RoleEditor user={user} org={org.data} units={units.data} onChanged={list.replace} onClose={() => setOpenId(null)} /> : null}
            </View>
          ))}
          <ListFooter hasMore={list.hasMore} loading={list.loadingMore} error={list.moreError} onMore={() => void list.loadMore()} />
        </View>
      )}
    </View>
  )
}
