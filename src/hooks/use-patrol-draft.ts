import { useCallback, useEffect, useRef, useState } from 'react'
import type { ErrorCode, PatrolDetail, PatrolResult } from '@/contract'
import { useAppStore } from '@/store/app-store'
import { call } from '@/services/call'
import { locateHere } from '@/services/location'
import { MAX_PHOTOS, pickPhotos } from '@/services/photos'
import { clearPatrolDraft, emptyItem, loadPatrolDraft, newPatrolDraft, patrolDraftErrors, savePatrolDraft, submitInput, type PatrolDraft, type PatrolItemDraft } from '@/services/patrol-drafts'
import { releasePhoto, uploadPhoto } from '@/services/storage'
import { photoCloudPath, randomToken } from '@/services/storage-types'
import { useQuery } from './use-query'
import { PRIVACY_REFUSED } from './use-report-draft'

/** Failures worth retrying as they are: nothing was wrong with what the patroller recorded. */
const RETRYABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['INTERNAL', 'RATE_LIMITED', 'UNAUTHENTICATED'])

export type PatrolPhase = 'idle' | 'uploading' | 'submitting'

/**
 * One patrol: its detail from the server (or, without signal, as the draft kept it), and — while it
 * can be submitted — the draft on the phone. Every change is saved at once; submitting uploads the
 * photos not uploaded yet, then sends supervision.submitPatrol with the draft's one key. A network
 * failure leaves it 待重试 (frozen, retried with the same key); a refusal makes it editable again.
 */
