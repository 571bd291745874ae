import { useCallback, useState } from 'react'
import type { InputOf, VisitDetail, VisitHousehold, VisitOutcome } from '@/contract'
import { chinaDay } from '@/domain/china-time'
import { useAppStore } from '@/store/app-store'
import { call } from '@/services/call'
import { pickPhotos } from '@/services/photos'
import { releasePhoto, uploadPhoto } from '@/services/storage'
import { photoCloudPath, randomToken } from '@/services/storage-types'
import { usePagedQueryOf, type Paged } from './use-query'
import { PRIVACY_REFUSED } from './use-report-draft'

export interface Month {
  year: number
  month: number
}

/** Households of a village's month with an `id` for usePaged (the household's); none asked without a village (null or ''). */
export function useVisitHouseholds(villageId: string | null, month: Month, only: 'unvisited' | 'all', pageSize = 20): Paged<VisitHousehold & { id: string }> {
  return usePagedQueryOf('supervision.visitHouseholds', villageId ? { villageId, ...month, only, pageSize } : null, (data) => ({
    items: data.items.map((h) => ({ ...h, id: h.householdId })),
    next: data.next
  }))
}

export interface ProblemDraft {
  key: string
  text: string
  outcome: VisitOutcome
  done: string
  category: string | null
}

export interface VisitDraft {
  householdId: string | null
  date: string
  situation: string
  suggestions: string
  issues: string
  problems: ProblemDraft[]
  photo: { key: string; path: string; fileID: string | null } | null
}

export const newProblem = (): ProblemDraft => ({ key: randomToken(6), text: '', outcome: 'solved', done: '', category: null })

/** What the form checks before sending (the server checks the same and more). */
export function visitDraftErrors(d: VisitDraft): Record<string, string> {
  const errors: Record<string, string> = {}
  if (!d.householdId) errors.householdId = '请选择走访的家庭'
  if (d.situation.trim().length < 2) errors.situation = '请写明走访对象的具体情况（至少 2 个字）'
  d.problems.forEach((p, i) => {
    if (p.text.trim().length < 2) errors[`problems.${i}`] = `第 ${i + 1} 个问题请写明内容`
    else if (p.outcome === 'solved' && p.done.trim().length < 2) errors[`problems.${i}`] = `第 ${i + 1} 个问题请写明怎么解决的`
    else if (p.outcome === 'report' && !p.category) errors[`problems.${i}`] = `第 ${i + 1} 个问题请选择问题类别`
  })
  return errors
}

export function visitInputOf(villageId: string, key: string, d: VisitDraft, photo: string | null): InputOf<'supervision.recordVisit'> {
  const opt = (s: string) => (s.trim() ? s.trim() : undefined)
  return {
    villageId,
    householdId: d.householdId as string,
    date: d.date,
    key,
    situation: d.situation.trim(),
    suggestions: opt(d.suggestions),
    issues: opt(d.issues),
    problems: d.problems.map((p) =>
      p.outcome === 'solved' ? { text: p.text.trim(), outcome: 'solved' as const, done: p.done.trim() } : { text: p.text.trim(), outcome: 'report' as const, category: p.category as string }
    ),
    ...(photo ? { photos: [photo] } : {})
  }
}

/**
 * The 记走访 form: the draft, the photo (picked after the privacy consent, uploaded on send), and one
 * key per form so a retry after a lost answer records nothing twice.
 */
export function useVisitForm(villageId: string, householdId: string | null) {
  const { ensurePrivacy } = useAppStore()
  const [key] = useState(() => `visit-${randomToken(16)}`)
  const [draft, setDraft] = useState<VisitDraft>({ householdId, date: chinaDay(new Date()), situation: '', suggestions: '', issues: '', problems: [], photo: null })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)

  const update = useCallback((patch: Partial<VisitDraft>) => setDraft((d) => ({ ...d, ...patch })), [])
  const updateProblem = useCallback((i: number, patch: Partial<ProblemDraft>) => setDraft((d) => ({ ...d, problems: d.problems.map((p, k) => (k === i ? { ...p, ...patch } : p)) })), [])

  const addPhoto = useCallback(async () => {
    if (!(await ensurePrivacy())) return setNotice(PRIVACY_REFUSED)
    const picked = await pickPhotos(1)
    if (!picked.ok) return picked.cancelled ? undefined : setNotice(picked.message)
    setDraft((d) => ({ ...d, photo: { key: randomToken(8), path: picked.paths[0], fileID: null } }))
  }, [ensurePrivacy])

  const removePhoto = useCallback(() => {
    setDraft((d) => {
      if (d.photo) releasePhoto(d.photo.path)
      return { ...d, photo: null }
    })
  }, [])

  const submit = useCallback(async (): Promise<VisitDetail | null> => {
    const found = visitDraftErrors(draft)
    setErrors(found)
    if (Object.keys(found).length) return null
    setBusy(true)
    setNotice(null)
    let fileID = draft.photo?.fileID ?? null
    if (draft.photo && !fileID) {
      const up = await uploadPhoto(draft.photo.path, photoCloudPath(`${key}-${draft.photo.key}`))
      if (!up.ok) {
        setBusy(false)
        setNotice(up.message)
        return null
      }
      fileID = up.data
      const uploaded = fileID
      setDraft((d) => (d.photo ? { ...d, photo: { ...d.photo, fileID: uploaded } } : d))
    }
    const res = await call('supervision.recordVisit', visitInputOf(villageId, key, draft, fileID))
    setBusy(false)
    if (!res.ok) {
      setNotice(res.message)
      if (res.fields) setErrors(res.fields)
      return null
    }
    if (draft.photo) releasePhoto(draft.photo.path)
    return res.data
  }, [draft, key, villageId])

  return { draft, update, updateProblem, addPhoto, removePhoto, submit, errors, busy, notice }
}
