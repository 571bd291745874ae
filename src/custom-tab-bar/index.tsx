import { useCallback, useEffect, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { onLargeFontChange, readCachedLargeFont } from '@/services/prefs'
import './index.scss'

/** The tabs of app.config's tabBar (a page test keeps the two the same). */
export const TAB_ITEMS = [
  { pagePath: 'pages/home/index', text: '首页', icon: 'home' },
  { pagePath: 'pages/report/index', text: '随手拍', icon: 'report' },
  { pagePath: 'pages/activities/index', text: '志愿', icon: 'activities' },
  { pagePath: 'pages/honour/index', text: '光荣榜', icon: 'honour' },
  { pagePath: 'pages/me/index', text: '我的', icon: 'me' }
] as const

/** The icons app.config copies into the package (scripts/tabbar-icons.ts draws them). */
const iconOf = (icon: string, selected: boolean) => `/assets/tabbar/${icon}${selected ? '-active' : ''}.png`

function currentTab(): number {
  try {
    const pages = Taro.getCurrentPages()
    const route = pages[pages.length - 1]?.route ?? ''
    return TAB_ITEMS.findIndex((tab) => route.replace(/^\//, '') === tab.pagePath)
  } catch {
    return -1
  }
}

/**
 * The weapp's tab bar (app.config `tabBar.custom`): the native one cannot grow its labels for
 * 长辈模式, this one does. Each tab page has its own instance; it finds its tab from the page stack
 * when it attaches (and when the page shows). 长辈模式 comes from the cached preference (the store writes it on every change).
 */
export default function CustomTabBar() {
  const [selected, setSelected] = useState(-1)
  const [large, setLarge] = useState(readCachedLargeFont)
  useEffect(() => {
    // The first tab page's bar can attach before its page is on the stack: look again shortly after.
    const pick = () => setSelected(currentTab())
    pick()
    const timers = [setTimeout(pick, 0), setTimeout(pick, 300)]
    return () => timers.forEach(clearTimeout)
  }, [])
  useEffect(() => onLargeFontChange(setLarge), [])
  useDidShow(() => {
    setSelected(currentTab())
    setLarge(readCachedLargeFont())
  })
  const open = useCallback((index: number) => {
    setSelected(index)
    void Taro.switchTab({ url: `/${TAB_ITEMS[index].pagePath}` })
  }, [])
  return (
    <View className={`wm-tabbar${large ? ' wm-tabbar--elder' : ''}`}>
      {TAB_ITEMS.map((tab, index) => {
        const on = index === selected
        return (
          <View key={tab.pagePath} className={`wm-tabbar-item${on ? ' wm-tabbar-item--on' : ''}`} aria-selected={on} onClick={() => open(index)}>
            <Image className='wm-tabbar-icon' src={iconOf(tab.icon, on)} mode='aspectFit' />
            <Text className='wm-tabbar-label'>{tab.text}</Text>
          </View>
        )
      })}
    </View>
  )
}
