import { View, Text } from '@tarojs/components'
import './index.scss'

interface Props {
  url: string
  fileName: string
  label: string
  className?: string
}

/** Browser build: a real download link (the browser saves the .xlsx). See file-link.weapp.tsx. */
export function FileLink({ url, fileName, label, className }: Props) {
  return (
    <View className={`file-link${className ? ` ${className}` : ''}`}>
      <a className='file-link-anchor ledger-download' href={url} download={fileName} target='_blank' rel='noreferrer'>
        {label}
      </a>
      <Text className='wm-muted file-link-hint'>链接有效期有限，过期请重新导出</Text>
    </View>
  )
}

/** Browser build: the link itself does the work. */
export const OPENS_ON_EXPORT = false
