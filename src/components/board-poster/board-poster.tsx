import type { HonourBoardDetail } from '@/contract'
import { drawBoardPoster } from '@/services/board-poster'
import { CanvasImage } from '../canvas-image/canvas-image'

export const POSTER_FAILED = '生成海报没有成功，请稍后再试'

/** A 光荣榜 board as a poster to save, print or share (canvas-image picks the weapp or browser rendering). */
export function BoardPoster({ board }: { board: HonourBoardDetail }) {
  return (
    <CanvasImage
      data={board}
      draw={drawBoardPoster}
      prefix='board-poster'
      rootClass='board-poster'
      failedText={POSTER_FAILED}
      alt={`${board.title} 海报`}
      fileName={`${board.title}-${board.periodLabel}.png`}
    />
  )
}
