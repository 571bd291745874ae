import type { PropsWithChildren, ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import './index.scss'

interface Props {
  title?: string
  extra?: ReactNode
  className?: string
}

export function SectionCard({ title, extra, className, children }: PropsWithChildren<Props>) {
  return (
    <View className={`section-card${className ? ` ${className}` : ''}`}>
      {title || extra ? (
        <View className='section-card-head'>
          {title ? <Text className='section-card-title'>{title}</Text> : <View />}
          {extra}
        </View>
      ) : null}
      {children}
    </View>
  )
}
