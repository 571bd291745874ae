import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import { Skeleton } from '@/components/state-view'
import type { CanvasImageProps } from './types'
import './index.scss'

export type { CanvasImageProps } from './types'

/** Browser build: drawn on an HTML canvas (the same drawing code as WeChat), shown as an <img> of its data URL with a 保存图片 link. */
export function CanvasImage<T>({ data, draw, prefix, rootClass, failedText, alt, fileName }: CanvasImageProps<T>) {
  const [src, setSrc] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    try {
      const canvas = document.createElement('canvas')
      draw(canvas, data, 2)
      setSrc(canvas.toDataURL('image/png'))
      setError(null)
    } catch (err) {
      console.warn(`[${prefix}] draw failed`, err)
      setError(failedText)
    }
  }, [data, draw, prefix, failedText])

  if (error) return <Text className={`wm-error-text ${prefix}-error`}>{error}</Text>
  if (!src) return <Skeleton rows={6} />
  return (
    <View className={`canvas-image ${rootClass}`}>
      <img className={`canvas-image-img ${prefix}-image`} src={src} alt={alt} />
      <View className={`canvas-image-actions ${prefix}-actions`}>
        <a className={`canvas-image-save-link ${prefix}-save ${prefix}-save-link`} href={src} download={fileName}>
          保存图片
        </a>
      </View>
    </View>
  )
}
