import { useEffect, useState } from 'react'
import { View, Text, Canvas, Image } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { useAppStore } from '@/store/app-store'
import type { CanvasLike } from '@/services/drawing-kit'
import type { CanvasImageProps } from './types'
import './index.scss'

export type { CanvasImageProps } from './types'

type CanvasNode = CanvasLike & { getContext: (type: '2d') => unknown }

function canvasNode(canvasId: string): Promise<CanvasNode> {
  return new Promise((resolve, reject) => {
    Taro.createSelectorQuery()
      .select(`#${canvasId}`)
      .fields({ node: true, size: true })
      .exec((res: Array<{ node?: CanvasNode } | null>) => {
        const node = res?.[0]?.node
        if (node) resolve(node)
        else reject(new Error('canvas node not found'))
      })
  })
}

/** Draws on the page's canvas (type="2d") and exports a temp PNG; by default as sharp as the screen (2–3×). */
export async function renderCanvas<T>(canvasId: string, draw: CanvasImageProps<T>['draw'], data: T, pixelRatio?: number): Promise<string> {
  const node = await canvasNode(canvasId)
  const ratio = pixelRatio ?? Math.min(3, Math.max(2, Taro.getSystemInfoSync().pixelRatio || 2))
  draw(node, data, ratio)
  const res = await Taro.canvasToTempFilePath({ canvas: node as unknown as Taro.Canvas, fileType: 'png' } as Taro.canvasToTempFilePath.Option)
  return res.tempFilePath
}

/** WeChat: the picture as an image, 保存到相册 (after the privacy consent) and 分享. */
export function CanvasImage<T>({ data, draw, prefix, rootClass, failedText }: CanvasImageProps<T>) {
  const canvasId = `${prefix}-canvas`
  const { ensurePrivacy } = useAppStore()
  const [path, setPath] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)

  useEffect(() => {
    let live = true
    // The canvas node exists after the first render has reached the page.
    const timer = setTimeout(() => {
      renderCanvas(canvasId, draw, data)
        .then((file) => live && setPath(file))
        .catch((err) => {
          console.warn(`[${prefix}] draw failed`, err)
          if (live) setError(failedText)
        })
    }, 60)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [canvasId, data, draw, prefix, failedText])

  const preview = (file: string) => void Taro.previewImage({ urls: [file], current: file })

  const save = async () => {
    if (!path) return
    setSaving(true)
    try {
      if (!(await ensurePrivacy())) {
        void Taro.showToast({ title: '未同意隐私保护指引，可长按图片保存', icon: 'none' })
        preview(path)
        return
      }
      await Taro.saveImageToPhotosAlbum({ filePath: path })
      void Taro.showToast({ title: '已保存到相册', icon: 'success' })
    } catch {
      // No album permission: the preview's long-press menu saves or forwards it.
      void Taro.showToast({ title: '没有相册权限，可长按图片保存', icon: 'none' })
      preview(path)
    } finally {
      setSaving(false)
    }
  }

  const share = async () => {
    if (!path) return
    try {
      await Taro.showShareImageMenu({ path })
    } catch {
      preview(path)
    }
  }

  return (
    <View className={`canvas-image ${rootClass}`}>
      {path ? <Image className={`canvas-image-img ${prefix}-image`} src={path} mode='widthFix' showMenuByLongpress onClick={() => preview(path)} /> : error ? null : <Skeleton rows={6} />}
      {error ? <Text className={`wm-error-text ${prefix}-error`}>{error}</Text> : null}
      {path ? (
        <View className={`canvas-image-actions ${prefix}-actions`}>
          <Button className={`${prefix}-save`} type='primary' loading={saving} disabled={saving} onClick={() => void save()}>
            保存到相册
          </Button>
          <Button className={`${prefix}-share`} fill='outline' onClick={() => void share()}>
            分享
          </Button>
        </View>
      ) : null}
      <Canvas type='2d' id={canvasId} className={`canvas-image-canvas ${canvasId}`} />
    </View>
  )
}
