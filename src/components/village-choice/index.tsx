import { useEffect } from 'react'
import { Text } from '@tarojs/components'
import { ChoiceChips, namedOptions } from '@/components/choice-chips'
import { useAdminScope } from '@/hooks/use-admin-scope'
import { useOrgOverview } from '@/hooks/use-org'

interface Props {
  value: string | null
  onChange: (villageId: string) => void
}

/** The village a staff page works on: the town office picks any, a village admin one of theirs. */
export function VillageChoice({ value, onChange }: Props) {
  const scope = useAdminScope()
  const org = useOrgOverview()
  const villages = (org.data?.villages ?? []).filter((village) => scope.isTownAdmin || scope.villageIds.includes(village.id))
  const first = villages[0]?.id ?? (scope.isTownAdmin ? null : (scope.villageIds[0] ?? null))
  useEffect(() => {
    if (!value && first) onChange(first)
  }, [value, first, onChange])
  if (org.error && !villages.length) return <Text className='wm-error-text'>{org.error}</Text>
  if (villages.length < 2) return null
  return <ChoiceChips className='village-choice' options={namedOptions(villages)} value={value} onChange={onChange} label='选择村（居）' />
}
