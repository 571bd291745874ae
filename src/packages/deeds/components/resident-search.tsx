import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import type { ResidentMatch } from '@/contract'
import { ChoiceChips, type Choice } from '@/components/choice-chips'
import { TextInput } from '@/components/form-field'
import { Button } from '@/components/ui'
import { useAction } from '@/hooks/use-action'
import { validateInput } from '@/services/validate'

interface Props {
  /** Villages to search in; chips are shown only when there are several. */
  villages: ReadonlyArray<Choice<string>>
  villageId: string | null
  onVillage: (villageId: string) => void
  picked: ResidentMatch | null
  onPick: (match: ResidentMatch | null) => void
  /** What to suggest when nobody of that name is registered. */
  emptyHint: string
  disabled?: boolean
}

function MatchList({ matches, emptyHint, onPick }: { matches: ResidentMatch[]; emptyHint: string; onPick: (match: ResidentMatch) => void }) {
  if (!matches.length) {
    return (
      <View className='resident-none'>
        <Text className='resident-none-title'>没有找到这位居民</Text>
        <Text className='wm-muted'>{emptyHint}</Text>
      </View>
    )
  }
  return (
    <View className='resident-matches' role='radiogroup' aria-label='选择居民'>
      {matches.length > 1 ? <Text className='wm-muted'>有 {matches.length} 位同名居民，请按所在网格选择</Text> : null}
      {matches.map((match) => (
        <View key={match.userId} className='resident-match' role='radio' aria-checked={false} data-user-id={match.userId} onClick={() => onPick(match)}>
          <Text className='resident-match-name'>{match.name}</Text>
          <Text className='wm-muted'>{match.gridName ?? '未选网格'}</Text>
          <Text className='wm-link'>选这位</Text>
        </View>
      ))}
    </View>
  )
}

/** Find a registered resident by exact name in one village (deeds.findResidents) and pick one. */
export function ResidentSearch({ villages, villageId, onVillage, picked, onPick, emptyHint, disabled }: Props) {
  const [name, setName] = useState('')
  const [matches, setMatches] = useState<ResidentMatch[] | null>(null)
  const findResidents = useAction('deeds.findResidents')
  const { busy, message: error } = findResidents

  const search = async () => {
    findResidents.reset()
    setMatches(null)
    if (!villageId) return findResidents.fail('请先选择村（居）')
    const input = { villageId, name: name.trim() }
    const invalid = validateInput('deeds.findResidents', input)
    if (invalid) return findResidents.fail(invalid.fields?.name ?? invalid.message)
    const res = await findResidents.run(input)
    if (!res?.ok) return
    setMatches(res.data)
  }

  if (picked) {
    return (
      <View className='resident-picked'>
        <Text className='resident-picked-name'>
          已选：{picked.name}
          {picked.gridName ? `（${picked.gridName}）` : ''}
        </Text>
        {disabled ? null : (
          <Text className='wm-link resident-change' onClick={() => onPick(null)}>
            换一位
          </Text>
        )}
      </View>
    )
  }
  return (
    <View className='resident-search'>
      {villages.length > 1 || (!villageId && villages.length > 0) ? (
        <ChoiceChips
          className='resident-village'
          options={villages}
          value={villageId}
          onChange={(next) => {
            setMatches(null)
            onVillage(next)
          }}
          label='选择村（居）'
          disabled={disabled}
        />
      ) : null}
      <View className='resident-search-row'>
        <TextInput
          className='resident-name'
          value={name}
          onChange={(next) => {
            setName(next)
            setMatches(null)
          }}
          placeholder='输入居民的姓名（要写全名）'
          maxlength={20}
          disabled={disabled}
          onConfirm={() => void search()}
        />
        <Button className='resident-search-button' type='primary' loading={busy} disabled={busy || disabled} onClick={() => void search()}>
          查找
        </Button>
      </View>
      {error ? <Text className='wm-error-text resident-search-error'>{error}</Text> : null}
      {matches ? <MatchList matches={matches} emptyHint={emptyHint} onPick={onPick} /> : null}
    </View>
  )
}
