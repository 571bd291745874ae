import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { FormField, TextInput } from '@/components/form-field'
import { useQuery } from '@/hooks/use-query'
import { formatDate } from '@/services/format'
import { ConfirmButton, StepBox, StepError, type StepProps } from './parts'

/** 标记重复: pick the original among open problems of the same kind in the same village, or type its id. */
export function DuplicatePicker({ report, flow, close }: StepProps) {
  const [originalId, setOriginalId] = useState('')
  const candidates = useQuery('reports.queue', { category: report.category, villageId: report.villageId, pageSize: 10 })
  const others = (candidates.data?.items ?? []).filter((item) => item.id !== report.id)
  const fields = flow.failure?.action === 'reports.markDuplicate' ? flow.failure.fields : {}
  const chosen = others.find((item) => item.id === originalId)

  const go = async () => {
    const ok = await flow.run(
      'reports.markDuplicate',
      { reportId: report.id, originalId: originalId.trim() },
      { confirm: { title: '标记重复', content: `这个问题与 ${chosen?.no ?? originalId.trim()} 是同一个问题？标记后不再单独处理。` }, done: '已标记重复' }
    )
    if (ok) close()
  }

  return (
    <StepBox title='标记重复（关联到原问题）' className='flow-step--markDuplicate'>
      {candidates.loading && !candidates.data ? <Text className='wm-muted'>正在查找同村同类问题…</Text> : null}
      {others.length ? (
        <View className='dup-candidates'>
          {others.map((item) => (
            <View key={item.id} className={`dup-candidate${item.id === originalId ? ' dup-candidate--on' : ''}`} data-report-id={item.id} onClick={() => setOriginalId(item.id)}>
              <Text className='dup-candidate-no'>
                {item.no} · {item.statusLabel}
              </Text>
              <Text className='wm-muted'>
                {item.address} · {formatDate(item.createdAt)}
              </Text>
            </View>
          ))}
        </View>
      ) : candidates.data ? (
        <Text className='wm-muted'>本村（居）没有其他同类问题</Text>
      ) : null}
      <FormField label='原问题编号' error={fields.originalId}>
        <TextInput className='input-original-id' value={originalId} maxlength={64} placeholder='点上面的问题，或填写原问题的编号' onChange={setOriginalId} />
      </FormField>
      <StepError flow={flow} actions={['reports.markDuplicate']} />
      <ConfirmButton action='markDuplicate' flow={flow} label='确认标记重复' onClick={() => void go()} />
    </StepBox>
  )
}
