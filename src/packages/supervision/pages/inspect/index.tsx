import { useEffect, useRef, useState } from 'react'
import { View, Text, Textarea, Input, Image } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { CleaningInspection, CleaningItem } from '@/contract'
import { PageShell } from '@/components/page-shell'
import { PhotoPicker } from '@/components/photo-picker'
import { SectionCard } from '@/components/section-card'
import { ErrorState, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { useInspectForm, usePhotoSet, type FindingDraft } from '@/hooks/use-cleaning'
import { useQuery } from '@/hooks/use-query'
import { MAX_PHOTOS } from '@/services/photos'
import '../supervision.scss'

type Uploader = (prefix: string) => Promise<string[] | null>

/** 检查保洁区域: tick the checklist items found, each with photos, what was seen and the place; submitted once. */
export default function InspectPage() {
  const { params } = useRouter()
  const zoneId = params.id ?? ''
  const zone = useQuery('supervision.zone', zoneId ? { zoneId } : null)
  const rules = useQuery('supervision.cleaningRules', {})
  const [done, setDone] = useState<CleaningInspection | null>(null)
  const failed = zone.error ?? rules.error
  if (!zone.data || !rules.data) {
    return (
      <PageShell name='inspect'>
        {failed ? <ErrorState message={failed} onRetry={() => void Promise.all([zone.reload(), rules.reload()])} retrying={zone.loading || rules.loading} /> : <Skeleton rows={5} />}
      </PageShell>
    )
  }
  const z = zone.data
  return (
    <PageShell name='inspect'>
      <SectionCard title={z.name}>
        <Text className='wm-muted'>
          {z.villageName} · {z.kindLabel}
          {z.unitName ? ` · ${z.unitName}` : ''}
        </Text>
        <Text className='wm-muted'>保洁员：{z.cleaners.length ? z.cleaners.map((c) => c.name).join('、') : '无'}</Text>
        <Text className='wm-muted'>
          每条发现扣每位保洁员当月工资 {rules.data.deductionYuan} 元{z.kind === 'office' ? '；办公区域有发现的，向责任单位发整改通知' : ''}
        </Text>
      </SectionCard>
      {done ? <Done inspection={done} /> : z.canInspect ? <Doing zoneId={z.id} items={rules.data.items} onDone={setDone} /> : <Text className='patrol-notice'>这个保洁区域已停用或不在您的范围内</Text>}
    </PageShell>
  )
}

function Done({ inspection }: { inspection: CleaningInspection }) {
  return (
    <SectionCard title='检查已提交'>
      <Text>{inspection.findings.length ? `发现问题 ${inspection.findings.length} 条` : '未发现问题'}</Text>
      {inspection.findings.map((f) => (
        <View key={f.id} className='patrol-item'>
          <Text className='patrol-item-text'>
            {f.itemText}：{f.note}
          </Text>
          <Text className='patrol-item-meta'>
            扣 {f.amountYuan} 元 × {f.cleaners.length} 人 · 可申诉至 {f.appealDueAt.slice(0, 10)}
          </Text>
          {f.photoUrls.map((url) => (
            <Image key={url} className='photo-picker-image' src={url} mode='aspectFill' />
          ))}
        </View>
      ))}
      {inspection.notice ? (
        <Text className='patrol-notice'>
          已向{inspection.notice.unitName}发出{inspection.notice.escalationLabel}（{inspection.notice.no}），整改期限 {inspection.notice.deadline}
        </Text>
      ) : null}
      <Button block onClick={() => void Taro.navigateBack()}>
        返回
      </Button>
    </SectionCard>
  )
}

function Doing({ zoneId, items, onDone }: { zoneId: string; items: CleaningItem[]; onDone: (i: CleaningInspection) => void }) {
  const form = useInspectForm(zoneId)
  const uploaders = useRef(new Map<string, Uploader>())
  const [notice, setNotice] = useState<string | null>(null)
  const submit = async () => {
    setNotice(null)
    const res = await form.submit(async (itemKey) => {
      const up = uploaders.current.get(itemKey)
      const ids = up ? await up(`${zoneId}-${itemKey}`) : []
      if (!ids) setNotice('照片上传没有成功，请稍后重试')
      return ids
    })
    if (res) onDone(res)
  }
  const count = Object.keys(form.drafts).length
  return (
    <>
      {items.map((item, i) => (
        <View key={item.key} className={`patrol-item${form.errors[item.key] ? ' patrol-item--error' : ''}`} data-item-key={item.key}>
          <Text className='patrol-item-text'>
            {i + 1}. {item.text}
          </Text>
          <View className='patrol-choice'>
            <View
              role='button'
              className={`patrol-choice-option patrol-choice-option--fail${form.drafts[item.key] ? ' patrol-choice-option--on' : ''}`}
              onClick={() => !form.busy && form.toggle(item.key)}
            >
              <Text>{form.drafts[item.key] ? '已记为发现问题' : '发现问题'}</Text>
            </View>
          </View>
          {form.drafts[item.key] ? <FindingEditor itemKey={item.key} draft={form.drafts[item.key]} form={form} register={(up) => uploaders.current.set(item.key, up)} /> : null}
          {form.errors[item.key] ? <Text className='wm-error-text'>{form.errors[item.key]}</Text> : null}
        </View>
      ))}
      {(notice ?? form.message) ? <Text className='patrol-notice'>{notice ?? form.message}</Text> : null}
      <Text className='wm-muted'>{count ? `发现问题 ${count} 条，每条须拍照、写明问题并标记位置` : '没有勾选的项视为合格'}</Text>
      <Button className='patrol-submit' type='primary' block loading={form.busy} disabled={form.busy} onClick={() => void submit()}>
        提交检查结果
      </Button>
    </>
  )
}

type Form = ReturnType<typeof useInspectForm>

function FindingEditor({ itemKey, draft, form, register }: { itemKey: string; draft: FindingDraft; form: Form; register: (up: Uploader) => void }) {
  const photos = usePhotoSet(MAX_PHOTOS)
  // (a block: the Map that set() returns must not become the effect's cleanup)
  useEffect(() => {
    register(photos.upload)
  }, [register, photos.upload])
  return (
    <View className='patrol-failure'>
      <PhotoPicker photos={photos.photos} max={MAX_PHOTOS} disabled={form.busy} onAdd={() => void photos.add()} onRemove={photos.remove} addLabel='拍现场照片' />
      {photos.notice ? <Text className='wm-error-text'>{photos.notice}</Text> : null}
      <Textarea
        className='patrol-note'
        value={draft.note}
        disabled={form.busy}
        maxlength={200}
        placeholder='写明发现的问题，如：小学门口一堆生活垃圾未清运'
        onInput={(e) => form.update(itemKey, { note: e.detail.value })}
      />
      <Input className='patrol-note' value={draft.address} disabled={form.busy} maxlength={60} placeholder='地点（可选）' onInput={(e) => form.update(itemKey, { address: e.detail.value })} />
      <View className='wm-row'>
        <Text className='wm-muted'>{draft.location ? (draft.address.trim() ? `已定位：${draft.address.trim()}` : '已定位，请在上面写明地点（门牌或地标）') : '还没有标记位置'}</Text>
        <Button size='small' fill='outline' disabled={form.busy} loading={form.locating === itemKey} onClick={() => void form.locate(itemKey)}>
          {draft.location ? '重新定位' : '标记当前位置'}
        </Button>
      </View>
    </View>
  )
}
