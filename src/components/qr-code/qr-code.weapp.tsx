import { useEffect } from 'react'
import { View, Canvas } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { paintQr, qrMatrix, type QrContext } from '@/services/qr'
import './index.scss'

const CANVAS_ID = 'checkin-qr-canvas'

interface CanvasNode {
  width: number
  height: number
  getContext: (type: '2d') => QrContext
}

/** WeChat: the QR code on a canvas (type="2d"), painted in whole device pixels so the modules stay sharp. */
export function QrCode({ text, className }: { text: string; className?: string }) {
  useEffect(() => {
    const timer = setTimeout(() => {
      Taro.createSelectorQuery()
        .select(`#${CANVAS_ID}`)
        .fields({ node: true, size: true })
        .exec((res: Array<{ node?: CanvasNode; width?: number } | null>) => {
          const found = res?.[0]
          if (!found?.node) return
          const ratio = Taro.getSystemInfoSync().pixelRatio || 2
          const size = Math.floor((found.width || 280) * ratio)
          found.node.width = size
          found.node.height = size
          paintQr(found.node.getContext('2d'), qrMatrix(text), size)
        })
    }, 30)
    return () => clearTimeout(timer)
  }, [text])
  return (
    <View className={`qr-code${className ? ` ${className}` : ''}`}>
      <Canvas type='2d' id={CANVAS_ID} className='qr-code-canvas' />
    </View>
  )
}
