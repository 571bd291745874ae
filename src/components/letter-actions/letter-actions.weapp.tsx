import { useState } from 'react'
import { View, Canvas } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Letter } from '@/contract'
import { Button } from '@/components/ui'
import { useAppStore } from '@/store/app-store'
import { PALETTE } from '@/services/drawing-kit'
import { layoutLetter } from '@/services/letter-layout'
import './index.scss'

const CANVAS_ID = 'letter-canvas'

interface CanvasNode {
  width: number
  height: number
  getContext: (type: '2d') => CanvasRenderingContext2D
}

function canvasNode(): Promise<CanvasNode> {
  return new Promise((resolve, reject) => {
    Taro.createSelectorQuery()
      .select(`#${CANVAS_ID}`)
      .fields({ node: true, size: true })
      .exec((res: Array<{ node?: CanvasNode } | null>) => {
        const node = res?.[0]?.node
        if (node) resolve(node)
        else reject(new Error('canvas node not found'))
      })
  })
}

/** Draws the letter on a 2d canvas and returns a temp image path. */
async function drawLetter(letter: Letter): Promise<string> {
  const node = await canvasNode()
  const ctx = node.getContext('2d')
  const measure = (text: string, font: string) => {
    ctx.font = font
    return ctx.measureText(text).width
  }
  const layout = layoutLetter(letter, measure)
  const ratio = 2
  node.width = layout.width * ratio
  node.height = layout.height * ratio
  ctx.scale(ratio, ratio)
  ctx.fillStyle = PALETTE.white
  ctx.fillRect(0, 0, layout.width, layout.height)
  for (const rule of layout.rules) {
    ctx.strokeStyle = rule.color
    ctx.lineWidth = rule.width
    ctx.beginPath()
    ctx.moveTo(rule.x1, rule.y)
    ctx.lineTo(rule.x2, rule.y)
    ctx.stroke()
  }
  for (const op of layout.texts) {
    ctx.font = op.font
    ctx.fillStyle = op.color
    ctx.textAlign = op.align
    ctx.fillText(op.text, op.x, op.y)
  }
  const res = await Taro.canvasToTempFilePath({ canvas: node as unknown as Taro.Canvas, fileType: 'png' } as Taro.canvasToTempFilePath.Option)
  return res.tempFilePath
}

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
