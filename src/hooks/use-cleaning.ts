import { useCallback, useState } from 'react'
import type { CleaningInspection, InputOf } from '@/contract'
import { useAppStore } from '@/store/app-store'
import { locateHere } from '@/services/location'
import { pickPhotos } from '@/services/photos'
import { releasePhoto } from '@/services/storage'
import { randomToken } from '@/services/storage-types'
import { uploadPending, withUploaded, type FormPhoto } from '@/services/photo-upload'
import { useAction } from './use-action'
import { useAdminScope } from './use-admin-scope'
import { useOrgOverview } from './use-org'
import { PRIVACY_REFUSED } from './use-report-draft'

export type CleaningPhoto = FormPhoto

/** This China month as the cleaning actions take it (YYYY-MM). */
export const monthKey = (year: number, month: number) => `${year}-${month < 10 ? `0${month}` : month}`

/** Photos picked after the privacy consent and uploaded on send (each once, kept uploaded for a retry). */
export function usePhotoSet(max: number) {
  const { ensurePrivacy } = useAppStore()
  const [photos, setPhotos] = useState<CleaningPhoto[]>([])
  const [notice, setNotice] = useState<string | null>(null)
  const add = useCallback(async () => {
    if (!(await ensurePrivacy())) return setNotice(PRIVACY_REFUSED)
    const picked = await pickPhotos(Math.max(1, max - photos.length))
    if (!picked.ok) return picked.cancelled ? undefined : setNotice(picked.message)
    setNotice(null)
    setPhotos((p) => [...p, ...picked.paths.map((path) => ({ key: randomToken(8), path, fileID: null }))].slice(0, max))
  }, [ensurePrivacy, max, photos.length])
  const remove = useCallback((key: string) => {
    setPhotos((p) => {
      const gone = p.find((x) => x.key === key)
      if (gone) releasePhoto(gone.path)
      return p.filter((x) => x.key !== key)
    })
  }, [])
  /** Uploads what is not uploaded yet; the file IDs, or null with the reason in `notice`. */
  const upload = useCallback(
    async (prefix: string): Promise<string[] | null> => {
      const res = await uploadPending(photos, prefix, (key, fileID) => setPhotos((all) => withUploaded(all, key, fileID)))
      if (res.ok) return res.data
      setNotice(res.message)
      return null
    },
    [photos]
  )
  return { photos, add, remove, upload, notice, setNotice }
}

export interface FindingDraft {
  note: string
  address: string
  location: { lng: number; lat: number } | null
}

/** 检查保洁区域: per checklist item 发现问题 or not; a finding needs a photo, a note and the place. One key per form. */
export function useInspectForm(zoneId: string) {
  const [key] = useState(() => `clean-${randomToken(16)}`)
  const [drafts, setDrafts] = useState<Record<string, FindingDraft>>({})
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [locating, setLocating] = useState<string | null>(null)
  const action = useAction('supervision.inspectZone')

  const toggle = useCallback((itemKey: string) => {
    setDrafts((d) => {
      if (d[itemKey]) {
        const { [itemKey]: _gone, ...rest } = d
        void _gone
        return rest
      }
      return { ...d, [itemKey]: { note: '', address: '', location: null } }
    })
  }, [])
  const update = useCallback((itemKey: string, patch: Partial<FindingDraft>) => setDrafts((d) => (d[itemKey] ? { ...d, [itemKey]: { ...d[itemKey], ...patch } } : d)), [])
  const locate = useCallback(
    async (itemKey: string) => {
      setLocating(itemKey)
      const res = await locateHere({ fresh: true })
      setLocating(null)
      if (res.ok) update(itemKey, { location: { lng: res.place.location.lng, lat: res.place.location.lat } })
      else setErrors((e) => ({ ...e, [itemKey]: res.message }))
    },
    [update]
  )

  const submit = useCallback(
    async (photosOf: (itemKey: string) => Promise<string[] | null>): Promise<CleaningInspection | null> => {
      const found: Record<string, string> = {}
      for (const [k, d] of Object.entries(drafts)) {
        if (d.note.trim().length < 2) found[k] = '请写明发现的问题'
        else if (!d.location) found[k] = '请标记位置'
      }
      setErrors(found)
      if (Object.keys(found).length) return null
      const findings: InputOf<'supervision.inspectZone'>['findings'] = []
      for (const [itemKey, d] of Object.entries(drafts)) {
        const photos = await photosOf(itemKey)
        if (!photos) return null
        if (!photos.length) {
          setErrors({ [itemKey]: '请至少拍一张照片' })
          return null
        }
        findings.push({ itemKey, note: d.note.trim(), photos, location: d.location as { lng: number; lat: number }, ...(d.address.trim() ? { address: d.address.trim() } : {}) })
      }
      const res = await action.run({ zoneId, key, findings })
      return res?.ok ? res.data : null
    },
    [action, drafts, key, zoneId]
  )
  return { drafts, toggle, update, locate, locating, errors, submit, busy: action.busy, message: action.message }
}

const TOWN_CENTRE = 'town_centre'

/**
 * The places whose cleaning the caller works on: their villages (the town office: every village and
 * 集镇). `villageId` is what the actions take (null = 集镇); `place` is null until the villages are known.
 */
export function useCleaningPlaces(adminsOnly: boolean) {
  const scope = useAdminScope()
  const org = useOrgOverview()
  const mine = adminsOnly ? scope.villageIds : scope.staffVillageIds
  const villages = (org.data?.villages ?? []).filter((v) => scope.isTownAdmin || mine.includes(v.id))
  const options = [...villages.map((v) => ({ value: v.id, label: v.name })), ...(scope.isTownAdmin ? [{ value: TOWN_CENTRE, label: '集镇' }] : [])]
  const [picked, setPicked] = useState<string | null>(null)
  // (not before the villages are known: the town office would first get 集镇, its only option until then)
  const place = picked ?? (org.data ? (options[0]?.value ?? null) : null)
  const none = !!org.data && options.length === 0
  return { scope, org, options, place, villageId: place === TOWN_CENTRE ? null : place, setPicked, none }
}
