import { useEffect, useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@/components/ui'
import { loadQrDecoder, type QrDecoder } from './decode'
import './index.scss'

/** The browser build reads QR codes with the phone's camera (WeChat: camera-scan.weapp.tsx). */
export const CAMERA_SCAN = true

export interface CameraScanProps {
  /** The text of the first QR code read; the camera is off by then. */
  onCode: (code: string) => void
  onClose: () => void
  /** What to aim at, e.g. 请对准组织者手机上的签到二维码. */
  hint: string
  /** What to do without a camera, e.g. 请改为输入 6 位数字签到码. */
  fallback?: string
}

/** Frames are read a few times a second: enough to feel instant, little work for a phone. */
const FRAME_MS = 150
const MAX_SIDE = 640

/** Why there is no camera, in Chinese, with what to do instead. */
export function cameraProblem(err: unknown, fallback: string): string {
  const name = String((err as { name?: unknown } | null)?.name ?? '')
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') {
    return `没有获得摄像头权限。请在浏览器设置中允许本网页使用摄像头后再扫码，${fallback}`
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') return `没有找到可用的摄像头，${fallback}`
  if (name === 'NotReadableError' || name === 'TrackStartError') return `摄像头正被其他应用占用，请关闭其他应用后再试，${fallback}`
  return `没能打开摄像头，${fallback}`
}

function noCameraApi(fallback: string): string | null {
  if (typeof window !== 'undefined' && window.isSecureContext === false) return `通过 http 打开的网页不能使用摄像头（需要 https），${fallback}`
  const media = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined
  return typeof media?.getUserMedia === 'function' ? null : `这个浏览器不能用摄像头扫码，${fallback}`
}

/** One frame of the video, scaled down, as the decoder reads it. */
function readFrame(video: HTMLVideoElement, canvas: HTMLCanvasElement, decode: QrDecoder): string | null {
  const { videoWidth: w, videoHeight: h } = video
  if (!w || !h) return null
  const scale = Math.min(1, MAX_SIDE / Math.max(w, h))
  canvas.width = Math.round(w * scale)
  canvas.height = Math.round(h * scale)
  const g = canvas.getContext('2d', { willReadFrequently: true })
  if (!g) return null
  g.drawImage(video, 0, 0, canvas.width, canvas.height)
  return decode(g.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height)
}

/**
 * The camera view: the rear camera's video, read frame by frame until a QR code is found. A refused
 * permission, a missing camera or an old browser are said in Chinese, with the typed code as the way
 * on. The camera is released when a code is read, on 关闭 and when the view goes away.
 */
export function CameraScan({ onCode, onClose, hint, fallback = '请改为手动输入签到码' }: CameraScanProps) {
  const box = useRef<HTMLDivElement | null>(null)
  const [error, setError] = useState<string | null>(() => noCameraApi(fallback))
  const [ready, setReady] = useState(false)
  const latest = useRef(onCode)
  latest.current = onCode

  useEffect(() => {
    if (noCameraApi(fallback)) return undefined
    let stream: MediaStream | null = null
    let timer: ReturnType<typeof setTimeout> | null = null
    let live = true
    const video = document.createElement('video')
    video.className = 'camera-scan-video'
    video.muted = true
    video.setAttribute('playsinline', 'true')
    video.setAttribute('aria-label', '摄像头画面')
    const canvas = document.createElement('canvas')
    const stop = () => {
      live = false
      if (timer) clearTimeout(timer)
      stream?.getTracks().forEach((t) => t.stop())
      video.srcObject = null
      video.remove()
    }
    const loop = (decode: QrDecoder) => {
      if (!live) return
      const code = readFrame(video, canvas, decode)
      if (code) {
        stop()
        latest.current(code.trim())
        return
      }
      timer = setTimeout(() => loop(decode), FRAME_MS)
    }
    const start = async () => {
      try {
        const [s, decode] = await Promise.all([navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }), loadQrDecoder()])
        stream = s
        if (!live) return stop()
        video.srcObject = s
        box.current?.appendChild(video)
        await video.play()
        setReady(true)
        loop(decode)
      } catch (err) {
        if (!live) return
        stop()
        setError(cameraProblem(err, fallback))
      }
    }
    void start()
    return stop
  }, [fallback])

  return (
    <View className='camera-scan'>
      {error ? (
        <Text className='wm-error-text camera-scan-error'>{error}</Text>
      ) : (
        <>
          <View className='camera-scan-frame'>
            <div className='camera-scan-video-box' ref={box} />
            {ready ? null : <Text className='camera-scan-wait'>正在打开摄像头…</Text>}
          </View>
          <Text className='wm-muted camera-scan-hint'>{hint}</Text>
        </>
      )}
      <Button className='camera-scan-close' size='small' fill='outline' onClick={onClose}>
        {error ? '知道了' : '关闭摄像头'}
      </Button>
    </View>
  )
}
