import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { CleaningZone, ZoneKind } from '@/contract'
import { ChoiceChips, namedOptions } from '@/components/choice-chips'
import { DraftNotice } from '@/components/draft-notice'
import { FormField, TextArea, TextInput } from '@/components/form-field'
import { PageShell } from '@/components/page-shell'
import { PlaceMap } from '@/components/place-map/place-map'
import { SectionCard } from '@/components/section-card'
import { EmptyState, ErrorState, Skeleton } from '@/components/state-view'
import { Button, Switch } from '@/components/ui'
import { useAction } from '@/hooks/use-action'
import { useAdminScope } from '@/hooks/use-admin-scope'
import { useFormDraft } from '@/hooks/use-form-draft'
import { useUnits } from '@/hooks/use-org'
import { usePagedQuery, useQuery } from '@/hooks/use-query'
import { locateHere } from '@/services/location'
import '../supervision.scss'

const TOWN_CENTRE = 'town_centre'

interface ZoneDraft {
  name: string
  description: string
  kind: ZoneKind
  unitId: string | null
  radius: string
  centre: { lng: number; lat: number } | null
  cleanerIds: string[]
  enabled: boolean
}

const fromZone = (z: CleaningZone): ZoneDraft => ({
  name: z.name,
  description: z.description ?? '',
  kind: z.kind,
  unitId: z.unitId,
  radius: String(z.radiusM),
  centre: z.centre,
  cleanerIds: z.cleaners.map((c) => c.id),
  enabled: z.enabled
})
const EMPTY: ZoneDraft = { name: '', description: '', kind: 'street', unitId: null, radius: '200', centre: null, cleanerIds: [], enabled: true }

/** 新建或修改保洁区域: name, centre and radius, the responsible cleaners; an office area names its unit. */
export default function ZoneEditPage() {
  const { params } = useRouter()
  const zoneId = params.id ?? null
  const zone = useQuery('supervision.zone', zoneId ? { zoneId } : null)
  if (zoneId && !zone.data) {
    return <PageShell name='zone-edit'>{zone.error ? <ErrorState message={zone.error} onRetry={() => void zone.reload()} retrying={zone.loading} /> : <Skeleton rows={5} />}</PageShell>
  }
  const place = zone.data ? (zone.data.villageId ?? TOWN_CENTRE) : (params.villageId ?? '')
  if (!place)
    return (
      <PageShell name='zone-edit'>
        <EmptyState text='请先在保洁考核页选择村（居）' />
      </PageShell>
    )
  return (
    <PageShell name='zone-edit'>
      <ZoneForm zone={zone.data} villageId={place === TOWN_CENTRE ? null : place} />
    </PageShell>
  )
}

const zoneDraftKey = (zone: CleaningZone | null, villageId: string | null) => (zone ? `zone-edit:${zone.id}` : `zone-new:${villageId ?? TOWN_CENTRE}`)

