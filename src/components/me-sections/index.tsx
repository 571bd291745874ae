import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import { PRIVACY_VERSION, type MyProfile, type OrgOverview } from '@/contract'
import { SectionCard } from '@/components/section-card'
import { ProfileForm } from '@/components/profile-form'
import { REFUSAL_MESSAGE } from '@/components/privacy-gate'
import { Button, Switch } from '@/components/ui'
import { useAppStore } from '@/store/app-store'
import type { Remote } from '@/hooks/use-remote'
import { maskPhone } from '@/services/org-names'
import './index.scss'

dayjs.locale('zh-cn')

function placeOf(profile: MyProfile): string {
  if (!profile.villageName) return '未选择'
  return profile.gridName ? `${profile.villageName} · ${profile.gridName}` : profile.villageName
}

/** Name, phone (masked until I ask), village and grid, and the edit form. */
export function WhoAmI({ profile, org }: { profile: MyProfile; org: Remote<OrgOverview> }) {
  const { setProfile } = useAppStore()
  const [editing, setEditing] = useState(false)
  const [showPhone, setShowPhone] = useState(false)
  const phone = profile.phone ? (showPhone ? profile.phone : maskPhone(profile.phone)) : '未填写手机号'

  return (
    <SectionCard className='me-card'>
      <Text className='me-name'>{profile.name || '未填写姓名'}</Text>
      <View className='wm-row'>
        <Text className='me-phone'>{phone}</Text>
        {profile.phone ? (
          <Text className='wm-link me-phone-toggle' onClick={() => setShowPhone(!showPhone)}>
            {showPhone ? '隐藏' : '显示完整号码'}
          </Text>
        ) : null}
      </View>
      <View className='wm-row'>
        <Text className='me-place'>所在村（居）：{placeOf(profile)}</Text>
      </View>
      {editing ? (
        <ProfileForm
          profile={profile}
          org={org.data}
          orgError={org.error}
          onRetryOrg={() => void org.reload()}
          onCancel={() => setEditing(false)}
          onSaved={(saved) => {
            setProfile(saved)
            setEditing(false)
            void Taro.showToast({ title: '已保存', icon: 'success' })
          }}
        />
      ) : (
        <Button className='me-edit' fill='outline' onClick={() => setEditing(true)}>
          编辑资料
        </Button>
      )}
    </SectionCard>
  )
}

/** 长辈模式: applies at once app-wide, saved to the profile, reverted with the message if saving fails. */
export function ElderMode() {
  const { largeFont, setLargeFont } = useAppStore()
  const [saving, setSaving] = useState(false)

  const toggle = async (on: boolean) => {
    setSaving(true)
    const res = await setLargeFont(on)
    setSaving(false)
    if (!res.ok) void Taro.showToast({ title: res.message, icon: 'none' })
  }

  return (
    <SectionCard title='长辈模式' className='me-elder'>
      <View className='wm-row'>
        <Text className='wm-muted'>字更大、按钮更大，看得清、点得准</Text>
        <Switch className='elder-switch' checked={largeFont} disabled={saving} ariaLabel='长辈模式' onChange={(on) => toggle(on)} />
      </View>
      <Text className='me-elder-state'>{largeFont ? '长辈模式已开启' : '长辈模式已关闭'}</Text>
    </SectionCard>
  )
}

/** Consent state, the refusal message, and the way back to the notice. */
export function PrivacyStatus({ profile }: { profile: MyProfile }) {
  const { needsConsent, privacy, openPrivacy } = useAppStore()
  const acceptedOn = profile.privacyAcceptedAt ? `，${dayjs(profile.privacyAcceptedAt).format('YYYY年M月D日')}` : ''
  return (
    <SectionCard title='隐私保护' className='me-privacy'>
      <Text className='me-privacy-state'>
        {needsConsent ? '您还没有同意用户隐私保护指引' : `已同意（版本 ${profile.privacyVersion ?? PRIVACY_VERSION}${acceptedOn}）`}
      </Text>
      {privacy.refused ? <Text className='wm-error-text me-privacy-refused'>{REFUSAL_MESSAGE}</Text> : null}
      <View className='wm-actions'>
        <Button className='me-privacy-open' fill='outline' onClick={openPrivacy}>
          {needsConsent ? '查看并同意隐私保护指引' : '查看隐私保护指引'}
        </Button>
      </View>
    </SectionCard>
  )
}

/** Entry to the admin subpackage (village admins and the town office only). */
export function AdminEntries() {
  const open = (url: string) => void Taro.navigateTo({ url })
  return (
    <SectionCard title='管理' className='me-admin'>
      <View className='me-admin-entry me-admin-users' onClick={() => open('/packages/admin/pages/users/index')}>
        <Text className='me-admin-title'>人员与角色</Text>
        <Text className='wm-muted'>查找人员，分配网格员、村（居）管理员等角色</Text>
      </View>
      <View className='me-admin-entry me-admin-org' onClick={() => open('/packages/admin/pages/org/index')}>
        <Text className='me-admin-title'>组织架构</Text>
        <Text className='wm-muted'>村（居）、网格和责任单位</Text>
      </View>
    </SectionCard>
  )
}
