import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import type { UserSummary } from '@/contract'
import { TextInput } from '@/components/form-field'
import { Button } from '@/components/ui'
import { useAction } from '@/hooks/use-action'
import { maskPhone } from '@/services/org-names'

const SEARCH_SIZE = 10

interface Props {
  villageId: string
  onPick: (user: UserSummary) => void
  /** Already chosen: shown as 已添加 and not tappable. */
  chosen?: readonly string[]
  pickLabel?: string
  placeholder?: string
  disabled?: boolean
}

function UserRow({ user, added, pickLabel, onPick }: { user: UserSummary; added: boolean; pickLabel: string; onPick: () => void }) {
  return (
    <View className={`user-pick${added ? ' user-pick--added' : ''}`} data-user-id={user.id} onClick={added ? undefined : onPick}>
      <View className='user-pick-main'>
        <Text className='user-pick-name'>{user.name || '未填写姓名'}</Text>
        <Text className='wm-muted'>{user.phone ? maskPhone(user.phone) : '未留手机号'}</Text>
      </View>
      <Text className={added ? 'wm-muted' : 'wm-link'}>{added ? '已添加' : pickLabel}</Text>
    </View>
  )
}

/** Search the village's registered people by name (users.list) and pick one. */
export function UserSearch({ villageId, onPick, chosen = [], pickLabel = '选择', placeholder = '输入姓名查找', disabled }: Props) {
  const [keyword, setKeyword] = useState('')
  const [found, setFound] = useState<UserSummary[] | null>(null)
  const [more, setMore] = useState(false)
  const list = useAction('users.list')
  const { busy, message: error } = list

  const search = async () => {
    list.reset()
    const word = keyword.trim()
    if (!word) return list.fail('请输入姓名')
    const res = await list.run({ villageId, keyword: word, pageSize: SEARCH_SIZE })
    if (!res?.ok) return
    setFound(res.data.items)
    setMore(res.data.next !== null)
  }

  return (
    <View className='user-search'>
      <View className='resident-search-row'>
        <TextInput className='user-search-input' value={keyword} onChange={setKeyword} placeholder={placeholder} maxlength={20} disabled={disabled} onConfirm={() => void search()} />
        <Button className='user-search-button' type='primary' loading={busy} disabled={busy || disabled} onClick={() => void search()}>
          查找
        </Button>
      </View>
      {error ? <Text className='wm-error-text user-search-error'>{error}</Text> : null}
      {found && !found.length ? <Text className='wm-muted user-search-none'>本村（居）没有找到“{keyword.trim()}”，请核对姓名；他需要先登录小程序才能被找到。</Text> : null}
      {found?.map((user) => (
        <UserRow key={user.id} user={user} added={chosen.includes(user.id)} pickLabel={pickLabel} onPick={() => onPick(user)} />
      ))}
      {more ? <Text className='wm-muted'>找到的人较多，只列出前 {SEARCH_SIZE} 位，请输入更完整的姓名</Text> : null}
    </View>
  )
}
