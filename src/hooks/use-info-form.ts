import { useCallback, useState } from 'react'
import { MAX_INFO_PHOTOS, type InfoDetail, type InfoKind, type InfoSubmitterKind } from '@/contract'
import type { PickerPhoto } from '@/components/photo-picker'
import { useAppStore } from '@/store/app-store'
import { pickPhotos } from '@/services/photos'
import { releasePhoto } from '@/services/storage'
import { randomToken } from '@/services/storage-types'
import { uploadPending, withUploaded } from '@/services/photo-upload'
import { useAction, type FieldErrors } from './use-action'
import { PRIVACY_REFUSED } from './use-report-draft'

export interface InfoDraft {
  kind: InfoKind
  title: string
  text: string
  /** Kept photos (fileID set, path = their link) and new ones from the phone (fileID null until uploaded). */
  photos: PickerPhoto[]
}

const EMPTY: InfoDraft = { kind: 'news', title: '', text: '', photos: [] }

export const draftOf = (d: InfoDetail): InfoDraft => ({ kind: d.kind, title: d.title, text: d.text, photos: d.photos.map((p) => ({ key: p.fileId, path: p.url, fileID: p.fileId })) })

/**
 * The 信息报送 form: a new item for a village or unit (`sender`), or an edit of `editing` (待审, or
 * 已退回 — saving sends it again). Photos are uploaded on submit; a retry reuses the same key.
 */
export function useInfoForm(sender: { kind: InfoSubmitterKind; id: string } | null, editing: InfoDetail | null) {
  const { ensurePrivacy } = useAppStore()
  const [key] = useState(() => `info-${randomToken(16)}`)
  const [draft, setDraft] = useState<InfoDraft>(() => (editing ? draftOf(editing) : EMPTY))
  const [notice, setNotice] = useState<string | null>(null)
  const [uploading, setUploading] = useState(false)
  const submitAction = useAction('supervision.submitInfo')
  const editAction = useAction('supervision.editInfo')
  const action = editing ? editAction : submitAction

  const update = useCallback((patch: Partial<InfoDraft>) => setDraft((d) => ({ ...d, ...patch })), [])

  const addPhoto = useCallback(async () => {
    if (!(await ensurePrivacy())) return setNotice(PRIVACY_REFUSED)
    const picked = await pickPhotos(Math.max(1, MAX_INFO_PHOTOS - draft.photos.length))
    if (!picked.ok) return picked.cancelled ? undefined : setNotice(picked.message)
    setDraft((d) => ({ ...d, photos: [...d.photos, ...picked.paths.map((path) => ({ key: randomToken(8), path, fileID: null }))].slice(0, MAX_INFO_PHOTOS) }))
  }, [ensurePrivacy, draft.photos.length])

  const removePhoto = useCallback((photoKey: string) => {
    setDraft((d) => {
      const gone = d.photos.find((p) => p.key === photoKey)
      if (gone && !gone.fileID) releasePhoto(gone.path)
      return { ...d, photos: d.photos.filter((p) => p.key !== photoKey) }
    })
  }, [])

  /** Uploads the new photos (each kept as it goes up, so a retry sends only the rest); null when one failed. */
  const uploaded = async (): Promise<string[] | null> => {
    const res = await uploadPending(draft.photos, key, (photoKey, fileID) => setDraft((d) => ({ ...d, photos: withUploaded(d.photos, photoKey, fileID) })))
    if (res.ok) return res.data
    setNotice(res.message)
    return null
  }

  const submit = async (): Promise<InfoDetail | null> => {
    setNotice(null)
    setUploading(true)
    const photos = await uploaded()
    setUploading(false)
    if (!photos) return null
    const fields = { kind: draft.kind, title: draft.title.trim(), text: draft.text.trim(), photos }
    const res = editing
      ? await editAction.run({ infoId: editing.id, rev: editing.rev, ...fields })
      : sender
        ? await submitAction.run({ key, submitterKind: sender.kind, submitterId: sender.id, ...fields })
        : null
    return res?.ok ? res.data : null
  }

  const errors: FieldErrors = action.fieldErrors
  return { draft, update, addPhoto, removePhoto, submit, errors, busy: uploading || action.busy, notice: notice ?? action.message }
}
