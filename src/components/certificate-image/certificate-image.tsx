import type { Certificate } from '@/contract'
import { drawCertificate } from '@/services/certificate-drawing'
import { CanvasImage } from '../canvas-image/canvas-image'

export const DRAW_FAILED = '生成证明图片没有成功，请稍后再试'

/** The 志愿服务证明 as a picture to save or share (canvas-image picks the weapp or browser rendering). */
export function CertificateImage({ certificate }: { certificate: Certificate }) {
  return (
    <CanvasImage
      data={certificate}
      draw={drawCertificate}
      prefix='certificate'
      rootClass='certificate-image-box'
      failedText={DRAW_FAILED}
      alt={`志愿服务证明 ${certificate.no}`}
      fileName={`志愿服务证明-${certificate.no}.png`}
    />
  )
}
