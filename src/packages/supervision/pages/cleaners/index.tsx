import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ChoiceChips } from '@/components/choice-chips'
import { FormField, TextInput } from '@/components/form-field'
import { SectionCard } from '@/components/section-card'
import { guardedPage } from '@/components/guard'
import { EmptyState, ErrorState, PagedList, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { useAction } from '@/hooks/use-action'
import { useCleaningPlaces } from '@/hooks/use-cleaning'
import { PAGE_SIZE, usePagedQuery } from '@/hooks/use-query'
import { useReloadOnShow } from '@/hooks/use-reload-on-show'
import { withId } from '@/services/routes'
import { SUPERVISION_ROUTES } from '@/services/supervision-routes'
import '../supervision.scss'

/** 保洁员: the village's (or 集镇's) cleaners — named people, no account needed — and each one's monthly sheet. */
export default guardedPage('cleaners', Cleaners)

function Cleaners() {
  const { org, options, place, villageId, setPicked, none } = useCleaningPlaces(true)
  const list = usePagedQuery('supervision.cleaners', place === null ? null : { villageId, includeDisabled: true, pageSize: PAGE_SIZE })
  const save = useAction('supervision.saveCleaner')
  const [name, setName] = useState('')
  const [phone, setPhone] = useState('')
  useReloadOnShow(list, place !== null)
  if (org.error && !org.data) return <ErrorState message={org.error} onRetry={() => void org.reload()} retrying={org.loading} />
  if (none) return <EmptyState text='没有您负责的村（居）' />
  // until the villages are known there is no place to list (not "none yet")
  if (place === null) return <Skeleton rows={3} />
  const add = async () => {
    if (place === null) return
    const res = await save.run({ name, ...(phone.trim() ? { phone: phone.trim() } : {}), villageId, enabled: true })
    if (res?.ok) {
      setName('')
      setPhone('')
      void list.reload()
    }
  }
  return (
    <>
      {options.length > 1 ? <ChoiceChips options={options} value={place} onChange={setPicked} label='选择村（居）或集镇' /> : null}
      <SectionCard title='保洁员'>
        <PagedList list={list} rows={3} empty='还没有登记保洁员' className='visit-list'>
          {(c) => (
            <View key={c.id} className='visit-card' onClick={() => void Taro.navigateTo({ url: withId(SUPERVISION_ROUTES.cleanerSheet, c.id) })}>
              <View className='wm-row'>
                <Text className='visit-card-title'>{c.name}</Text>
                <Text className='wm-muted'>{c.enabled ? '在岗' : '已停用'}</Text>
              </View>
              <Text className='wm-muted'>
                {c.villageName} {c.phone ?? ''} · 查看月度考核表
              </Text>
            </View>
          )}
        </PagedList>
      </SectionCard>
      <SectionCard title='登记保洁员'>
        <FormField label='姓名' error={save.fieldErrors.name}>
          <TextInput value={name} onChange={setName} maxlength={20} placeholder='保洁员姓名' />
        </FormField>
        <FormField label='手机号（可选）' error={save.fieldErrors.phone}>
          <TextInput value={phone} onChange={setPhone} type='number' maxlength={11} placeholder='11 位手机号' />
        </FormField>
        {save.message ? <Text className='wm-error-text'>{save.message}</Text> : null}
        <Button type='primary' block loading={save.busy} disabled={save.busy || place === null} onClick={() => void add()}>
          登记
        </Button>
      </SectionCard>
    </>
  )
}
