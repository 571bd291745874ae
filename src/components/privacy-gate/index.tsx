import { View, Text, Button as TaroButton, ScrollView } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useAppStore } from '@/store/app-store'
import { AGREE_BUTTON_ID, AGREE_OPEN_TYPE } from '@/services/privacy'
import { PrivacyNotice } from './privacy-notice'
import './index.scss'

export const REFUSAL_MESSAGE = '您未同意隐私保护指引，随手拍、定位和上传照片暂不能使用；浏览不受影响。可随时在“我的”页重新查看并同意。'

/** The privacy notice as a sheet over the page: shown on first launch, on WeChat's request, or from 我的. */
export function PrivacyGate() {
  const { privacy, acceptPrivacy, refusePrivacy } = useAppStore()
  if (!privacy.open) return null

  const onRefuse = () => {
    refusePrivacy()
    void Taro.showToast({ title: '您未同意隐私保护指引', icon: 'none', duration: 2500 })
  }

  return (
    <View className='privacy-gate' catchMove>
      <View className='privacy-gate-sheet' role='dialog' aria-label='用户隐私保护指引'>
        <Text className='privacy-gate-title'>用户隐私保护指引</Text>
        <ScrollView scrollY className='privacy-gate-body'>
          <PrivacyNotice />
        </ScrollView>
        {privacy.error ? <Text className='wm-error-text privacy-gate-error'>{privacy.error}</Text> : null}
        <View className='privacy-gate-actions'>
          <TaroButton className='privacy-refuse' disabled={privacy.saving} onClick={onRefuse}>
            不同意
          </TaroButton>
          <TaroButton id={AGREE_BUTTON_ID} className='privacy-agree' openType={AGREE_OPEN_TYPE} disabled={privacy.saving} loading={privacy.saving} onClick={() => void acceptPrivacy()}>
            同意并继续
          </TaroButton>
        </View>
      </View>
    </View>
  )
}
