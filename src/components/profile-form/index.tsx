import { View, Text } from '@tarojs/components'
import type { MyProfile, OrgOverview } from '@/contract'
import { useProfileForm } from '@/hooks/use-profile-form'
import { Button } from '@/components/ui'
import { ChoiceChips, namedOptions } from '@/components/choice-chips'
import { FormField, TextInput } from '@/components/form-field'
import { ErrorState } from '@/components/state-view'
import './index.scss'

interface Props {
  profile: MyProfile
  org: OrgOverview | null
  orgError: string | null
  onRetryOrg: () => void
  onSaved: (profile: MyProfile) => void
  onCancel: () => void
}

/** Name, phone, village and grid; contract-schema errors under each field. */
export function ProfileForm({ profile, org, orgError, onRetryOrg, onSaved, onCancel }: Props) {
  const { draft, update, fields, error, saving, submit } = useProfileForm(profile, onSaved)
  const village = org?.villages.find((item) => item.id === draft.villageId)
  // Only the first village is taken at once; another one waits for that village (users/moves.ts).
  const moving = profile.villageId !== null && draft.villageId !== null && draft.villageId !== profile.villageId
  const askedAlready = moving && profile.pendingMove?.villageId === draft.villageId

  return (
    <View className='profile-form'>
      <FormField label='姓名' error={fields.name}>
        <TextInput className='input-name' value={draft.name} maxlength={20} placeholder='请填写真实姓名' onChange={(value) => update('name', value)} />
      </FormField>
      <FormField label='手机号' error={fields.phone} hint='只有您本人和镇创建办能看到完整号码'>
        <TextInput className='input-phone' type='number' value={draft.phone} maxlength={11} placeholder='11 位手机号，可不填' onChange={(value) => update('phone', value)} />
      </FormField>
      <FormField label='所在村（居）' error={fields.villageId}>
        {orgError ? (
          <ErrorState message={orgError} onRetry={onRetryOrg} />
        ) : org ? (
          <ChoiceChips className='pick-village' label='选择村（居）' options={namedOptions(org.villages)} value={draft.villageId} onChange={(value) => update('villageId', value)} />
        ) : (
          <Text className='wm-muted'>正在加载村（居）…</Text>
        )}
      </FormField>
      {moving ? (
        <View className='profile-move-note'>
          <Text className='profile-move-title'>更换村（居）需要新村（居）管理员确认</Text>
          <Text className='wm-muted profile-move-text'>
            {askedAlready ? `已申请迁往${village?.name ?? '该村（居）'}，正在等待确认。` : '保存后提交申请，'}由{village?.name ?? '新村（居）'}管理员或镇创建办确认；确认前您仍属于
            {profile.villageName ?? '原村（居）'}，在那里投票、兑换积分。在原村（居）获得的积分和投出的票留在原村（居）。
          </Text>
        </View>
      ) : null}
      {village ? (
        <FormField label='所在网格' error={fields.gridId}>
          {village.grids.length ? (
            <ChoiceChips className='pick-grid' label='选择网格' options={namedOptions(village.grids)} value={draft.gridId} onChange={(value) => update('gridId', value)} />
          ) : (
            <Text className='wm-muted'>这个村（居）还没有划分网格</Text>
          )}
        </FormField>
      ) : null}
      {error && !Object.values(fields).includes(error) ? <Text className='wm-error-text profile-form-error'>{error}</Text> : null}
      <View className='wm-actions'>
        <Button className='profile-save' type='primary' loading={saving} disabled={saving} onClick={() => void submit()}>
          保存
        </Button>
        <Button className='profile-cancel' fill='outline' disabled={saving} onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  )
}
