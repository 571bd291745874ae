import { View, Text } from '@tarojs/components'
import { PRIVACY_VERSION } from '@/contract'

const ITEMS: Array<{ what: string; why: string }> = [
  { what: '姓名、手机号', why: '确认您是本镇居民，问题处理有进展时便于工作人员联系您；志愿服务需要实名。' },
  { what: '位置', why: '随手拍时标出问题发生的地点，方便网格员和责任单位找到现场。只在您拍照上报时使用。' },
  { what: '照片', why: '随手拍、整改前后对比和善行展示需要照片。照片先经过内容安全检查再给他人看到。' }
]

/** 用户隐私保护指引 (summary); the full text is configured in the WeChat admin console. */
export function PrivacyNotice() {
  return (
    <View className='privacy-notice'>
      <Text className='privacy-notice-lead'>“文明创建”小程序由镇创建办运营。为了让您能反映问题、参加志愿服务，我们会在需要时收集以下信息：</Text>
      {ITEMS.map((item) => (
        <View key={item.what} className='privacy-notice-item'>
          <Text className='privacy-notice-what'>{item.what}</Text>
          <Text className='privacy-notice-why'>{item.why}</Text>
        </View>
      ))}
      <View className='privacy-notice-item'>
        <Text className='privacy-notice-what'>谁能看到</Text>
        <Text className='privacy-notice-why'>
          您反映的问题内容会交给负责的村（居）、网格员和责任单位处理；谁反映的问题，只有镇创建办能看到，村里和责任单位看不到您的身份。光荣榜上只展示您同意公开的内容。
        </Text>
      </View>
      <Text className='privacy-notice-foot'>我们不会把您的信息用于其他用途，也不会提供给无关的单位或个人。不同意也可以浏览首页、活动和光荣榜。指引版本：{PRIVACY_VERSION}</Text>
    </View>
  )
}
