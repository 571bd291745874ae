import type { CanvasLike } from '@/services/drawing-kit'

/**
 * A picture drawn by a pure drawing module on a 2D canvas and shown as an image the person can save
 * or share. Class names are `${prefix}-image`, `-actions`, `-save`, `-share`, `-error`, `-canvas`;
 * the root gets `rootClass`. The look is shared (`canvas-image*` classes, ./index.scss).
 */
export interface CanvasImageProps<T> {
  data: T
  /** Module-level drawing function (kept stable so the picture is drawn once per `data`). */
  draw: (canvas: CanvasLike, data: T, ratio: number) => void
  prefix: string
  rootClass: string
  /** Shown when drawing fails. */
  failedText: string
  /** H5: the <img> alt text and the download file name. */
  alt: string
  fileName: string
}
