import type { GeoPoint, InputOf } from '@/contract'
import { newClientKey, readStoredDraft, removeStoredDraft, storeDraft, withoutLocalPhotos, type DraftPhoto } from './draft-store'
import { validateInput } from './validate'

export { newClientKey, type DraftPhoto } from './draft-store'

/** 随手拍 by a resident, or 督导 filed by a grid worker / the town office on patrol. */
export type DraftMode = 'resident' | 'inspection'

/**
 * editing = the person may change it. pending = reports.create has been (or is being) sent with
 * this clientKey: the content is frozen until it goes through, so a retry cannot create a second
 * report and an edit cannot be silently dropped (待重试).
 */
export type DraftStatus = 'editing' | 'pending'

export interface ReportDraft {
  version: 1
  clientKey: string
  mode: DraftMode
  category: string
  description: string
  photos: DraftPhoto[]
  location: GeoPoint | null
  address: string
  villageId: string | null
  gridId: string | null
  anonymous: boolean
  status: DraftStatus
  /** Why the last attempt failed (shown with 待重试). */
  lastError: string | null
  /** When reports.create was first sent with this clientKey; null = never sent, still safe to edit. */
  sentAt: string | null
  createdAt: string
  updatedAt: string
}

export interface DraftDefaults {
  villageId: string | null
  gridId: string | null
}

const CLIENT_KEY = /^[A-Za-z0-9_-]{8,64}$/

export function draftStorageKey(mode: DraftMode): string {
  return `wm.reportDraft.${mode}`
}

export function newDraft(mode: DraftMode, defaults: DraftDefaults, now: Date = new Date()): ReportDraft {
  const at = now.toISOString()
  return {
    version: 1,
    clientKey: newClientKey(now.getTime()),
    mode,
    category: '',
    description: '',
    photos: [],
    location: null,
    address: '',
    villageId: defaults.villageId,
    gridId: defaults.villageId ? defaults.gridId : null,
    anonymous: false,
    status: 'editing',
    lastError: null,
    sentAt: null,
    createdAt: at,
    updatedAt: at
  }
}

function isDraft(value: unknown, mode: DraftMode): value is ReportDraft {
  if (typeof value !== 'object' || value === null) return false
  const draft = value as Partial<ReportDraft>
  return draft.version === 1 && draft.mode === mode && typeof draft.clientKey === 'string' && CLIENT_KEY.test(draft.clientKey) && Array.isArray(draft.photos)
}

export interface LoadedDraft {
  draft: ReportDraft
  /** Photos that could not be kept on the phone (storage full) and must be picked again. */
  lostPhotos: number
}

export function loadDraft(mode: DraftMode): LoadedDraft | null {
  const raw = readStoredDraft(draftStorageKey(mode))
  if (!isDraft(raw, mode)) return null
  const photos = raw.photos.filter((photo) => photo.fileID || photo.path)
  return { draft: { ...raw, photos, sentAt: raw.sentAt ?? null }, lostPhotos: raw.photos.length - photos.length }
}

/**
 * Saves the draft on the phone. If storage is full (large photos in the browser build), the
 * text and uploaded photos are saved without the not-yet-uploaded photo bytes; returns false then.
 */
export function saveDraft(draft: ReportDraft): boolean {
  return storeDraft(draftStorageKey(draft.mode), draft, () => ({ ...draft, photos: withoutLocalPhotos(draft.photos) }))
}

export function clearDraft(mode: DraftMode): void {
  removeStoredDraft(draftStorageKey(mode))
}

/** The reports.create input; photos not uploaded yet are stood in for by `placeholder`. */
export function createInput(draft: ReportDraft, placeholder?: string): InputOf<'reports.create'> {
  return {
    clientKey: draft.clientKey,
    category: draft.category,
    description: draft.description,
    photos: draft.photos.map((photo) => photo.fileID ?? placeholder ?? '').filter(Boolean),
    location: draft.location,
    address: draft.address,
    villageId: draft.villageId ?? '',
    gridId: draft.gridId,
    anonymous: draft.anonymous,
    ...(draft.mode === 'inspection' ? { inspection: true } : {})
  }
}

/** Field → Chinese message, with the contract schema; empty when the draft can be submitted. */
export function draftErrors(draft: ReportDraft): Record<string, string> {
  const fields: Record<string, string> = {}
  const invalid = validateInput('reports.create', createInput(draft, 'pending-upload'))
  for (const [path, message] of Object.entries(invalid?.fields ?? {})) {
    const field = path.split('.')[0]
    if (!(field in fields)) fields[field] = message
  }
  // Friendlier words for what is simply missing.
  if (!draft.category) fields.category = '请选择问题类别'
  if (!draft.villageId) fields.villageId = '请选择所在村（居）'
  if (draft.photos.length === 0) fields.photos = '请至少拍一张现场照片'
  return fields
}
