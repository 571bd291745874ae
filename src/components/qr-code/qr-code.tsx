import { useMemo } from 'react'
import { View } from '@tarojs/components'
import { qrMatrix, qrPath } from '@/services/qr'
import './index.scss'

const MARGIN = 4

/** Browser build: the QR code as an SVG path, sharp at any size. WeChat draws it on a canvas (qr-code.weapp.tsx). */
export function QrCode({ text, className }: { text: string; className?: string }) {
  const matrix = useMemo(() => qrMatrix(text), [text])
  const side = matrix.length + MARGIN * 2
  return (
    <View className={`qr-code${className ? ` ${className}` : ''}`}>
      <svg className='qr-code-svg' viewBox={`0 0 ${side} ${side}`} shapeRendering='crispEdges' role='img' aria-label='签到二维码' data-modules={matrix.length}>
        <rect width={side} height={side} fill='#ffffff' />
        <path d={qrPath(matrix, MARGIN)} fill='#000000' />
      </svg>
    </View>
  )
}
