/**
 * The QR decoder of the browser build (jsQR, pure JavaScript), loaded on first use: the page that
 * never opens the camera never downloads it, and the WeChat build never bundles it (WeChat scans
 * with Taro.scanCode). Also used to read a QR code from a still image (tests).
 */
export type QrDecoder = (data: Uint8ClampedArray, width: number, height: number) => string | null

let loading: Promise<QrDecoder> | null = null

export function loadQrDecoder(): Promise<QrDecoder> {
  loading ??= import('jsqr').then(({ default: jsQR }) => (data: Uint8ClampedArray, width: number, height: number) => {
    const found = jsQR(data, width, height, { inversionAttempts: 'dontInvert' })
    return found?.data ? found.data : null
  })
  // a failed download may succeed on the next try
  loading.catch(() => {
    loading = null
  })
  return loading
}
