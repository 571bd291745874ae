import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { PageShell } from '@/components/page-shell'
import { SectionCard } from '@/components/section-card'
import { RoleTags } from '@/components/role-tags'
import { AdminEntries, ElderMode, PrivacyStatus, WhoAmI } from '@/components/me-sections'
import { useAppStore } from '@/store/app-store'
import { useAdminScope } from '@/hooks/use-admin-scope'
import { useOrgOverview, useUnits } from '@/hooks/use-org'
import { DEED_ROUTES } from '@/services/deed-routes'
import { TodayPatrols } from '@/components/today-patrols'
import { ProfileLoading } from '@/components/profile-loading'

export default function MePage() {
  const { profile, status, needsConsent } = useAppStore()
  const scope = useAdminScope()
  const org = useOrgOverview(status === 'ready')
  const units = useUnits(status === 'ready' && Boolean(profile?.grants.some((grant) => grant.unitId)))

  if (!profile) {
    return (
      <PageShell name='me'>
        <ProfileLoading rows={5} />
      </PageShell>
    )
  }

  return (
    <PageShell name='me'>
      <WhoAmI profile={profile} org={org} />
      <SectionCard title='我的角色' className='me-roles'>
        <RoleTags roles={profile.roles} grants={profile.grants} org={org.data} units={units.data} />
      </SectionCard>
      <TodayPatrols enabled={status === 'ready' && !needsConsent && (scope.isGridWorker || scope.isVillageAdmin || scope.isTownAdmin)} />
      <SectionCard title='我的善行' className='me-deeds'>
        <View className='me-deeds-entry' onClick={() => void Taro.navigateTo({ url: DEED_ROUTES.record })}>
          <Text className='wm-link'>善行档案与积分 · 申报善行 · 积分超市</Text>
        </View>
      </SectionCard>
      <ElderMode />
      <PrivacyStatus profile={profile} />
      {scope.canManage ? <AdminEntries /> : null}
      {process.env.TARO_ENV === 'h5' ? (
        <View className='me-switch-user'>
          <Text className='wm-link' onClick={() => void Taro.reLaunch({ url: '/pages/dev-sign-in/index' })}>
            切换演示账号
          </Text>
        </View>
      ) : null}
    </PageShell>
  )
}
