import { useCallback, useState } from 'react'
import type { InputOf, MyProfile } from '@/contract'
import { call } from '@/services/call'
import { validateInput } from '@/services/validate'

export interface ProfileDraft {
  name: string
  phone: string
  villageId: string | null
  gridId: string | null
}

export function draftOf(profile: MyProfile): ProfileDraft {
  return { name: profile.name ?? '', phone: profile.phone ?? '', villageId: profile.villageId, gridId: profile.gridId }
}

/**
 * Edit-profile form: validates with the contract schema before any round trip, keeps
 * what was typed on failure, and hands the saved profile to `onSaved`.
 */
export function useProfileForm(profile: MyProfile, onSaved: (profile: MyProfile) => void) {
  const [draft, setDraft] = useState<ProfileDraft>(() => draftOf(profile))
  const [fields, setFields] = useState<Record<string, string>>({})
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)

  const update = useCallback(<K extends keyof ProfileDraft>(key: K, value: ProfileDraft[K]) => {
    setDraft((current) => {
      const next = { ...current, [key]: value }
      // A grid belongs to one village: a new village clears it.
      if (key === 'villageId' && value !== current.villageId) next.gridId = null
      return next
    })
    setFields((current) => {
      if (!(key in current)) return current
      const { [key]: _removed, ...rest } = current
      return rest
    })
  }, [])

  const reset = useCallback(() => {
    setDraft(draftOf(profile))
    setFields({})
    setError(null)
  }, [profile])

  const submit = useCallback(async (): Promise<boolean> => {
    const input: InputOf<'users.updateProfile'> = {
      name: draft.name,
      phone: draft.phone.trim(),
      villageId: draft.villageId,
      gridId: draft.gridId
    }
    const invalid = validateInput('users.updateProfile', input)
    if (invalid) {
      setFields(invalid.fields ?? {})
      setError(invalid.message)
      return false
    }
    setSaving(true)
    setError(null)
    setFields({})
    const res = await call('users.updateProfile', input)
    setSaving(false)
    if (!res.ok) {
      setFields(res.fields ?? {})
      setError(res.message)
      return false
    }
    onSaved(res.data)
    return true
  }, [draft, onSaved])

  return { draft, update, fields, error, saving, submit, reset }
}
