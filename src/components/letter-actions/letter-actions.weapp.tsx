import { useState } from 'react'
import { View, Canvas } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Letter } from '@/contract'
import { Button } from '@/components/ui'
import { useAppStore } from '@/store/app-store'
import { drawOnCanvas, type CanvasLike } from '@/services/drawing-kit'
import { layoutLetter, letterDrawing } from '@/services/letter-layout'
import { renderCanvas } from '../canvas-image/canvas-image.weapp'
import './index.scss'

const CANVAS_ID = 'letter-canvas'

const paintLetter = (canvas: CanvasLike, letter: Letter, ratio: number) => {
  drawOnCanvas(canvas, (measure) => letterDrawing(layoutLetter(letter, measure)), ratio)
}

/** Draws the letter on a 2d canvas (at 2×) and returns a temp image path. */
const drawLetter = (letter: Letter): Promise<string> => renderCanvas(CANVAS_ID, paintLetter, letter, 2)

/** WeChat: 保存为图片 — draw the letter on a canvas, save it to the album (or show it to long-press). */
export function LetterActions({ letter }: { letter: Letter }) {
  const { ensurePrivacy } = useAppStore()
  const [saving, setSaving] = useState(false)

  const save = async () => {
    setSaving(true)
    try {
      const path = await drawLetter(letter)
      if (!(await ensurePrivacy())) {
        await Taro.previewImage({ urls: [path] })
        return
      }
      try {
        await Taro.saveImageToPhotosAlbum({ filePath: path })
        void Taro.showToast({ title: '已保存到相册', icon: 'success' })
      } catch {
        // No album permission: show the image; a long press saves or forwards it.
        await Taro.previewImage({ urls: [path] })
      }
    } catch (err) {
      console.warn('[letter] draw failed', err)
      void Taro.showToast({ title: '生成图片没有成功，请稍后再试', icon: 'none' })
    } finally {
      setSaving(false)
    }
  }

  return (
    <View className='letter-actions'>
      <Button className='letter-save-image' type='primary' block loading={saving} disabled={saving} onClick={() => void save()}>
        保存为图片
      </Button>
      <Canvas type='2d' id={CANVAS_ID} className='letter-canvas' />
    </View>
  )
}
