import { useState } from 'react'
import { Text } from '@tarojs/components'
import { FormField, TextArea } from '@/components/form-field'
import { PhotoPicker } from '@/components/photo-picker'
import { usePhotoList } from '@/hooks/use-photo-list'
import { PRIVACY_REFUSED } from '@/hooks/use-report-draft'
import { MAX_PHOTOS } from '@/services/photos'
import { ConfirmButton, StepBox, StepError, type StepProps } from './parts'

/** 提交整改: after-photos (uploaded once, kept if the step has to be retried) and what was done. */
export function RectifyForm({ report, flow, close }: StepProps) {
  const { photos, add, remove, upload, releaseAll, message, setMessage } = usePhotoList(PRIVACY_REFUSED)
  const [note, setNote] = useState('')
  const [uploading, setUploading] = useState<string | null>(null)
  const fields = flow.failure?.action === 'reports.rectify' ? flow.failure.fields : {}

  const go = async () => {
    setMessage(null)
    if (!photos.length) {
      setMessage('请至少上传 1 张整改后照片')
      return
    }
    if (note.trim().length < 2) {
      setMessage('请填写整改情况')
      return
    }
    const fileIDs = await upload(`rectify-${report.id}`, setUploading)
    if (!fileIDs) return
    const ok = await flow.run(
      'reports.rectify',
      { reportId: report.id, photos: fileIDs, note },
      { confirm: { title: '提交整改', content: `提交 ${fileIDs.length} 张整改后照片，请验收？` }, done: '已提交整改' }
    )
    if (ok) {
      releaseAll()
      close()
    }
  }

  return (
    <StepBox title='提交整改结果' className='flow-step--rectify'>
      <FormField label='整改后照片' error={fields.photos}>
        <PhotoPicker className='rectify-photos' photos={photos} max={MAX_PHOTOS} disabled={uploading !== null} onAdd={() => void add()} onRemove={remove} />
      </FormField>
      <FormField label='整改情况' error={fields.note}>
        <TextArea className='input-rectify-note' value={note} maxlength={300} placeholder='如：已清运垃圾，增设垃圾桶 2 个' onChange={setNote} />
      </FormField>
      {uploading ? <Text className='wm-muted'>{uploading}</Text> : null}
      {message ? <Text className='wm-error-text flow-error'>{message}</Text> : null}
      <StepError flow={flow} actions={['reports.rectify']} />
      <ConfirmButton action='rectify' flow={flow} label={uploading ?? '确认提交整改'} onClick={() => void go()} />
    </StepBox>
  )
}
