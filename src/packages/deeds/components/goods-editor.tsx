import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Goods, InputOf } from '@/contract'
import { FormField, TextInput } from '@/components/form-field'
import { PhotoPicker, type PickerPhoto } from '@/components/photo-picker'
import { Button, Switch } from '@/components/ui'
import { useAction } from '@/hooks/use-action'
import { pickPhotos } from '@/services/photos'
import { releasePhoto, uploadPhoto } from '@/services/storage'
import { photoCloudPath, randomToken } from '@/services/storage-types'
import { validateInput } from '@/services/validate'
import { useAppStore } from '@/store/app-store'

export interface GoodsDraft {
  id?: string
  name: string
  price: string
  stock: string
  enabled: boolean
  photo: string | null
  photoUrl: string | null
}

export const NEW_GOODS: GoodsDraft = { name: '', price: '', stock: '', enabled: true, photo: null, photoUrl: null }

export function draftOf(item: Goods): GoodsDraft {
  return { id: item.id, name: item.name, price: String(item.price), stock: String(item.stock), enabled: item.enabled, photo: item.photo, photoUrl: item.photoUrl }
}

/** The key of the photo already stored with the goods (not a local file). */
const STORED = 'stored'
/** '' → NaN so the contract answers 请填写…; anything else as typed. */
const numberOf = (text: string) => (text.trim() ? Number(text.trim()) : NaN)

/** Picking, removing and uploading the one photo of a goods item. */
function useGoodsPhoto(draft: GoodsDraft) {
  const { ensurePrivacy } = useAppStore()
  const [photos, setPhotos] = useState<PickerPhoto[]>(draft.photo ? [{ key: STORED, path: draft.photoUrl ?? '', fileID: draft.photo }] : [])
  const [error, setError] = useState<string | null>(null)

  const forget = (photo: PickerPhoto | undefined) => {
    if (photo && photo.key !== STORED) releasePhoto(photo.path)
  }
  const add = async () => {
    setError(null)
    if (!(await ensurePrivacy())) return setError('未同意隐私保护指引，暂不能选照片')
    const res = await pickPhotos(1)
    if (!res.ok) return res.cancelled ? undefined : setError(res.message)
    forget(photos[0])
    setPhotos(res.paths.slice(0, 1).map((path) => ({ key: randomToken(8), path, fileID: null })))
  }
  const remove = () => {
    forget(photos[0])
    setPhotos([])
  }
  /** The fileID to save: uploads a newly picked photo once; null = no photo; a Fail when the upload failed. */
  const upload = async (villageId: string): Promise<{ ok: true; photo: string | null } | { ok: false; message: string }> => {
    const photo = photos[0]
    if (!photo) return { ok: true, photo: null }
    if (photo.fileID) return { ok: true, photo: photo.fileID }
    const res = await uploadPhoto(photo.path, photoCloudPath(`goods-${villageId}-${photo.key}`))
    if (!res.ok) return { ok: false, message: res.message }
    setPhotos([{ ...photo, fileID: res.data }])
    return { ok: true, photo: res.data }
  }
  return { photos, error, add, remove, upload }
}

interface Props {
  villageId: string
  draft: GoodsDraft
  onSaved: () => void
  onCancel: () => void
}

/** 上架或修改商品: name, points, stock, one photo, on/off the shelf. */
export function GoodsEditor({ villageId, draft, onSaved, onCancel }: Props) {
  const [value, setValue] = useState(draft)
  const [fields, setFields] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const saveGoods = useAction('deeds.saveGoods')
  const photo = useGoodsPhoto(draft)

  const inputOf = (fileID: string | null): InputOf<'deeds.saveGoods'> => ({
    ...(value.id ? { id: value.id } : {}),
    villageId,
    name: value.name.trim(),
    price: numberOf(value.price),
    stock: numberOf(value.stock),
    photo: fileID,
    enabled: value.enabled
  })

  const save = async () => {
    setMessage(null)
    const invalid = validateInput('deeds.saveGoods', inputOf(null))
    setFields(invalid?.fields ?? {})
    if (invalid) return setMessage('请按提示修改后再保存')
    setBusy(photo.photos[0]?.fileID === null ? '正在上传照片' : '正在保存')
    const uploaded = await photo.upload(villageId)
    if (!uploaded.ok) {
      setBusy(null)
      return setMessage(uploaded.message)
    }
    setBusy('正在保存')
    const res = await saveGoods.run(inputOf(uploaded.photo))
    setBusy(null)
    if (!res) return
    if (!res.ok) {
      setFields(res.fields ?? {})
      return setMessage(res.message)
    }
    void Taro.showToast({ title: '已保存', icon: 'success' })
    onSaved()
  }

  return (
    <View className='goods-editor'>
      <FormField label='商品名称' error={fields.name}>
        <TextInput className='goods-name' value={value.name} onChange={(name) => setValue({ ...value, name })} maxlength={30} />
      </FormField>
      <FormField label='所需积分' error={fields.price}>
        <TextInput className='goods-price' type='number' value={value.price} onChange={(price) => setValue({ ...value, price })} />
      </FormField>
      <FormField label='库存' error={fields.stock}>
        <TextInput className='goods-stock' type='number' value={value.stock} onChange={(stock) => setValue({ ...value, stock })} />
      </FormField>
      <FormField label='商品照片（可选，1 张）' error={photo.error ?? fields.photo}>
        <PhotoPicker photos={photo.photos} max={1} disabled={busy !== null} onAdd={() => void photo.add()} onRemove={photo.remove} />
      </FormField>
      <View className='wm-row'>
        <Text>上架</Text>
        <Switch checked={value.enabled} onChange={(enabled: boolean) => setValue({ ...value, enabled })} />
      </View>
      {message ? <Text className='wm-error-text goods-message'>{message}</Text> : null}
      <View className='wm-actions'>
        <Button className='goods-save' type='primary' loading={busy !== null} disabled={busy !== null} onClick={() => void save()}>
          {busy ?? '保存'}
        </Button>
        <Button fill='outline' disabled={busy !== null} onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  )
}