export function usePatrolDraft(patrolId: string) {
  const { ensurePrivacy } = useAppStore()
  const remote = useQuery('supervision.patrol', patrolId ? { patrolId } : null)
  const [draft, setDraft] = useState<PatrolDraft | null>(() => (patrolId ? loadPatrolDraft(patrolId) : null))
  const draftRef = useRef(draft)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [notice, setNotice] = useState<string | null>(null)
  const [phase, setPhase] = useState<PatrolPhase>('idle')
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null)
  const [locating, setLocating] = useState<string | null>(null)
  const busy = useRef(false)

  const commit = useCallback((next: PatrolDraft | null) => {
    draftRef.current = next
    setDraft(next)
    if (next) savePatrolDraft(next)
  }, [])

  const patrol: PatrolDetail | null = remote.data ?? draft?.patrol ?? null

  // Submitted (from this phone or another): the draft has done its work.
  useEffect(() => {
    const d = draftRef.current
    if (remote.data && d && remote.data.status === 'done' && d.status === 'editing' && !d.sentAt) {
      Object.values(d.items).forEach((item) => item.photos.forEach((p) => releasePhoto(p.path)))
      clearPatrolDraft(patrolId)
      commit(null)
    }
  }, [remote.data, patrolId, commit])

  const editable = Boolean(patrol?.canSubmit) && (draft?.status ?? 'editing') === 'editing' && phase === 'idle'

  /** The draft to change: the stored one, or a new one from the loaded patrol at the first change. */
  const current = useCallback((): PatrolDraft | null => {
    if (draftRef.current) return draftRef.current
    return remote.data?.canSubmit ? newPatrolDraft(remote.data) : null
  }, [remote.data])

  const updateItem = useCallback(
    (itemKey: string, patch: Partial<PatrolItemDraft>) => {
      const d = current()
      if (!d || d.status !== 'editing' || busy.current) return
      const item = { ...(d.items[itemKey] ?? emptyItem()), ...patch }
      commit({ ...d, items: { ...d.items, [itemKey]: item }, updatedAt: new Date().toISOString() })
      setErrors((e) => {
        if (!(itemKey in e)) return e
        const { [itemKey]: _gone, ...rest } = e
        return rest
      })
    },
    [commit, current]
  )

  const setResult = useCallback((itemKey: string, result: PatrolResult) => updateItem(itemKey, { result }), [updateItem])

  const addPhotos = useCallback(
    async (itemKey: string) => {
      const d = current()
      if (!d || d.status !== 'editing') return
      const have = d.items[itemKey]?.photos.length ?? 0
      if (have >= MAX_PHOTOS) return setNotice(`每项最多 ${MAX_PHOTOS} 张照片`)
      if (!(await ensurePrivacy())) return setNotice(PRIVACY_REFUSED)
      const res = await pickPhotos(MAX_PHOTOS - have)
      if (!res.ok) {
        if (!res.cancelled) setNotice(res.message)
        return
      }
      const latest = current()
      const photos = [...(latest?.items[itemKey]?.photos ?? []), ...res.paths.map((path) => ({ key: randomToken(8), path, fileID: null }))].slice(0, MAX_PHOTOS)
      updateItem(itemKey, { photos })
    },
    [current, ensurePrivacy, updateItem]
  )

  const removePhoto = useCallback(
    (itemKey: string, photoKey: string) => {
      const item = current()?.items[itemKey]
      const photo = item?.photos.find((p) => p.key === photoKey)
      if (!item || !photo) return
      releasePhoto(photo.path)
      updateItem(itemKey, { photos: item.photos.filter((p) => p.key !== photoKey) })
    },
    [current, updateItem]
  )

  const locate = useCallback(
    async (itemKey: string) => {
      if (!(await ensurePrivacy())) return setNotice(PRIVACY_REFUSED)
      setLocating(itemKey)
      const res = await locateHere()
      setLocating(null)
      if (!res.ok) {
        if (res.reason !== 'cancelled') setNotice(res.message)
        return
      }
      const item = current()?.items[itemKey]
      updateItem(itemKey, { location: res.place.location, ...(res.place.address && !item?.address.trim() ? { address: res.place.address } : {}) })
    },
    [current, ensurePrivacy, updateItem]
  )

  const send = useCallback(async () => {
    const start = draftRef.current
    if (!start || busy.current) return
    busy.current = true
    setNotice(null)
    try {
      const failed = start.patrol.items.filter((item) => start.items[item.key]?.result === 'fail')
      const waiting = failed.flatMap((item) => start.items[item.key].photos.filter((p) => !p.fileID).map((p) => ({ itemKey: item.key, photo: p })))
      if (waiting.length) {
        setPhase('uploading')
        let done = 0
        setProgress({ done, total: waiting.length })
        for (const { itemKey, photo } of waiting) {
          const up = await uploadPhoto(photo.path, photoCloudPath(`${start.key}-${photo.key}`))
          const d = draftRef.current as PatrolDraft
          if (!up.ok) {
            commit({ ...d, status: 'pending', lastError: up.message })
            setNotice(`照片上传没有成功：${up.message}。巡查记录已保存在手机上（待重试），有信号时再点“重新提交”。`)
            return
          }
          const item = d.items[itemKey]
          commit({ ...d, items: { ...d.items, [itemKey]: { ...item, photos: item.photos.map((p) => (p.key === photo.key ? { ...p, fileID: up.data } : p)) } } })
          setProgress({ done: ++done, total: waiting.length })
        }
      }
      setPhase('submitting')
      const sending: PatrolDraft = { ...(draftRef.current as PatrolDraft), status: 'pending', lastError: null, sentAt: draftRef.current?.sentAt ?? new Date().toISOString() }
      commit(sending)
      const res = await call('supervision.submitPatrol', submitInput(sending))
      if (res.ok) {
        Object.values(sending.items).forEach((item) => item.photos.forEach((p) => releasePhoto(p.path)))
        clearPatrolDraft(patrolId)
        commit(null)
        remote.setData(() => res.data)
        return
      }
      if (RETRYABLE.has(res.code)) {
        commit({ ...sending, lastError: res.message })
        setNotice(`提交没有成功：${res.message}。巡查记录已保存在手机上（待重试），有信号时会自动重新提交，也可以点“重新提交”。`)
      } else {
        commit({ ...sending, status: 'editing', lastError: null })
        setNotice(res.message)
      }
    } finally {
      busy.current = false
      setPhase('idle')
      setProgress(null)
    }
  }, [commit, patrolId, remote])

  const submit = useCallback(async () => {
    const d = current()
    if (!d || d.status !== 'editing') return
    const found = patrolDraftErrors(d)
    if (Object.keys(found).length) {
      setErrors(found)
      setNotice(`还有 ${Object.keys(found).length} 项没填好，请看标红的检查项`)
      return
    }
    if (!draftRef.current) commit(d)
    await send()
  }, [commit, current, send])

  /** When the page shows again: a patrol waiting for signal goes out by itself. */
  const retryIfPending = useCallback(() => {
    if (draftRef.current?.status === 'pending' && !busy.current) void send()
  }, [send])

  return { patrol, remote, draft, editable, errors, notice, phase, progress, locating, setResult, updateItem, addPhotos, removePhoto, locate, submit, retry: send, retryIfPending }
}
