import { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { PageShell } from '@/components/page-shell'
import { Button } from '@/components/ui'
import { canGoBack, goBack, goHome } from '@/services/not-found'
import './index.scss'

/** 404: an unknown route (a mistyped or stale link) lands here instead of on a blank page. */
export default function NotFoundPage() {
  const { params } = useRouter()
  const from = params.from ? safeDecode(params.from) : ''
  const back = canGoBack()
  return (
    <PageShell name='not-found'>
      <View className='not-found'>
        <Text className='not-found-code'>404</Text>
        <Text className='not-found-title'>没有这个页面</Text>
        <Text className='not-found-text'>链接可能有误，或者这个页面已经下线。</Text>
        {from ? <Text className='not-found-path wm-muted'>{from}</Text> : null}
        <View className='not-found-actions'>
          <Button className='not-found-home' type='primary' block onClick={goHome}>
            返回首页
          </Button>
          {back ? (
            <Button className='not-found-back' fill='outline' block onClick={goBack}>
              返回上一页
            </Button>
          ) : null}
        </View>
      </View>
    </PageShell>
  )
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
