import { useEffect, type PropsWithChildren } from 'react'
import { View } from '@tarojs/components'
import { useAppStore } from '@/store/app-store'
import { PrivacyGate } from '@/components/privacy-gate'
import { decorateChrome } from '@/services/h5-chrome'
import './index.scss'

interface Props {
  /** Stable page marker: the root gets the class `page-<name>`. */
  name: string
}

/** Root of every page: page marker class, 长辈模式 class, and the privacy notice when it is due. */
export function PageShell({ name, children }: PropsWithChildren<Props>) {
  const { largeFont } = useAppStore()
  // H5: the navigation bar and tab bar outside the page follow 长辈模式 too (no-op in the weapp).
  useEffect(() => decorateChrome(largeFont), [largeFont])
  return (
    <View className={`wm-page page-${name}${largeFont ? ' elder-mode' : ''}`}>
      {children}
      <PrivacyGate />
    </View>
  )
}
