import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { VOLUNTEER_SKILLS, type MyProfile, type VolunteerProfile } from '@/contract'
import { PageShell } from '@/components/page-shell'
import { SectionCard } from '@/components/section-card'
import { ChoiceChips, namedOptions } from '@/components/choice-chips'
import { FormField, TextInput } from '@/components/form-field'
import { ErrorState, Skeleton } from '@/components/state-view'
import { ToggleChips } from '@/components/toggle-chips'
import { Button, Switch } from '@/components/ui'
import { ProfileLoading } from '@/components/profile-loading'
import { useAppStore } from '@/store/app-store'
import { useOrgOverview } from '@/hooks/use-org'
import { useVolunteerRegister } from '@/hooks/use-volunteer-register'
import { useVolunteerMe } from '@/hooks/use-volunteers'
import { VOLUNTEER_ROUTES } from '@/services/volunteer-routes'
import './index.scss'

/** 实名注册: one registration per person and per ID number (the server checks both). */
export default function RegisterPage() {
  const { profile } = useAppStore()
  const me = useVolunteerMe(profile !== null)
  let body: JSX.Element
  if (!profile) body = <ProfileLoading rows={5} />
  else if (!me.data) body = me.error ? <ErrorState message={me.error} onRetry={() => void me.reload()} /> : <Skeleton rows={5} />
  else if (me.data?.volunteer) body = <AlreadyRegistered volunteer={me.data.volunteer} />
  else body = <RegisterForm profile={profile} />
  return <PageShell name='volunteer-register'>{body}</PageShell>
}

function backToTab() {
  void Taro.switchTab({ url: VOLUNTEER_ROUTES.tab })
}

function AlreadyRegistered({ volunteer }: { volunteer: VolunteerProfile }) {
  return (
    <SectionCard title='您已是志愿者' className='register-done'>
      <Text className='register-done-text'>
        {volunteer.realName}，{volunteer.villageName}志愿者，身份证号 {volunteer.idNumber}。
      </Text>
      <Button className='register-back' type='primary' block onClick={backToTab}>
        去看志愿活动
      </Button>
    </SectionCard>
  )
}

function RegisterForm({ profile }: { profile: MyProfile }) {
  const { reload } = useAppStore()
  const org = useOrgOverview()
  const form = useVolunteerRegister(profile, () => {
    // users.me now lists the volunteer role.
    void reload()
    void Taro.showToast({ title: '注册成功', icon: 'success' })
    backToTab()
  })
  const { draft, update, fields } = form

  return (
    <View className='register-form'>
      <Text className='register-intro'>志愿服务实行实名登记。注册后可以加入队伍、报名活动，服务时长按签到签退记录，可开具志愿服务证明。</Text>
      <SectionCard className='register-fields'>
        <FormField label='真实姓名' error={fields.realName}>
          <TextInput className='input-real-name' value={draft.realName} maxlength={20} placeholder='与身份证上一致' onChange={(value) => update('realName', value)} />
        </FormField>
        <FormField label='身份证号' error={fields.idNumber} hint='只有镇创建办能看到完整号码，其他人只看到 110***********1234 这样的部分号码'>
          <TextInput className='input-id-number' value={draft.idNumber} maxlength={18} placeholder='18 位身份证号' onChange={(value) => update('idNumber', value)} />
        </FormField>
        <FormField label='手机号' error={fields.phone} hint='活动通知和联系用，只有您本人和镇创建办能看到完整号码'>
          <TextInput className='input-phone' type='number' value={draft.phone} maxlength={11} placeholder='11 位手机号' onChange={(value) => update('phone', value)} />
        </FormField>
        <FormField label='所在村（居）' error={fields.villageId}>
          {org.error && !org.data ? (
            <ErrorState message={org.error} onRetry={() => void org.reload()} />
          ) : org.data ? (
            <ChoiceChips className='pick-village' label='选择村（居）' options={namedOptions(org.data.villages)} value={draft.villageId} onChange={(value) => update('villageId', value)} />
          ) : (
            <Text className='wm-muted'>正在加载村（居）…</Text>
          )}
        </FormField>
        <FormField label='特长（可多选）' error={fields.skills} hint='组织者安排活动时参考，可不选'>
          <ToggleChips className='pick-skills' label='选择特长' options={VOLUNTEER_SKILLS} value={draft.skills} max={10} onChange={(value) => update('skills', value)} />
        </FormField>
      </SectionCard>
      <SectionCard title='身份证号的使用说明' className='register-id-consent'>
        <Text className='wm-muted register-privacy'>您的身份证号用于核实身份、防止重复注册和出具志愿服务证明，加密保存；只有镇创建办能看到完整号码，队长和村（居）管理员只能看到部分号码。</Text>
        <View className='register-consent-row'>
          <Text className='register-consent-label'>我已阅读并同意</Text>
          <Switch className='register-consent' checked={draft.idConsent} ariaLabel='同意身份证号的使用说明' onChange={(on) => update('idConsent', on)} />
        </View>
        {fields.idConsent ? <Text className='wm-error-text register-consent-error'>{fields.idConsent}</Text> : null}
      </SectionCard>
      {form.error && !Object.values(fields).includes(form.error) ? <Text className='wm-error-text register-error'>{form.error}</Text> : null}
      <Button className='register-submit' type='primary' block loading={form.saving} disabled={form.saving} onClick={() => void form.submit()}>
        实名注册
      </Button>
    </View>
  )
}
