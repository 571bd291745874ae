/** WeChat scans with Taro.scanCode (src/services/scan.weapp.ts): no camera view of our own, no decoder in the package. */
export const CAMERA_SCAN = false

export function CameraScan(_props: { onCode: (code: string) => void; onClose: () => void; hint: string }): null {
  return null
}
