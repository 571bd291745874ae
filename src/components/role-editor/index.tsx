import { View, Text } from '@tarojs/components'
import { ASSIGNABLE_ROLES, ROLE_LABELS, type OrgOverview, type Unit, type UserSummary } from '@/contract'
import { useRoleEditor } from '@/hooks/use-role-editor'
import { describeGrant } from '@/services/org-names'
import { ChoiceChips, namedOptions } from '@/components/choice-chips'
import { Button } from '@/components/ui'
import './index.scss'

interface Props {
  user: UserSummary
  org: OrgOverview | null
  units: Unit[] | null
  onChanged: (user: UserSummary) => void
  onClose: () => void
}

/** Town office: current grants with 取消, and a role + place picker with 确认分配. */
export function RoleEditor({ user, org, units, onChanged, onClose }: Props) {
  const { draft, choose, saving, error, assign, revoke } = useRoleEditor(user, org, units, onChanged)
  const village = org?.villages.find((item) => item.id === draft.villageId)
  const needsVillage = draft.role === 'village_admin' || draft.role === 'grid_worker'

  return (
    <View className='role-editor'>
      <Text className='role-editor-heading'>现有角色</Text>
      {user.grants.length === 0 ? <Text className='wm-muted role-editor-none'>暂无分配的角色</Text> : null}
      {user.grants.map((grant) => (
        <View key={`${grant.role}:${grant.villageId ?? ''}:${grant.gridId ?? ''}:${grant.unitId ?? ''}`} className='wm-row role-editor-grant'>
          <Text>{describeGrant(grant, org, units)}</Text>
          <Button className='role-revoke' size='small' fill='outline' disabled={saving} onClick={() => void revoke(grant)}>
            取消角色
          </Button>
        </View>
      ))}

      <Text className='role-editor-heading'>分配新角色</Text>
      <ChoiceChips
        className='pick-role'
        label='选择角色'
        options={ASSIGNABLE_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))}
        value={draft.role}
        disabled={saving}
        onChange={(role) => choose({ role })}
      />
      {needsVillage && org ? (
        <>
          <Text className='role-editor-heading'>村（居）</Text>
          <ChoiceChips
            className='pick-role-village'
            label='选择村（居）'
            options={namedOptions(org.villages)}
            value={draft.villageId}
            disabled={saving}
            onChange={(villageId) => choose({ villageId })}
          />
        </>
      ) : null}
      {draft.role === 'grid_worker' && village ? (
        <>
          <Text className='role-editor-heading'>网格</Text>
          {village.grids.length ? (
            <ChoiceChips className='pick-role-grid' label='选择网格' options={namedOptions(village.grids)} value={draft.gridId} disabled={saving} onChange={(gridId) => choose({ gridId })} />
          ) : (
            <Text className='wm-muted'>这个村（居）还没有网格，请先在组织架构里添加</Text>
          )}
        </>
      ) : null}
      {draft.role === 'unit_staff' ? (
        <>
          <Text className='role-editor-heading'>责任单位</Text>
          {units && units.length ? (
            <ChoiceChips className='pick-role-unit' label='选择责任单位' options={namedOptions(units)} value={draft.unitId} disabled={saving} onChange={(unitId) => choose({ unitId })} />
          ) : (
            <Text className='wm-muted'>{units ? '还没有责任单位，请先在组织架构里添加' : '正在加载责任单位…'}</Text>
          )}
        </>
      ) : null}
      {error ? <Text className='wm-error-text role-editor-error'>{error}</Text> : null}
      <View className='wm-actions'>
        <Button className='role-assign' type='primary' loading={saving} disabled={saving || !draft.role} onClick={() => void assign()}>
          确认分配
        </Button>
        <Button className='role-editor-close' fill='outline' disabled={saving} onClick={onClose}>
          收起
        </Button>
      </View>
    </View>
  )
}
