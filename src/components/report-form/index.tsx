import { View, Text } from '@tarojs/components'
import type { CategoryItem, OrgOverview } from '@/contract'
import { ChoiceChips, namedOptions } from '@/components/choice-chips'
import { FormField, TextArea, TextInput } from '@/components/form-field'
import { NearbyPanel } from '@/components/nearby-panel'
import { PhotoPicker } from '@/components/photo-picker'
import { PlaceMap } from '@/components/place-map/place-map'
import { ErrorState } from '@/components/state-view'
import { Button, Switch } from '@/components/ui'
import type { Remote } from '@/hooks/use-query'
import type { ReportDraftController } from '@/hooks/use-report-draft'
import { CAN_PICK_ON_MAP, canLocate } from '@/services/location'
import { MAX_PHOTOS } from '@/services/photos'
import './index.scss'

interface Props {
  form: ReportDraftController
  categories: Remote<CategoryItem[]>
  org: Remote<OrgOverview>
  /** 督导: filed by staff on patrol; no anonymity. */
  inspection?: boolean
  onOpenCreated: (reportId: string) => void
}

function submitLabel(form: ReportDraftController): string {
  if (form.phase === 'checking' && form.lookingNearby) return '正在查看附近的同类问题…'
  if (form.phase === 'uploading' && form.progress) return `正在上传照片 ${form.progress.done}/${form.progress.total}`
  if (form.phase === 'submitting') return '正在提交…'
  return '提交'
}

/** The report form: category, words, photos, place, village/grid, anonymity; draft on the phone. */
export function ReportForm({ form, categories, org, inspection, onOpenCreated }: Props) {
  if (form.created) return <CreatedCard form={form} inspection={inspection} onOpen={onOpenCreated} />
  const busy = form.busy
  return (
    <View className={`report-form${form.draft.status === 'pending' ? ' report-form--pending' : ''}`}>
      <PendingBanner form={form} />
      {form.storageFull ? <Text className='wm-error-text report-form-storage'>手机存储空间不足，照片没能全部存进草稿；提交成功前请不要关闭页面。</Text> : null}
      <CategoryField form={form} categories={categories} />
      <FormField label='问题描述' error={form.fields.description}>
        <TextArea
          className='input-description'
          value={form.draft.description}
          maxlength={500}
          disabled={!form.editable}
          placeholder='说说看到了什么，比如：路口垃圾堆了三天没人清理'
          onChange={(description) => form.update({ description })}
        />
      </FormField>
      <FormField label={`现场照片（1–${MAX_PHOTOS} 张）`} error={form.fields.photos} hint='照片会先在手机上压缩，省流量'>
        <PhotoPicker photos={form.draft.photos} max={MAX_PHOTOS} disabled={!form.editable} onAdd={() => void form.addPhotos()} onRemove={form.removePhoto} />
        {form.photoMessage ? <Text className='wm-error-text report-form-photo-message'>{form.photoMessage}</Text> : null}
      </FormField>
      <PlaceFields form={form} org={org} />
      {inspection ? null : (
        <View className='wm-row report-form-anonymous'>
          <View className='report-form-anonymous-text'>
            <Text className='form-field-label'>匿名反映</Text>
            <Text className='wm-muted'>只有镇创建办知道是谁反映的，网格员、责任单位和其他人都看不到</Text>
          </View>
          <Switch className='anonymous-switch' checked={form.draft.anonymous} disabled={!form.editable} ariaLabel='匿名反映' onChange={(anonymous) => form.update({ anonymous })} />
        </View>
      )}
      {form.nearby && form.nearby.length ? (
        <NearbyPanel
          items={form.nearby}
          supported={form.supported}
          supporting={form.supporting}
          busy={busy}
          onSupport={(id) => void form.support(id)}
          onSubmitAnyway={() => void form.submitAnyway()}
          onDiscard={() => void form.discard()}
        />
      ) : null}
      {form.notice ? <Text className={`report-form-notice report-form-notice--${form.notice.tone}`}>{form.notice.text}</Text> : null}
      {form.draft.status === 'editing' && !form.nearby ? (
        <View className='wm-actions report-form-actions'>
          <Button className='report-submit' type='primary' block loading={busy} disabled={busy} onClick={() => void form.submit()}>
            {submitLabel(form)}
          </Button>
          <Text className='wm-link report-discard' onClick={() => void form.discard()}>
            清空重填
          </Text>
        </View>
      ) : null}
      <Text className='wm-muted report-form-saved'>填写的内容会自动保存在手机上，没信号也不会丢。</Text>
    </View>
  )
}

function PendingBanner({ form }: { form: ReportDraftController }) {
  if (form.draft.status !== 'pending') return null
  const busy = form.busy
  return (
    <View className='report-pending' role='status'>
      <Text className='report-pending-title'>待重试</Text>
      <Text className='report-pending-text'>
        {busy ? '正在重新提交…' : `上次提交没有成功${form.draft.lastError ? `（${form.draft.lastError}）` : ''}。内容已保存在手机上，有信号时会自动重新提交，不会重复上报。`}
      </Text>
      <View className='wm-actions'>
        <Button className='report-retry' type='primary' loading={busy} disabled={busy} onClick={() => void form.retry()}>
          {busy ? submitLabel(form) : '重新提交'}
        </Button>
        {form.draft.sentAt ? null : (
          <Button className='report-unlock' fill='outline' disabled={busy} onClick={form.unlock}>
            修改内容
          </Button>
        )}
        <Button className='report-abandon' fill='outline' disabled={busy} onClick={() => void form.discard()}>
          放弃这条
        </Button>
      </View>
    </View>
  )
}

