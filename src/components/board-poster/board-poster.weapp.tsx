import { useEffect, useState } from 'react'
import { View, Text, Canvas, Image } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { HonourBoardDetail } from '@/contract'
import { Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { useAppStore } from '@/store/app-store'
import { drawBoardPoster } from '@/services/board-poster'
import type { CanvasLike } from '@/services/certificate-drawing'
import './index.scss'

export const POSTER_FAILED = '生成海报没有成功，请稍后再试'

const CANVAS_ID = 'board-poster-canvas'

function canvasNode(): Promise<CanvasLike> {
  return new Promise((resolve, reject) => {
    Taro.createSelectorQuery()
      .select(`#${CANVAS_ID}`)
      .fields({ node: true, size: true })
      .exec((res: Array<{ node?: CanvasLike } | null>) => {
        const node = res?.[0]?.node
        if (node) resolve(node)
        else reject(new Error('canvas node not found'))
      })
  })
}

async function render(board: HonourBoardDetail): Promise<string> {
  const node = await canvasNode()
  const ratio = Math.min(3, Math.max(2, Taro.getSystemInfoSync().pixelRatio || 2))
  drawBoardPoster(node, board, ratio)
  const res = await Taro.canvasToTempFilePath({ canvas: node as unknown as Taro.Canvas, fileType: 'png' } as Taro.canvasToTempFilePath.Option)
  return res.tempFilePath
}

/** WeChat: the poster as an image, 保存到相册 (after the privacy consent) and 分享. */
export function BoardPoster({ board }: { board: HonourBoardDetail }) {
  const { ensurePrivacy } = useAppStore()
  const [path, setPath] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)

  useEffect(() => {
    let live = true
    const timer = setTimeout(() => {
      render(board)
        .then((file) => live && setPath(file))
        .catch((err) => {
          console.warn('[poster] draw failed', err)
          if (live) setError(POSTER_FAILED)
        })
    }, 60)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [board])

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
    <View className='board-poster'>
      {path ? <Image className='board-poster-image' src={path} mode='widthFix' showMenuByLongpress onClick={() => preview(path)} /> : error ? null : <Skeleton rows={6} />}
      {error ? <Text className='wm-error-text board-poster-error'>{error}</Text> : null}
      {path ? (
        <View className='board-poster-actions'>
          <Button className='board-poster-save' type='primary' loading={saving} disabled={saving} onClick={() => void save()}>
            保存到相册
          </Button>
          <Button className='board-poster-share' fill='outline' onClick={() => void share()}>
            分享
          </Button>
        </View>
      ) : null}
      <Canvas type='2d' id={CANVAS_ID} className='board-poster-canvas' />
    </View>
  )
}
