import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import type { Certificate } from '@/contract'
import { Skeleton } from '@/components/state-view'
import { drawCertificate } from '@/services/certificate-drawing'
import './index.scss'

export const DRAW_FAILED = '生成证明图片没有成功，请稍后再试'

/**
 * Browser build: the certificate drawn on an HTML canvas (the same drawing code as WeChat), shown
 * as an <img> of its data URL with a 保存图片 link. See certificate-image.weapp.tsx.
 */
export function CertificateImage({ certificate }: { certificate: Certificate }) {
  const [src, setSrc] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    try {
      const canvas = document.createElement('canvas')
      drawCertificate(canvas, certificate, 2)
      setSrc(canvas.toDataURL('image/png'))
      setError(null)
    } catch (err) {
      console.warn('[certificate] draw failed', err)
      setError(DRAW_FAILED)
    }
  }, [certificate])

  if (error) return <Text className='wm-error-text certificate-error'>{error}</Text>
  if (!src) return <Skeleton rows={6} />
  return (
    <View className='certificate-image-box'>
      <img className='certificate-image' src={src} alt={`志愿服务证明 ${certificate.no}`} />
      <View className='certificate-actions'>
        <a className='certificate-save certificate-save-link' href={src} download={`志愿服务证明-${certificate.no}.png`}>
          保存图片
        </a>
      </View>
    </View>
  )
}
