import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@/components/ui'
import { openSpreadsheet } from '@/services/documents'
import './index.scss'

interface Props {
  url: string
  fileName: string
  label: string
  className?: string
}

/** WeChat: download the .xlsx and open it in the document viewer (转发 / 保存 from its menu). */
export function FileLink({ url, label, className }: Props) {
  const [opening, setOpening] = useState(false)
  const open = async () => {
    setOpening(true)
    const res = await openSpreadsheet(url)
    setOpening(false)
    if (!res.ok) void Taro.showToast({ title: res.message, icon: 'none' })
  }
  return (
    <View className={`file-link${className ? ` ${className}` : ''}`}>
      <Button className='ledger-download' type='primary' fill='outline' loading={opening} disabled={opening} onClick={() => void open()}>
        {label}
      </Button>
      <Text className='wm-muted file-link-hint'>打开后点右上角可转发或保存</Text>
    </View>
  )
}

/** WeChat opens the file right after exporting. */
export const OPENS_ON_EXPORT = true