function ZoneForm({ zone, villageId }: { zone: CleaningZone | null; villageId: string | null }) {
  const scope = useAdminScope()
  const [draft, setDraft] = useState<ZoneDraft>(zone ? fromZone(zone) : EMPTY)
  useEffect(() => {
    if (zone) setDraft(fromZone(zone))
  }, [zone])
  const units = useUnits(scope.isTownAdmin)
  const cleaners = usePagedQuery('supervision.cleaners', { villageId, pageSize: 50 })
  const save = useAction('supervision.saveZone')
  const [locating, setLocating] = useState<string | null>(null)
  const set = (patch: Partial<ZoneDraft>) => setDraft((d) => ({ ...d, ...patch }))
  const kept = useFormDraft(zoneDraftKey(zone, villageId), draft, setDraft)
  const locate = async () => {
    setLocating('正在定位…')
    const res = await locateHere({ fresh: true })
    setLocating(res.ok ? null : res.message)
    if (res.ok) set({ centre: res.place.location })
  }
  const submit = async () => {
    if (!draft.centre) return save.fail('请标记区域中心位置', { centre: '请标记区域中心位置' })
    const res = await save.run({
      ...(zone ? { id: zone.id, rev: zone.rev } : {}),
      villageId,
      name: draft.name,
      description: draft.description.trim() ? draft.description : null,
      kind: draft.kind,
      unitId: draft.kind === 'office' ? draft.unitId : null,
      centre: draft.centre,
      radiusM: Number(draft.radius),
      cleanerIds: draft.cleanerIds,
      enabled: draft.enabled
    })
    if (res?.ok) {
      kept.done()
      void Taro.showToast({ title: '已保存', icon: 'success' })
      void Taro.navigateBack()
    }
  }
  const toggleCleaner = (id: string) => set({ cleanerIds: draft.cleanerIds.includes(id) ? draft.cleanerIds.filter((x) => x !== id) : [...draft.cleanerIds, id] })
  const e = save.fieldErrors
  return (
    <SectionCard title={zone ? '修改保洁区域' : '新建保洁区域'}>
      <DraftNotice draft={kept} />
      <FormField label='区域名称' error={e.name}>
        <TextInput value={draft.name} onChange={(name) => set({ name })} maxlength={30} placeholder='如：东山村主街' />
      </FormField>
      <FormField label='区域说明' error={e.description}>
        <TextArea value={draft.description} onChange={(description) => set({ description })} maxlength={200} placeholder='范围、保洁要求（可选）' />
      </FormField>
      {scope.isTownAdmin ? (
        <FormField label='区域类型' error={e.kind}>
          <ChoiceChips
            options={[
              { value: 'street', label: '保洁区域' },
              { value: 'office', label: '单位办公区域' }
            ]}
            value={draft.kind}
            onChange={(kind) => set({ kind: kind as ZoneKind })}
          />
        </FormField>
      ) : null}
      {draft.kind === 'office' ? (
        <FormField label='责任单位' error={e.unitId}>
          <ChoiceChips options={namedOptions(units.data ?? [])} value={draft.unitId} onChange={(unitId) => set({ unitId })} />
        </FormField>
      ) : null}
      <FormField label='范围半径（米）' error={e.radiusM}>
        <TextInput value={draft.radius} type='number' onChange={(radius) => set({ radius })} maxlength={4} />
      </FormField>
      <FormField label='区域中心' error={e.centre ?? e['centre.lng'] ?? locating ?? undefined}>
        <PlaceMap location={draft.centre} />
        <View className='wm-row'>
          <Text className='wm-muted'>{draft.centre ? '已标记在您定位时所站的地方' : '还没有标记'}</Text>
          <Button size='small' fill='outline' onClick={() => void locate()}>
            {draft.centre ? '重新定位' : '标记当前位置'}
          </Button>
        </View>
      </FormField>
      <FormField label='责任保洁员' error={e.cleanerIds} hint={cleaners.items.length ? undefined : '还没有登记保洁员，请先到「保洁员与月度考核」登记'}>
        {cleaners.error ? <ErrorState message={cleaners.error} onRetry={() => void cleaners.reload()} /> : null}
        <View className='zone-cleaners'>
          {cleaners.items.map((c) => (
            <View key={c.id} role='button' className={`patrol-choice-option${draft.cleanerIds.includes(c.id) ? ' patrol-choice-option--on' : ''}`} onClick={() => toggleCleaner(c.id)}>
              <Text>{c.name}</Text>
            </View>
          ))}
        </View>
      </FormField>
      <FormField label='启用'>
        <Switch checked={draft.enabled} onChange={(v: boolean) => set({ enabled: v })} />
      </FormField>
      {save.message ? <Text className='wm-error-text'>{save.message}</Text> : null}
      <Button type='primary' block loading={save.busy} disabled={save.busy} onClick={() => void submit()}>
        保存
      </Button>
    </SectionCard>
  )
}
