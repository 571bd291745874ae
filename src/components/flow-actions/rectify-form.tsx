import { useState } from 'react'
import { Text } from '@tarojs/components'
import { FormField, TextArea } from '@/components/form-field'
import { PhotoPicker, type PickerPhoto } from '@/components/photo-picker'
import { useAppStore } from '@/store/app-store'
import { PRIVACY_REFUSED } from '@/hooks/use-report-draft'
import { MAX_PHOTOS, pickPhotos } from '@/services/photos'
import { releasePhoto, uploadPhoto } from '@/services/storage'
import { photoCloudPath, randomToken } from '@/services/storage-types'
import { ConfirmButton, StepBox, StepError, type StepProps } from './parts'

/** 提交整改: after-photos (uploaded once, kept if the step has to be retried) and what was done. */
export function RectifyForm({ report, flow, close }: StepProps) {
  const { ensurePrivacy } = useAppStore()
  const [photos, setPhotos] = useState<PickerPhoto[]>([])
  const [note, setNote] = useState('')
  const [uploading, setUploading] = useState<string | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const fields = flow.failure?.action === 'reports.rectify' ? flow.failure.fields : {}

  const add = async () => {
    setMessage(null)
    if (!(await ensurePrivacy())) {
      setMessage(PRIVACY_REFUSED)
      return
    }
    const res = await pickPhotos(MAX_PHOTOS - photos.length)
    if (res.ok) setPhotos((current) => [...current, ...res.paths.map((path) => ({ key: randomToken(8), path, fileID: null }))].slice(0, MAX_PHOTOS))
    else if (!res.cancelled) setMessage(res.message)
  }

  const remove = (key: string) => {
    const photo = photos.find((item) => item.key === key)
    if (photo) releasePhoto(photo.path)
    setPhotos((current) => current.filter((item) => item.key !== key))
  }

  /** Uploads what is not uploaded yet; returns every fileID, or null after a failure. */
  const upload = async (): Promise<string[] | null> => {
    let current = photos
    for (const [index, photo] of photos.entries()) {
      if (photo.fileID) continue
      setUploading(`正在上传照片 ${index + 1}/${photos.length}`)
      const res = await uploadPhoto(photo.path, photoCloudPath(`rectify-${report.id}-${photo.key}`))
      if (!res.ok) {
        setUploading(null)
        setMessage(res.message)
        return null
      }
      current = current.map((item) => (item.key === photo.key ? { ...item, fileID: res.data } : item))
      setPhotos(current)
    }
    setUploading(null)
    return current.map((item) => item.fileID as string)
  }

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
    const fileIDs = await upload()
    if (!fileIDs) return
    const ok = await flow.run(
      'reports.rectify',
      { reportId: report.id, photos: fileIDs, note },
      { confirm: { title: '提交整改', content: `提交 ${fileIDs.length} 张整改后照片，请验收？` }, done: '已提交整改' }
    )
    if (ok) {
      photos.forEach((photo) => releasePhoto(photo.path))
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
