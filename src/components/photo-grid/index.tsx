import { View, Text, Image } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Photo } from '@/contract'
import './index.scss'

interface Props {
  photos: readonly Photo[]
  className?: string
  /** Shown when there are no photos at all; nothing when omitted. */
  emptyText?: string
}

/** Photos from the server (temporary URLs); a placeholder where the viewer gets no URL. Tap to enlarge. */
export function PhotoGrid({ photos, className, emptyText }: Props) {
  if (!photos.length) return emptyText ? <Text className='wm-muted photo-grid-empty'>{emptyText}</Text> : null
  const urls = photos.map((photo) => photo.url).filter((url): url is string => Boolean(url))
  return (
    <View className={`photo-grid${className ? ` ${className}` : ''}`}>
      {photos.map((photo, index) =>
        photo.url ? (
          <Image
            key={`${photo.fileID}-${index}`}
            className='photo-grid-item'
            src={photo.url}
            mode='aspectFill'
            lazyLoad
            aria-label={`照片 ${index + 1}`}
            onClick={() => void Taro.previewImage({ urls, current: photo.url as string }).catch(() => undefined)}
          />
        ) : (
          <View key={`${photo.fileID}-${index}`} className='photo-grid-item photo-placeholder'>
            <Text className='photo-placeholder-text'>图片暂不可见</Text>
          </View>
        )
      )}
    </View>
  )
}
