import { View, Text, Image } from '@tarojs/components'
import './index.scss'

export interface PickerPhoto {
  key: string
  path: string
  fileID: string | null
}

interface Props {
  photos: readonly PickerPhoto[]
  max: number
  disabled?: boolean
  onAdd: () => void
  onRemove: (key: string) => void
  addLabel?: string
  className?: string
}

/** Photos on the phone waiting to be sent: thumbnails, 已上传 marks, remove, and the add tile. */
export function PhotoPicker({ photos, max, disabled, onAdd, onRemove, addLabel = '拍照/选照片', className }: Props) {
  return (
    <View className={`photo-picker${className ? ` ${className}` : ''}`}>
      {photos.map((photo, index) => (
        <View key={photo.key} className='photo-picker-item' data-photo-key={photo.key}>
          {photo.path ? (
            <Image className='photo-picker-image' src={photo.path} mode='aspectFill' aria-label={`第 ${index + 1} 张照片`} />
          ) : (
            <View className='photo-picker-image photo-picker-missing' />
          )}
          {photo.fileID ? <Text className='photo-picker-badge'>已上传</Text> : null}
          {disabled ? null : (
            <View className='photo-picker-remove' role='button' aria-label={`删除第 ${index + 1} 张照片`} onClick={() => onRemove(photo.key)}>
              <Text>删除</Text>
            </View>
          )}
        </View>
      ))}
      {photos.length < max && !disabled ? (
        <View className='photo-picker-add' role='button' onClick={onAdd}>
          <Text className='photo-picker-plus'>＋</Text>
          <Text className='photo-picker-add-label'>{addLabel}</Text>
          <Text className='photo-picker-count'>
            {photos.length}/{max}
          </Text>
        </View>
      ) : null}
    </View>
  )
}
