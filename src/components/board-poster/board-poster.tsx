import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import type { HonourBoardDetail } from '@/contract'
import { Skeleton } from '@/components/state-view'
import { drawBoardPoster } from '@/services/board-poster'
import './index.scss'

export const POSTER_FAILED = '生成海报没有成功，请稍后再试'

/** Browser build: the poster drawn on an HTML canvas, shown as an <img> with 保存图片. See board-poster.weapp.tsx. */
export function BoardPoster({ board }: { board: HonourBoardDetail }) {
  const [src, setSrc] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    try {
      const canvas = document.createElement('canvas')
      drawBoardPoster(canvas, board, 2)
      setSrc(canvas.toDataURL('image/png'))
      setError(null)
    } catch (err) {
      console.warn('[poster] draw failed', err)
      setError(POSTER_FAILED)
    }
  }, [board])

  if (error) return <Text className='wm-error-text board-poster-error'>{error}</Text>
  if (!src) return <Skeleton rows={6} />
  return (
    <View className='board-poster'>
      <img className='board-poster-image' src={src} alt={`${board.title} 海报`} />
      <View className='board-poster-actions'>
        <a className='board-poster-save board-poster-save-link' href={src} download={`${board.title}-${board.periodLabel}.png`}>
          保存图片
        </a>
      </View>
    </View>
  )
}
