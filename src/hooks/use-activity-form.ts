import { useCallback, useState } from 'react'
import Taro from '@tarojs/taro'
import type { ActivityCategory, ActivityDetail, GeoPoint, InputOf } from '@/contract'
import { useAppStore } from '@/store/app-store'
import { daysFromNowAt } from '@/services/activity-time'
import { call } from '@/services/call'
import { locateHere, pickOnMap } from '@/services/location'
import { validateInput } from '@/services/validate'
import { confirmed } from './use-volunteers'

export interface ActivityDraft {
  id?: string
  title: string
  description: string
  category: ActivityCategory | null
  villageId: string | null
  teamId: string | null
  venueName: string
  venueAddress: string
  location: GeoPoint | null
  startAt: string
  endAt: string
  signupDeadline: string
  capacity: string
  hoursCredit: string
}

export function draftOfActivity(activity: ActivityDetail): ActivityDraft {
  return {
    id: activity.id,
    title: activity.title,
    description: activity.description,
    category: activity.category,
    villageId: activity.villageId,
    teamId: activity.teamId,
    venueName: activity.venue.name,
    venueAddress: activity.venue.address,
    location: activity.venue.location,
    startAt: activity.startAt,
    endAt: activity.endAt,
    signupDeadline: activity.signupDeadline,
    capacity: String(activity.capacity),
    hoursCredit: String(activity.hoursCredit)
  }
}

/** A new activity: three days from now, 9:00–11:00, sign-up until 18:00 the day before. */
export function newActivityDraft(villageId: string | null, teamId: string | null, now: Date = new Date()): ActivityDraft {
  return {
    title: '',
    description: '',
    category: null,
    villageId,
    teamId,
    venueName: '',
    venueAddress: '',
    location: null,
    startAt: daysFromNowAt(3, 9, 0, now),
    endAt: daysFromNowAt(3, 11, 0, now),
    signupDeadline: daysFromNowAt(2, 18, 0, now),
    capacity: '20',
    hoursCredit: '2'
  }
}

function numberOf(text: string): number {
  const trimmed = text.trim()
  return trimmed === '' ? Number.NaN : Number(trimmed)
}

export function activityInputOf(draft: ActivityDraft): InputOf<'volunteers.saveActivity'> {
  return {
    ...(draft.id ? { id: draft.id } : {}),
    title: draft.title,
    description: draft.description,
    category: (draft.category ?? '') as ActivityCategory,
    villageId: draft.villageId ?? '',
    teamId: draft.teamId,
    venue: { name: draft.venueName, address: draft.venueAddress, location: draft.location ?? { lng: Number.NaN, lat: Number.NaN } },
    startAt: draft.startAt,
    endAt: draft.endAt,
    signupDeadline: draft.signupDeadline,
    capacity: numberOf(draft.capacity),
    hoursCredit: numberOf(draft.hoursCredit)
  }
}

/** Schema path → form field. */
function fieldOf(path: string): string {
  if (path.startsWith('venue.location')) return 'location'
  if (path === 'venue.name') return 'venueName'
  if (path === 'venue.address') return 'venueAddress'
  return path.split('.')[0]
}

/** Field → Chinese message, from the contract schema (with the order of the times); empty when it can be saved. */
export function activityErrors(draft: ActivityDraft): Record<string, string> {
  const fields: Record<string, string> = {}
  const invalid = validateInput('volunteers.saveActivity', activityInputOf(draft))
  for (const [path, message] of Object.entries(invalid?.fields ?? {})) {
    const key = fieldOf(path)
    if (!(key in fields)) fields[key] = message
  }
  // Friendlier words for what is simply missing.
  const missing: Array<[keyof ActivityDraft, string]> = [
    ['title', '请填写活动名称'],
    ['description', '请填写活动内容'],
    ['venueName', '请填写地点名称'],
    ['venueAddress', '请填写详细地址']
  ]
  for (const [key, message] of missing) if (!String(draft[key] ?? '').trim()) fields[key] = message
  if (!draft.category) fields.category = '请选择活动类别'
  if (!draft.villageId) fields.villageId = '请选择村（居）'
  if (!draft.location) fields.location = '请确定活动地点的位置（地图选点或使用当前位置）'
  if (Number.isNaN(numberOf(draft.capacity))) fields.capacity = '请填写人数'
  if (Number.isNaN(numberOf(draft.hoursCredit))) fields.hoursCredit = '请填写时长'
  return fields
}

export const FORM_PRIVACY_REFUSED = '您未同意隐私保护指引，不能定位；可以沿用以前活动的地点。'

/**
 * 新建/修改活动: validates with the contract schema, saves (volunteers.saveActivity), and publishes when
 * asked. Editing an activity people signed up for warns that they will be notified.
 */
export function useActivityForm(initial: ActivityDraft, signedUp: number, onSaved: (activity: ActivityDetail) => void) {
  const { ensurePrivacy } = useAppStore()
  const [draft, setDraft] = useState<ActivityDraft>(initial)
  const [fields, setFields] = useState<Record<string, string>>({})
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState<'save' | 'publish' | null>(null)
  const [locating, setLocating] = useState(false)

  const update = useCallback((patch: Partial<ActivityDraft>) => {
    setDraft((current) => {
      const next = { ...current, ...patch }
      // Teams belong to a village.
      if (patch.villageId !== undefined && patch.villageId !== current.villageId && patch.teamId === undefined) next.teamId = null
      return next
    })
    setFields((current) => {
      const rest = { ...current }
      for (const key of Object.keys(patch)) delete rest[key]
      return rest
    })
  }, [])

  const locate = useCallback(
    async (how: 'map' | 'here') => {
      setError(null)
      if (!(await ensurePrivacy())) {
        setError(FORM_PRIVACY_REFUSED)
        return
      }
      setLocating(true)
      const res = how === 'map' ? await pickOnMap() : await locateHere()
      setLocating(false)
      if (!res.ok) {
        if (res.message) setError(res.message)
        return
      }
      setDraft((current) => ({ ...current, location: res.place.location, venueAddress: current.venueAddress || res.place.address || '' }))
      setFields(({ location: _location, ...rest }) => rest)
    },
    [ensurePrivacy]
  )

  const save = useCallback(
    async (publish: boolean) => {
      const errors = activityErrors(draft)
      if (Object.keys(errors).length) {
        setFields(errors)
        setError('还有内容没填好，请看标红的地方')
        return
      }
      if (draft.id && signedUp > 0 && !(await confirmed('保存修改？', `已报名的 ${signedUp} 人会收到活动变更通知。`, '保存'))) return
      setSaving(publish ? 'publish' : 'save')
      setError(null)
      const res = await call('volunteers.saveActivity', activityInputOf(draft))
      if (!res.ok) {
        setSaving(null)
        const next: Record<string, string> = {}
        for (const [path, message] of Object.entries(res.fields ?? {})) next[fieldOf(path)] = message
        setFields(next)
        setError(res.message)
        return
      }
      let saved = res.data
      setDraft((current) => ({ ...current, id: saved.id }))
      if (publish && saved.status === 'draft') {
        const published = await call('volunteers.publishActivity', { activityId: saved.id })
        if (!published.ok) {
          setSaving(null)
          setError(`已保存为草稿，但发布没有成功：${published.message}`)
          return
        }
        saved = published.data
      }
      setSaving(null)
      void Taro.showToast({ title: publish ? '已发布' : '已保存', icon: 'success' })
      onSaved(saved)
    },
    [draft, signedUp, onSaved]
  )

  return { draft, update, fields, error, saving, locating, locate, save }
}

export type ActivityForm = ReturnType<typeof useActivityForm>
