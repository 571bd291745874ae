import { useState } from 'react'
import type { TownSafeguards } from '@/contract'
import { useAction } from '@/hooks/use-action'
import { useQuery } from '@/hooks/use-query'
import { checkSafeguards, draftOf, inputOf, type SafeguardField, type SafeguardsDraft } from './safeguards-form'

/** The town's safeguards as saved (org.safeguards). */
export function useSafeguards() {
  return useQuery('org.safeguards', {})
}

/** The editing form over saved safeguards: a draft, checks from the contract, one save. */
export function useSafeguardsEditor(saved: TownSafeguards, onSaved: (s: TownSafeguards) => void) {
  const [draft, setDraft] = useState<SafeguardsDraft>(() => draftOf(saved))
  const saveSafeguards = useAction('org.saveSafeguards')
  const [done, setDone] = useState(false)

  const change = (field: SafeguardField, value: string) => {
    setDone(false)
    setDraft((current) => ({ ...current, [field]: value }))
  }

  const save = async (): Promise<boolean> => {
    setDone(false)
    const found = checkSafeguards(draft)
    if (Object.keys(found).length) {
      saveSafeguards.fail('请按提示修改后再保存', found)
      return false
    }
    const res = await saveSafeguards.run(inputOf(draft))
    if (!res?.ok) return false
    setDraft(draftOf(res.data))
    setDone(true)
    onSaved(res.data)
    return true
  }

  const errors = saveSafeguards.fieldErrors as Partial<Record<SafeguardField, string>>
  return { draft, errors, message: saveSafeguards.message, done, busy: saveSafeguards.busy, change, save }
}
