import { View, Text } from '@tarojs/components'
import { PageShell } from '@/components/page-shell'
import './index.scss'

interface Props {
  name: string
  title: string
  description: string
}

/** Honest placeholder for a tab that is not built yet. */
export function ComingSoon({ name, title, description }: Props) {
  return (
    <PageShell name={name}>
      <View className='coming-soon'>
        <Text className='coming-soon-title'>{title}</Text>
        <Text className='coming-soon-badge'>即将上线</Text>
        <Text className='coming-soon-text'>{description}</Text>
      </View>
    </PageShell>
  )
}
