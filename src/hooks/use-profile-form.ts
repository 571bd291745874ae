import { useCallback, useState } from 'react'
import type { InputOf, MyProfile } from '@/contract'
import { validateInput } from '@/services/validate'
import { useAction } from './use-action'

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
  const updateProfile = useAction('users.updateProfile')
  const { clearField, fail, reset: clearErrors } = updateProfile

  const update = useCallback(
    <K extends keyof ProfileDraft>(key: K, value: ProfileDraft[K]) => {
      setDraft((current) => {
        const next = { ...current, [key]: value }
        // A grid belongs to one village: a new village clears it.
        if (key === 'villageId' && value !== current.villageId) next.gridId = null
        return next
      })
      clearField(key)
    },
    [clearField]
  )

  const reset = useCallback(() => {
    setDraft(draftOf(profile))
    clearErrors()
  }, [profile, clearErrors])

  const submit = useCallback(async (): Promise<boolean> => {
    const input: InputOf<'users.updateProfile'> = {
      name: draft.name,
      phone: draft.phone.trim(),
      villageId: draft.villageId,
      gridId: draft.gridId
    }
    const invalid = validateInput('users.updateProfile', input)
    if (invalid) {
      fail(invalid.message, invalid.fields)
      return false
    }
    const res = await updateProfile.run(input)
    if (!res?.ok) return false
    onSaved(res.data)
    return true
  }, [draft, onSaved, updateProfile, fail])

  return { draft, update, fields: updateProfile.fieldErrors, error: updateProfile.message, saving: updateProfile.busy, submit, reset }
}
