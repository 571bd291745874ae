import { View, Text, Textarea, Input, Image } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { PATROL_RESULT_LABELS, type ChecklistItem, type PatrolDetail, type PatrolResult } from '@/contract'
import { PageShell } from '@/components/page-shell'
import { PhotoPicker } from '@/components/photo-picker'
import { SectionCard } from '@/components/section-card'
import { ErrorState, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { usePatrolDraft } from '@/hooks/use-patrol-draft'
import { MAX_PHOTOS } from '@/services/photos'
import { emptyItem, type PatrolItemDraft } from '@/services/patrol-drafts'
import { ROUTES, withId } from '@/services/routes'
import '../supervision.scss'

const RESULTS: PatrolResult[] = ['pass', 'fail']

/** 督导巡查: item by item 合格 / 不合格 (a failure with photos, a note and the place), kept on the phone until submitted once. */
export default function PatrolPage() {
  const { params } = useRouter()
  const form = usePatrolDraft(params.id ?? '')
  useDidShow(() => form.retryIfPending())
  const { patrol, remote } = form

  if (!patrol) {
    return <PageShell name='patrol'>{remote.error ? <ErrorState message={remote.error} onRetry={() => void remote.reload()} retrying={remote.loading} /> : <Skeleton rows={5} />}</PageShell>
  }
  const place = patrol.gridName ? `${patrol.villageName} · ${patrol.gridName}` : patrol.villageName
  return (
    <PageShell name='patrol'>
      <SectionCard title={patrol.templateName} className='patrol-head'>
        <View className='patrol-card-head'>
          <Text className='wm-muted'>
            {patrol.date} · {place}
          </Text>
          <Text className={`patrol-status patrol-status--${patrol.status}`}>{patrol.statusLabel}</Text>
        </View>
        <Text className='wm-muted'>巡查人员：{patrol.patrollers.map((p) => p.name).join('、')}</Text>
        {remote.error ? <Text className='patrol-notice'>暂时连不上网络，显示的是手机上保存的巡查表；填写内容会保存在手机上，有信号后再提交。</Text> : null}
        {patrol.status === 'cancelled' ? <Text className='patrol-notice'>已取消：{patrol.cancelReason}</Text> : null}
      </SectionCard>
      {patrol.results ? <Done patrol={patrol} /> : patrol.canSubmit ? <Doing form={form} /> : <Waiting patrol={patrol} />}
    </PageShell>
  )
}

function Waiting({ patrol }: { patrol: PatrolDetail }) {
  const why = patrol.status === 'missed' ? '这次巡查当天没有提交，已记为缺巡。' : patrol.status === 'scheduled' ? `巡查日期是 ${patrol.date}，当天才能填写提交。` : ''
  return (
    <SectionCard title='检查项'>
      {why ? <Text className='patrol-notice'>{why}</Text> : null}
      {patrol.items.map((item, i) => (
        <View key={item.key} className='patrol-item'>
          <Text className='patrol-item-text'>
            {i + 1}. {item.text}
          </Text>
          <Text className='patrol-item-meta'>
            不合格转为：{item.categoryName} · 扣 {item.deduction} 分
          </Text>
        </View>
      ))}
    </SectionCard>
  )
}

function Done({ patrol }: { patrol: PatrolDetail }) {
  return (
    <>
      <SectionCard title='巡查得分'>
        <Text className='patrol-score'>{patrol.score}</Text>
        <Text className='patrol-formula'>计算方法：{patrol.scoreFormula}</Text>
        <Text className='wm-muted'>
          提交人：{patrol.submittedByName} · 发现问题 {patrol.findings} 个{patrol.late ? ' · 当天未提交，为补交' : ''}
        </Text>
      </SectionCard>
      {patrol.items.map((item, i) => {
        const r = patrol.results?.find((x) => x.itemKey === item.key)
        return (
          <View key={item.key} className='patrol-item'>
            <View className='patrol-item-head'>
              <Text className='patrol-item-text'>
                {i + 1}. {item.text}
              </Text>
              <Text className={`patrol-status patrol-status--${r?.result === 'fail' ? 'missed' : 'done'}`}>{r ? PATROL_RESULT_LABELS[r.result] : '—'}</Text>
            </View>
            {r?.note ? <Text className='patrol-item-meta'>{r.note}</Text> : null}
            {r?.photoUrls.map((url) => (
              <Image key={url} className='photo-picker-image' src={url} mode='aspectFill' />
            ))}
            {r?.problem ? (
              <Text className='wm-link' onClick={() => void Taro.navigateTo({ url: withId(ROUTES.handle, r.problem?.reportId ?? '') })}>
                {r.problem.linked ? `附近已有同类问题 ${r.problem.reportNo}，已关联` : `已转为问题 ${r.problem.reportNo}`}
              </Text>
            ) : null}
          </View>
        )
      })}
    </>
  )
}

type Form = ReturnType<typeof usePatrolDraft>

function Doing({ form }: { form: Form }) {
  const patrol = form.patrol as PatrolDetail
  const pending = form.draft?.status === 'pending'
  const failed = patrol.items.filter((item) => form.draft?.items[item.key]?.result === 'fail').length
  const phaseText = form.phase === 'uploading' ? `正在上传照片 ${form.progress?.done ?? 0}/${form.progress?.total ?? 0}` : form.phase === 'submitting' ? '正在提交…' : null
  return (
    <>
      {patrol.items.map((item, i) => (
        <ItemForm key={item.key} no={i + 1} item={item} draft={form.draft?.items[item.key] ?? emptyItem()} error={form.errors[item.key]} form={form} />
      ))}
      {form.notice ? <Text className='patrol-notice'>{form.notice}</Text> : null}
      {pending ? <Text className='patrol-notice'>待重试：{form.draft?.lastError ?? '上次提交没有完成'}</Text> : null}
      <Text className='wm-muted'>
        已填 {patrol.items.filter((item) => form.draft?.items[item.key]?.result).length}/{patrol.items.length} 项，不合格 {failed} 项（每项转为一个问题，附近 50 米内已有同类问题的只关联不重复）
      </Text>
      <Button className='patrol-submit' type='primary' block loading={form.phase !== 'idle'} disabled={form.phase !== 'idle'} onClick={() => void (pending ? form.retry() : form.submit())}>
        {phaseText ?? (pending ? '重新提交' : '提交巡查结果')}
      </Button>
    </>
  )
}

function ItemForm({ no, item, draft, error, form }: { no: number; item: ChecklistItem; draft: PatrolItemDraft; error?: string; form: Form }) {
  const disabled = !form.editable
  return (
    <View className={`patrol-item${error ? ' patrol-item--error' : ''}`} data-item-key={item.key}>
      <Text className='patrol-item-text'>
        {no}. {item.text}
      </Text>
      <Text className='patrol-item-meta'>
        不合格转为：{item.categoryName} · 扣 {item.deduction} 分
      </Text>
      <View className='patrol-choice'>
        {RESULTS.map((r) => (
          <View
            key={r}
            role='button'
            className={`patrol-choice-option patrol-choice-option--${r}${draft.result === r ? ' patrol-choice-option--on' : ''}`}
            onClick={() => !disabled && form.setResult(item.key, r)}
          >
            <Text>{PATROL_RESULT_LABELS[r]}</Text>
          </View>
        ))}
      </View>
      {draft.result === 'fail' ? (
        <View className='patrol-failure'>
          <PhotoPicker
            photos={draft.photos}
            max={MAX_PHOTOS}
            disabled={disabled}
            onAdd={() => void form.addPhotos(item.key)}
            onRemove={(key) => form.removePhoto(item.key, key)}
            addLabel='拍现场照片'
          />
          <Textarea
            className='patrol-note'
            value={draft.note}
            disabled={disabled}
            maxlength={200}
            placeholder='写明发现的问题，如：村口电线杆贴满小广告'
            onInput={(e) => form.updateItem(item.key, { note: e.detail.value })}
          />
          <Input
            className='patrol-note'
            value={draft.address}
            disabled={disabled}
            maxlength={60}
            placeholder='地点（可选），如：东山村村口'
            onInput={(e) => form.updateItem(item.key, { address: e.detail.value })}
          />
          <View className='wm-row'>
            <Text className='wm-muted'>{draft.location ? (draft.address.trim() ? `已定位：${draft.address.trim()}` : '已定位，请在上面写明地点（门牌或地标）') : '还没有标记位置'}</Text>
            <Button size='small' fill='outline' disabled={disabled} loading={form.locating === item.key} onClick={() => void form.locate(item.key)}>
              {draft.location ? '重新定位' : '标记当前位置'}
            </Button>
          </View>
        </View>
      ) : null}
      {error ? <Text className='wm-error-text'>{error}</Text> : null}
    </View>
  )
}
