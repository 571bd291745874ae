import { useCallback, useMemo, useState } from 'react'
import { View, Text } from '@tarojs/components'
import type { OrgOverview, Unit, Village } from '@/contract'
import { guardedPage } from '@/components/guard'
import { ChoiceChips, namedOptions } from '@/components/choice-chips'
import { NameEditor } from '@/components/name-editor'
import { SectionCard } from '@/components/section-card'
import { EmptyState, ErrorState, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { useAdminScope } from '@/hooks/use-admin-scope'
import { useOrgEditor } from '@/hooks/use-org-editor'
import { useOrgOverview, useStaff, useUnits } from '@/hooks/use-org'
import type { Remote } from '@/hooks/use-query'
import { describeGrant } from '@/services/org-names'
import './index.scss'

const ALL = 'all'

/** Which inline editor is open: `village:new`, `village:<id>`, `grid:new:<villageId>`, `grid:<id>`, `unit:new`, `unit:<id>`. */
type Editing = string | null

export default guardedPage('admin-org', OrgPanel)

interface SectionProps {
  editing: Editing
  setEditing: (editing: Editing) => void
  save: ReturnType<typeof useOrgEditor>
}

function OrgPanel() {
  const org = useOrgOverview()
  const units = useUnits()
  const [editing, setEditing] = useState<Editing>(null)
  const reloadAll = useCallback(() => {
    setEditing(null)
    void org.reload()
    void units.reload()
  }, [org, units])
  const save = useOrgEditor(reloadAll)

  return (
    <View className='admin-org'>
      <VillagesSection org={org} editing={editing} setEditing={setEditing} save={save} />
      <UnitsSection units={units} editing={editing} setEditing={setEditing} save={save} />
      <StaffSection org={org.data} units={units.data} />
    </View>
  )
}

function VillagesSection({ org, editing, setEditing, save }: SectionProps & { org: Remote<OrgOverview> }) {
  const scope = useAdminScope()
  const canEditGrids = (village: Village) => scope.isTownAdmin || scope.villageIds.includes(village.id)
  const title = org.data?.town?.name ? `${org.data.town.name} · 村（居）与网格` : '村（居）与网格'
  const addButton =
    scope.isTownAdmin && editing !== 'village:new' ? (
      <Button className='village-add' size='small' type='primary' onClick={() => setEditing('village:new')}>
        新增村（居）
      </Button>
    ) : null

  let body: JSX.Element | JSX.Element[]
  if (org.loading && !org.data) body = <Skeleton rows={4} />
  else if (org.error && !org.data) body = <ErrorState message={org.error} onRetry={() => void org.reload()} />
  else if (!org.data || org.data.villages.length === 0) body = <EmptyState text='还没有村（居）' />
  else
    body = org.data.villages.map((village) => (
      <VillageBlock key={village.id} village={village} canRename={scope.isTownAdmin} canEditGrids={canEditGrids(village)} editing={editing} setEditing={setEditing} save={save} />
    ))

  return (
    <SectionCard title={title} className='org-villages' extra={addButton}>
      {editing === 'village:new' ? <NameEditor label='村（居）名称' onCancel={() => setEditing(null)} onSave={({ name }) => save('org.saveVillage', { name })} /> : null}
      {body}
    </SectionCard>
  )
}

function VillageBlock({ village, canRename, canEditGrids, editing, setEditing, save }: SectionProps & { village: Village; canRename: boolean; canEditGrids: boolean }) {
  return (
    <View className='org-village' data-village-id={village.id}>
      <View className='wm-row'>
        <Text className='org-village-name'>{village.name}</Text>
        {canRename ? (
          <Text className='wm-link village-rename' onClick={() => setEditing(`village:${village.id}`)}>
            改名
          </Text>
        ) : null}
      </View>
      {editing === `village:${village.id}` ? (
        <NameEditor label='村（居）名称' initial={{ name: village.name }} onCancel={() => setEditing(null)} onSave={({ name }) => save('org.saveVillage', { id: village.id, name })} />
      ) : null}
      <View className='org-grids'>
        {village.grids.length === 0 ? <Text className='wm-muted'>还没有网格</Text> : null}
        {village.grids.map((grid) => (
          <View key={grid.id} className='org-grid'>
            <View className='wm-row'>
              <Text className='org-grid-name'>{grid.name}</Text>
              {canEditGrids ? (
                <Text className='wm-link grid-rename' onClick={() => setEditing(`grid:${grid.id}`)}>
                  改名
                </Text>
              ) : null}
            </View>
            {editing === `grid:${grid.id}` ? (
              <NameEditor label='网格名称' initial={{ name: grid.name }} onCancel={() => setEditing(null)} onSave={({ name }) => save('org.saveGrid', { id: grid.id, villageId: village.id, name })} />
            ) : null}
          </View>
        ))}
        {canEditGrids && editing === `grid:new:${village.id}` ? (
          <NameEditor label='网格名称' onCancel={() => setEditing(null)} onSave={({ name }) => save('org.saveGrid', { villageId: village.id, name })} />
        ) : null}
        {canEditGrids && editing !== `grid:new:${village.id}` ? (
          <Text className='wm-link grid-add' onClick={() => setEditing(`grid:new:${village.id}`)}>
            ＋ 新增网格
          </Text>
        ) : null}
      </View>
    </View>
  )
}

function UnitsSection({ units, editing, setEditing, save }: SectionProps & { units: Remote<Unit[]> }) {
  const scope = useAdminScope()
  const phoneOrNull = (phone?: string) => (phone?.trim() ? phone.trim() : null)
  const addButton =
    scope.isTownAdmin && editing !== 'unit:new' ? (
      <Button className='unit-add' size='small' type='primary' onClick={() => setEditing('unit:new')}>
        新增单位
      </Button>
    ) : null

  let body: JSX.Element | JSX.Element[]
  if (units.loading && !units.data) body = <Skeleton rows={3} />
  else if (units.error && !units.data) body = <ErrorState message={units.error} onRetry={() => void units.reload()} />
  else if (!units.data || units.data.length === 0) body = <EmptyState text='还没有责任单位' />
  else
    body = units.data.map((unit) => (
      <View key={unit.id} className='org-unit'>
        <View className='wm-row'>
          <View className='org-unit-main'>
            <Text className='org-unit-name'>{unit.name}</Text>
            {unit.phone ? <Text className='wm-muted'>{unit.phone}</Text> : null}
          </View>
          {scope.isTownAdmin ? (
            <Text className='wm-link unit-edit' onClick={() => setEditing(`unit:${unit.id}`)}>
              修改
            </Text>
          ) : null}
        </View>
        {editing === `unit:${unit.id}` ? (
          <NameEditor
            label='单位名称'
            withPhone
            initial={{ name: unit.name, phone: unit.phone ?? '' }}
            onCancel={() => setEditing(null)}
            onSave={({ name, phone }) => save('org.saveUnit', { id: unit.id, name, phone: phoneOrNull(phone) })}
          />
        ) : null}
      </View>
    ))

  return (
    <SectionCard title='责任单位' className='org-units' extra={addButton}>
      {editing === 'unit:new' ? (
        <NameEditor label='单位名称' withPhone onCancel={() => setEditing(null)} onSave={({ name, phone }) => save('org.saveUnit', { name, phone: phoneOrNull(phone) })} />
      ) : null}
      {body}
    </SectionCard>
  )
}

function StaffSection({ org, units }: { org: OrgOverview | null; units: Unit[] | null }) {
  const scope = useAdminScope()
  const [choice, setChoice] = useState<string>(scope.isTownAdmin ? ALL : (scope.villageIds[0] ?? ALL))
  const villageId = choice === ALL ? undefined : choice
  const staff = useStaff(villageId, scope.isTownAdmin || Boolean(villageId))

  const options = useMemo(() => {
    const villages = org?.villages ?? []
    const mine = scope.isTownAdmin ? villages : villages.filter((village) => scope.villageIds.includes(village.id))
    const list = namedOptions(mine)
    return scope.isTownAdmin ? [{ value: ALL, label: '全部' }, ...list] : list
  }, [org, scope])

  return (
    <SectionCard title='人员分工' className='org-staff'>
      {options.length > 1 ? <ChoiceChips className='staff-village' label='按村（居）查看' options={options} value={choice} onChange={setChoice} /> : null}
      {staff.loading ? (
        <Skeleton rows={3} />
      ) : staff.error ? (
        <ErrorState message={staff.error} onRetry={() => void staff.reload()} />
      ) : !staff.data || staff.data.length === 0 ? (
        <EmptyState text='还没有分配管理员、网格员或单位人员' />
      ) : (
        staff.data.map((member) => (
          <View key={`${member.userId}:${member.grant.role}:${member.grant.villageId ?? ''}:${member.grant.gridId ?? ''}:${member.grant.unitId ?? ''}`} className='wm-row org-staff-member'>
            <Text className='org-staff-name'>{member.name || '未填写姓名'}</Text>
            <Text className='wm-muted'>{describeGrant(member.grant, org, units)}</Text>
          </View>
        ))
      )}
    </SectionCard>
  )
}