function CategoryField({ form, categories }: { form: ReportDraftController; categories: Remote<CategoryItem[]> }) {
  const enabled = (categories.data ?? []).filter((item) => item.enabled)
  return (
    <FormField label='问题类别' error={form.fields.category}>
      {categories.error && !categories.data ? (
        <ErrorState message={categories.error} onRetry={() => void categories.reload()} retrying={categories.loading} />
      ) : categories.data ? (
        <ChoiceChips
          className='pick-category'
          label='选择问题类别'
          options={enabled.map((item) => ({ value: item.code, label: item.name }))}
          value={form.draft.category}
          disabled={!form.editable}
          onChange={(category) => form.update({ category })}
        />
      ) : (
        <Text className='wm-muted'>正在加载问题类别…</Text>
      )}
    </FormField>
  )
}

/** Where the pin is, in words: the address (a map pick fills it, or the person types it), else the village and grid chosen. */
function locatedText(form: ReportDraftController, org: Remote<OrgOverview>): string {
  const address = form.draft.address.trim()
  if (address) return `已定位：${address}`
  const village = org.data?.villages.find((item) => item.id === form.draft.villageId)
  const grid = village?.grids.find((item) => item.id === form.draft.gridId)
  const place = [village?.name, grid?.name].filter(Boolean).join(' ')
  return place ? `已定位在${place}附近，请在下面写上门牌或地标` : '已定位，请在下面写上门牌或地标'
}

function LocationRow({ form, org }: { form: ReportDraftController; org: Remote<OrgOverview> }) {
  const location = form.draft.location
  const locatable = canLocate()
  return (
    <FormField label='位置' error={form.fields.location} hint={locatable ? '定位后可以看到附近是否已有人反映' : undefined}>
      {location ? <PlaceMap location={location} /> : null}
      {location ? (
        <View className='wm-row report-location'>
          <Text className='report-location-text'>{locatedText(form, org)}</Text>
          {form.editable ? (
            <Text className='wm-link report-location-clear' onClick={() => form.update({ location: null })}>
              清除
            </Text>
          ) : null}
        </View>
      ) : null}
      {form.editable && locatable ? (
        <View className='wm-actions'>
          <Button className='locate-here' size='small' fill='outline' loading={form.locating} disabled={form.locating} onClick={() => void form.locate('here')}>
            用当前位置
          </Button>
          {CAN_PICK_ON_MAP ? (
            <Button className='locate-map' size='small' fill='outline' disabled={form.locating} onClick={() => void form.locate('map')}>
              在地图上选
            </Button>
          ) : null}
        </View>
      ) : null}
      {form.locationMessage ? <Text className='wm-error-text report-location-message'>{form.locationMessage}</Text> : null}
    </FormField>
  )
}

function PlaceFields({ form, org }: { form: ReportDraftController; org: Remote<OrgOverview> }) {
  const village = org.data?.villages.find((item) => item.id === form.draft.villageId)
  return (
    <View className='report-form-place'>
      <LocationRow form={form} org={org} />
      <FormField label='地址' error={form.fields.address}>
        <TextInput
          className='input-address'
          value={form.draft.address}
          maxlength={100}
          disabled={!form.editable}
          placeholder='门牌号或地标，如：东山村委会南边路口'
          onChange={(address) => form.update({ address })}
        />
      </FormField>
      <FormField label='所在村（居）' error={form.fields.villageId}>
        {org.error && !org.data ? (
          <ErrorState message={org.error} onRetry={() => void org.reload()} retrying={org.loading} />
        ) : org.data ? (
          <ChoiceChips
            className='pick-village'
            label='选择村（居）'
            options={namedOptions(org.data.villages)}
            value={form.draft.villageId}
            disabled={!form.editable}
            onChange={(villageId) => form.update({ villageId })}
          />
        ) : (
          <Text className='wm-muted'>正在加载村（居）…</Text>
        )}
      </FormField>
      {village && village.grids.length ? (
        <FormField label='网格（可不选）' error={form.fields.gridId}>
          <ChoiceChips
            className='pick-grid'
            label='选择网格'
            options={namedOptions(village.grids)}
            value={form.draft.gridId}
            disabled={!form.editable}
            onChange={(gridId) => form.update({ gridId })}
          />
        </FormField>
      ) : null}
    </View>
  )
}

function CreatedCard({ form, inspection, onOpen }: { form: ReportDraftController; inspection?: boolean; onOpen: (id: string) => void }) {
  const report = form.created
  if (!report) return null
  return (
    <View className='report-created' role='status'>
      <Text className='report-created-title'>已提交</Text>
      <Text className='report-created-no'>编号 {report.no}</Text>
      <Text className='report-created-text'>{inspection ? '督导问题已登记，可在问题处置里跟进。' : '谢谢您！网格员会尽快受理，处理的每一步都可以在“我的随手拍”里看到。'}</Text>
      <View className='wm-actions'>
        <Button className='report-created-open' type='primary' onClick={() => onOpen(report.id)}>
          查看进度
        </Button>
        <Button className='report-created-new' fill='outline' onClick={form.closeCreated}>
          再拍一个
        </Button>
      </View>
    </View>
  )
}
