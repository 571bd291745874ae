import { useCallback, useState } from 'react'
import type { InputOf, MyProfile, VolunteerProfile } from '@/contract'
import { validateInput } from '@/services/validate'
import { useAction } from './use-action'

export interface RegistrationDraft {
  realName: string
  idNumber: string
  phone: string
  skills: string[]
  villageId: string | null
  /** 同意身份证号的使用说明 */
  idConsent: boolean
}

/** Field → first message; `skills.2` counts as `skills`. */
function byField(fields: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [path, message] of Object.entries(fields ?? {})) {
    const key = path.split('.')[0]
    if (!(key in out)) out[key] = message
  }
  return out
}

/** 实名注册: checked with the contract schema (ID number checksum included) before anything is sent. */
export function useVolunteerRegister(profile: MyProfile, onDone: (volunteer: VolunteerProfile) => void) {
  const [draft, setDraft] = useState<RegistrationDraft>(() => ({
    realName: profile.name ?? '',
    idNumber: '',
    phone: profile.phone ?? '',
    skills: [],
    villageId: profile.villageId,
    idConsent: false
  }))
  const register = useAction('volunteers.register')
  const { clearField, fail } = register

  const update = useCallback(
    <K extends keyof RegistrationDraft>(key: K, value: RegistrationDraft[K]) => {
      setDraft((current) => ({ ...current, [key]: value }))
      clearField(key)
    },
    [clearField]
  )

  const submit = useCallback(async (): Promise<boolean> => {
    const input: InputOf<'volunteers.register'> = {
      realName: draft.realName,
      idNumber: draft.idNumber.trim(),
      phone: draft.phone.trim(),
      skills: draft.skills,
      villageId: draft.villageId ?? '',
      idConsent: draft.idConsent as true
    }
    const invalid = validateInput('volunteers.register', input)
    if (invalid) {
      const next = byField(invalid.fields)
      // Friendlier words for what is simply missing.
      if (!draft.villageId) next.villageId = '请选择所在村（居）'
      if (!input.idNumber) next.idNumber = '请填写身份证号'
      fail('还有内容没填好，请看标红的地方', next)
      return false
    }
    const res = await register.run(input)
    if (!res) return false
    if (!res.ok) {
      fail(res.message, byField(res.fields))
      return false
    }
    onDone(res.data)
    return true
  }, [draft, onDone, register, fail])

  return { draft, update, fields: register.fieldErrors, error: register.message, saving: register.busy, submit }
}
