/**
 * A patrol done on the phone, kept there until it is submitted once (督导巡查 works without signal):
 * the patrol as it was loaded (items, version), each item's 合格 / 不合格 with photos (local paths
 * until uploaded, then their fileIDs), note and place, and the one key every submission carries.
 */
import type { GeoPoint, InputOf, PatrolDetail, PatrolResult } from '@/contract'
import { newClientKey, readStoredDraft, removeStoredDraft, storeDraft, withoutLocalPhotos, type DraftPhoto } from './draft-store'

export interface PatrolItemDraft {
  result: PatrolResult | null
  note: string
  photos: DraftPhoto[]
  location: GeoPoint | null
  address: string
}

/** editing = may change; pending = sent (or being sent) with this key: frozen until it goes through (待重试). */
export interface PatrolDraft {
  version: 1
  patrolId: string
  key: string
  /** The patrol as loaded, so the form opens offline. */
  patrol: PatrolDetail
  items: Record<string, PatrolItemDraft>
  status: 'editing' | 'pending'
  lastError: string | null
  sentAt: string | null
  updatedAt: string
}

export const patrolDraftKey = (patrolId: string) => `wm.patrolDraft.${patrolId}`

export const emptyItem = (): PatrolItemDraft => ({ result: null, note: '', photos: [], location: null, address: '' })

export function newPatrolDraft(patrol: PatrolDetail, now: Date = new Date()): PatrolDraft {
  return {
    version: 1,
    patrolId: patrol.id,
    key: newClientKey(now.getTime()),
    patrol,
    items: Object.fromEntries(patrol.items.map((item) => [item.key, emptyItem()])),
    status: 'editing',
    lastError: null,
    sentAt: null,
    updatedAt: now.toISOString()
  }
}

export function loadPatrolDraft(patrolId: string): PatrolDraft | null {
  const d = readStoredDraft(patrolDraftKey(patrolId)) as Partial<PatrolDraft> | null
  if (!d || d.version !== 1 || d.patrolId !== patrolId || typeof d.key !== 'string' || !d.patrol || typeof d.items !== 'object') return null
  return d as PatrolDraft
}

/** Saves the draft; with storage full, keeps it without the photos not uploaded yet and returns false. */
export function savePatrolDraft(draft: PatrolDraft): boolean {
  return storeDraft(patrolDraftKey(draft.patrolId), draft, () => ({
    ...draft,
    items: Object.fromEntries(Object.entries(draft.items).map(([k, v]) => [k, { ...v, photos: withoutLocalPhotos(v.photos) }]))
  }))
}

export function clearPatrolDraft(patrolId: string): void {
  removeStoredDraft(patrolDraftKey(patrolId))
}

/** What is missing before the patrol can be sent, by item key (Chinese, shown beside the item). */
export function patrolDraftErrors(draft: PatrolDraft): Record<string, string> {
  const out: Record<string, string> = {}
  for (const item of draft.patrol.items) {
    const d = draft.items[item.key] ?? emptyItem()
    if (!d.result) out[item.key] = '请选择合格或不合格'
    else if (d.result === 'fail') {
      if (d.photos.length === 0) out[item.key] = '不合格的检查项请至少拍一张照片'
      else if (d.note.trim().length < 2) out[item.key] = '请写明问题（至少 2 个字）'
      else if (!d.location) out[item.key] = '请标记问题所在位置'
    }
  }
  return out
}

/** The submitPatrol input; a failed item's photos must all be uploaded by then. */
export function submitInput(draft: PatrolDraft): InputOf<'supervision.submitPatrol'> {
  return {
    patrolId: draft.patrolId,
    key: draft.key,
    version: draft.patrol.version,
    results: draft.patrol.items.map((item) => {
      const d = draft.items[item.key] ?? emptyItem()
      if (d.result !== 'fail') return { itemKey: item.key, result: 'pass' as const }
      return {
        itemKey: item.key,
        result: 'fail' as const,
        photos: d.photos.map((p) => p.fileID ?? '').filter(Boolean),
        note: d.note.trim(),
        ...(d.location ? { location: d.location } : {}),
        ...(d.address.trim().length >= 2 ? { address: d.address.trim() } : {})
      }
    })
  }
}
