import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Household, InputOf } from '@/contract'
import { ChoiceChips } from '@/components/choice-chips'
import { FormField, TextInput } from '@/components/form-field'
import { Button } from '@/components/ui'
import { useAction } from '@/hooks/use-action'
import { validateInput } from '@/services/validate'
import { UserSearch } from './user-search'

const MAX_MEMBERS = 20

type Member = Household['members'][number]

interface Props {
  villageId: string
  /** The household being changed; none for a new one. */
  household: Household | null
  onSaved: (household: Household) => void
  onCancel: () => void
}

function checkDraft(input: InputOf<'deeds.saveHousehold'>, members: Member[]): Record<string, string> {
  const errors: Record<string, string> = {}
  const invalid = validateInput('deeds.saveHousehold', input)
  if (invalid?.fields?.name) errors.name = invalid.fields.name
  if (!members.length) errors.memberIds = '请至少添加一位家庭成员'
  else if (!input.headUserId) errors.headUserId = '请选择户主'
  return errors
}

/** The message for a refused save; CONFLICT gets the way out spelled out. */
function failureText(code: string, message: string): string {
  if (code === 'CONFLICT') return `${message}。一个人只能在一个家庭里：请先打开他原来的家庭，把他移出后再添加。`
  return message
}

function MemberList({ members, onRemove, disabled }: { members: Member[]; onRemove: (userId: string) => void; disabled: boolean }) {
  if (!members.length) return <Text className='wm-muted'>还没有成员，请在下面按姓名查找后添加</Text>
  return (
    <View className='household-members'>
      {members.map((member) => (
        <View key={member.userId} className='household-member' data-user-id={member.userId}>
          <Text>{member.name}</Text>
          {disabled ? null : (
            <Text className='wm-link household-member-remove' onClick={() => onRemove(member.userId)}>
              移出
            </Text>
          )}
        </View>
      ))}
    </View>
  )
}

/** 新建或修改家庭: name, members found by name in the village, and which of them is 户主. */
export function HouseholdEditor({ villageId, household, onSaved, onCancel }: Props) {
  const [name, setName] = useState(household?.name ?? '')
  const [members, setMembers] = useState<Member[]>(household?.members ?? [])
  const [headUserId, setHeadUserId] = useState<string | null>(household?.headUserId ?? null)
  const saveHousehold = useAction('deeds.saveHousehold')
  const { fieldErrors: fields, message, busy } = saveHousehold

  const addMember = (member: Member) => {
    if (members.length >= MAX_MEMBERS) return saveHousehold.fail(`成员最多 ${MAX_MEMBERS} 人`, fields)
    setMembers((current) => [...current, member])
    if (!headUserId) setHeadUserId(member.userId)
  }
  const removeMember = (userId: string) => {
    setMembers((current) => current.filter((member) => member.userId !== userId))
    if (headUserId === userId) setHeadUserId(null)
  }

  const save = async () => {
    const input = { ...(household ? { id: household.id } : {}), villageId, name: name.trim(), headUserId: headUserId ?? '', memberIds: members.map((member) => member.userId) }
    const errors = checkDraft(input, members)
    if (Object.keys(errors).length) return saveHousehold.fail('请按提示修改后再保存', errors)
    const res = await saveHousehold.run(input)
    if (!res) return
    if (!res.ok) return saveHousehold.fail(failureText(res.code, res.message), res.fields)
    void Taro.showToast({ title: '已保存', icon: 'success' })
    onSaved(res.data)
  }

  return (
    <View className='household-editor'>
      <Text className='deeds-household-name'>{household ? `修改家庭：${household.name}` : '新建家庭'}</Text>
      <FormField label='家庭名称' error={fields.name} hint='如“张建国家”'>
        <TextInput className='household-name' value={name} onChange={setName} placeholder='2–20 个字' maxlength={20} disabled={busy} />
      </FormField>
      <FormField label={`家庭成员（${members.length}/${MAX_MEMBERS}）`} error={fields.memberIds}>
        <MemberList members={members} onRemove={removeMember} disabled={busy} />
      </FormField>
      <FormField label='户主' error={fields.headUserId}>
        {members.length ? (
          <ChoiceChips
            className='household-head'
            options={members.map((member) => ({ value: member.userId, label: member.name }))}
            value={headUserId}
            onChange={setHeadUserId}
            label='选择户主'
            disabled={busy}
          />
        ) : (
          <Text className='wm-muted'>先添加成员，再从成员中选户主</Text>
        )}
      </FormField>
      <FormField label='添加成员' hint='只能添加本村（居）已登录过小程序的居民'>
        <UserSearch villageId={villageId} chosen={members.map((member) => member.userId)} pickLabel='添加' onPick={(user) => addMember({ userId: user.id, name: user.name })} disabled={busy} />
      </FormField>
      {message ? <Text className='wm-error-text household-message'>{message}</Text> : null}
      <View className='wm-actions'>
        <Button className='household-save' type='primary' loading={busy} disabled={busy} onClick={() => void save()}>
          保存
        </Button>
        <Button fill='outline' disabled={busy} onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  )
}
