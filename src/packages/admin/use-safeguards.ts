import { useState } from 'react'
import type { TownSafeguards } from '@/contract'
import { call } from '@/services/call'
import { checkSafeguards, draftOf, inputOf, type SafeguardField, type SafeguardsDraft } from './safeguards-form'
import { useRemote } from '@/hooks/use-remote'

/** The town's safeguards as saved (org.safeguards). */
export function useSafeguards() {
  return useRemote(() => call('org.safeguards', {}), 'town-safeguards')
}

/** The editing form over saved safeguards: a draft, checks from the contract, one save. */
export function useSafeguardsEditor(saved: TownSafeguards, onSaved: (s: TownSafeguards) => void) {
  const [draft, setDraft] = useState<SafeguardsDraft>(() => draftOf(saved))
  const [errors, setErrors] = useState<Partial<Record<SafeguardField, string>>>({})
  const [message, setMessage] = useState<string | null>(null)
  const [done, setDone] = useState(false)
  const [busy, setBusy] = useState(false)

  const change = (field: SafeguardField, value: string) => {
    setDone(false)
    setDraft((current) => ({ ...current, [field]: value }))
  }

  const save = async (): Promise<boolean> => {
    setMessage(null)
    setDone(false)
    const found = checkSafeguards(draft)
    setErrors(found)
    if (Object.keys(found).length) {
      setMessage('请按提示修改后再保存')
      return false
    }
    setBusy(true)
    const res = await call('org.saveSafeguards', inputOf(draft))
    setBusy(false)
    if (!res.ok) {
      setErrors((res.fields ?? {}) as Partial<Record<SafeguardField, string>>)
      setMessage(res.message)
      return false
    }
    setDraft(draftOf(res.data))
    setDone(true)
    onSaved(res.data)
    return true
  }

  return { draft, errors, message, done, busy, change, save }
}
