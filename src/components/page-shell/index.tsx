import type { PropsWithChildren } from 'react'
import { View } from '@tarojs/components'
import { useAppStore } from '@/store/app-store'
import { PrivacyGate } from '@/components/privacy-gate'
import './index.scss'

interface Props {
  /** Stable page marker: the root gets the class `page-<name>`. */
  name: string
}

/** Root of every page: page marker class, 长辈模式 class, and the privacy notice when it is due. */
export function PageShell({ name, children }: PropsWithChildren<Props>) {
  const { largeFont } = useAppStore()
  return (
    <View className={`wm-page page-${name}${largeFont ? ' elder-mode' : ''}`}>
      {children}
      <PrivacyGate />
    </View>
  )
}
