import { useCallback, useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import type { ErrorCode, Fail, NearbyReport, ReportDetail } from '@/contract'
import { useAppStore } from '@/store/app-store'
import { call } from '@/services/call'
import { locateHere, pickOnMap } from '@/services/location'
import { MAX_PHOTOS, pickPhotos } from '@/services/photos'
import { clearDraft, createInput, draftErrors, loadDraft, newDraft, saveDraft, type DraftMode, type ReportDraft } from '@/services/report-drafts'
import { releasePhoto, uploadPhoto } from '@/services/storage'
import { askToSubscribe } from '@/services/subscribe'
import { REPORT_TEMPLATES } from '@/contract/subscribe-templates'
import { photoCloudPath, randomToken } from '@/services/storage-types'

export type SubmitPhase = 'idle' | 'checking' | 'uploading' | 'submitting'

export interface Notice {
  tone: 'error' | 'info'
  text: string
}

/** Failures worth retrying as they are: nothing was wrong with what the person wrote. */
const RETRYABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['INTERNAL', 'RATE_LIMITED', 'UNAUTHENTICATED'])

export const PRIVACY_REFUSED = '您未同意隐私保护指引，暂不能拍照和定位。可以在“我的”页查看并同意；地址可以直接填写。'

/** One submission per kind of draft at a time, even if the page was left and opened again meanwhile. */
const inFlight = new Set<DraftMode>()

type Editable = Pick<ReportDraft, 'category' | 'description' | 'address' | 'villageId' | 'gridId' | 'anonymous' | 'location'>

function nearbyKey(draft: ReportDraft): string | null {
  return draft.location ? `${draft.category}|${draft.location.lng}|${draft.location.lat}` : null
}

function topLevelFields(fields: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [path, message] of Object.entries(fields ?? {})) {
    const key = path.split('.')[0]
    if (!(key in out)) out[key] = message
  }
  return out
}

/**
 * The 随手拍 form as a draft kept on the phone. Every change is saved at once; submitting uploads
 * the photos not uploaded yet (their fileIDs are kept in the draft), then sends reports.create with
 * the draft's one clientKey. A network failure leaves the draft 待重试 (frozen, retried with the
 * same key by the button or when the page shows again); a refusal of the content keeps it editable.
 */
export function useReportDraft(mode: DraftMode) {
  const { profile, ensurePrivacy } = useAppStore()
  const [initial] = useState(() => loadDraft(mode))
  const [draft, setDraft] = useState<ReportDraft>(() => initial?.draft ?? newDraft(mode, { villageId: profile?.villageId ?? null, gridId: profile?.gridId ?? null }))
  const draftRef = useRef(draft)
  const [fields, setFields] = useState<Record<string, string>>({})
  const [notice, setNotice] = useState<Notice | null>(() =>
    initial?.lostPhotos ? { tone: 'error', text: `有 ${initial.lostPhotos} 张照片没能保存在手机上，请重新添加` } : null
  )
  const [phase, setPhase] = useState<SubmitPhase>('idle')
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null)
  const [nearby, setNearby] = useState<NearbyReport[] | null>(null)
  const [supported, setSupported] = useState<string[]>([])
  const [supporting, setSupporting] = useState<string | null>(null)
  const [created, setCreated] = useState<ReportDetail | null>(null)
  const [locating, setLocating] = useState(false)
  const [locationMessage, setLocationMessage] = useState<string | null>(null)
  const [photoMessage, setPhotoMessage] = useState<string | null>(null)
  const [storageFull, setStorageFull] = useState(false)
  const busy = useRef(false)
  const checkedNearby = useRef<string | null>(null)

  const commit = useCallback((next: ReportDraft) => {
    draftRef.current = next
    setDraft(next)
    setStorageFull(!saveDraft(next))
  }, [])

  const editable = draft.status === 'editing' && phase === 'idle'

  // The profile may arrive after the form: fill the village and grid if still empty.
  useEffect(() => {
    const current = draftRef.current
    if (current.status !== 'editing' || current.villageId || !profile?.villageId) return
    commit({ ...current, villageId: profile.villageId, gridId: profile.gridId })
  }, [profile?.villageId, profile?.gridId, commit])

  const update = useCallback(
    (patch: Partial<Editable>) => {
      const current = draftRef.current
      if (current.status !== 'editing' || busy.current) return
      const next = { ...current, ...patch, updatedAt: new Date().toISOString() }
      // A grid belongs to one village.
      if (patch.villageId !== undefined && patch.villageId !== current.villageId && patch.gridId === undefined) next.gridId = null
      commit(next)
      if (patch.category !== undefined || patch.location !== undefined) setNearby(null)
      setFields((existing) => {
        const keys = Object.keys(patch).filter((key) => key in existing)
        if (!keys.length) return existing
        const rest = { ...existing }
        keys.forEach((key) => delete rest[key])
        return rest
      })
    },
    [commit]
  )

  const addPhotos = useCallback(async () => {
    setPhotoMessage(null)
    const room = MAX_PHOTOS - draftRef.current.photos.length
    if (room <= 0) {
      setPhotoMessage(`最多 ${MAX_PHOTOS} 张照片`)
      return
    }
    if (!(await ensurePrivacy())) {
      setPhotoMessage(PRIVACY_REFUSED)
      return
    }
    const res = await pickPhotos(room)
    if (!res.ok) {
      if (!res.cancelled) setPhotoMessage(res.message)
      return
    }
    const current = draftRef.current
    if (current.status !== 'editing') return
    const added = res.paths.map((path) => ({ key: randomToken(8), path, fileID: null }))
    commit({ ...current, photos: [...current.photos, ...added].slice(0, MAX_PHOTOS), updatedAt: new Date().toISOString() })
    setFields((existing) => {
      if (!existing.photos) return existing
      const { photos: _photos, ...rest } = existing
      return rest
    })
  }, [commit, ensurePrivacy])

  const removePhoto = useCallback(
    (key: string) => {
      const current = draftRef.current
      if (current.status !== 'editing' || busy.current) return
      const photo = current.photos.find((item) => item.key === key)
      if (photo) releasePhoto(photo.path)
      commit({ ...current, photos: current.photos.filter((item) => item.key !== key), updatedAt: new Date().toISOString() })
    },
    [commit]
  )

  const locate = useCallback(
    async (how: 'here' | 'map') => {
      setLocationMessage(null)
      if (!(await ensurePrivacy())) {
        setLocationMessage(PRIVACY_REFUSED)
        return
      }
      setLocating(true)
      const res = how === 'here' ? await locateHere() : await pickOnMap()
      setLocating(false)
      if (!res.ok) {
        if (res.reason !== 'cancelled') setLocationMessage(res.message)
        return
      }
      const current = draftRef.current
      const address = res.place.address && (how === 'map' || !current.address.trim()) ? res.place.address : undefined
      update({ location: res.place.location, ...(address ? { address } : {}) })
    },
    [ensurePrivacy, update]
  )

  const succeed = useCallback(
    (report: ReportDetail) => {
      const done = draftRef.current
      done.photos.forEach((photo) => releasePhoto(photo.path))
      clearDraft(mode)
      commit(newDraft(mode, { villageId: profile?.villageId ?? done.villageId, gridId: profile?.gridId ?? done.gridId }))
      checkedNearby.current = null
      setNearby(null)
      setSupported([])
      setCreated(report)
      setNotice(null)
    },
    [commit, mode, profile?.villageId, profile?.gridId]
  )

  const fail = useCallback(
    (res: Fail, createSent: boolean) => {
      const current = draftRef.current
      if (RETRYABLE.has(res.code)) {
        commit({ ...current, status: 'pending', lastError: res.message })
        setNotice({ tone: 'error', text: `提交没有成功：${res.message}。内容已保存在手机上（待重试），有信号时会自动重新提交，也可以点“重新提交”。` })
        return
      }
      // The server looked at it and said no: nothing was created, so it is safe to edit again.
      commit({ ...current, status: 'editing', lastError: null, sentAt: createSent ? null : current.sentAt })
      setFields(topLevelFields(res.fields))
      setNotice({ tone: 'error', text: res.message })
    },
    [commit]
  )

  /** Uploads what is missing, then reports.create with the draft's clientKey. */
  const send = useCallback(async () => {
    if (busy.current || inFlight.has(mode)) return
    busy.current = true
    inFlight.add(mode)
    setNotice(null)
    setFields({})
    try {
      const total = draftRef.current.photos.length
      const waiting = draftRef.current.photos.filter((photo) => !photo.fileID)
      if (waiting.length) {
        setPhase('uploading')
        let done = total - waiting.length
        setProgress({ done, total })
        for (const photo of waiting) {
          const res = await uploadPhoto(photo.path, photoCloudPath(`${draftRef.current.clientKey}-${photo.key}`))
          if (!res.ok) return fail(res, false)
          const current = draftRef.current
          commit({ ...current, photos: current.photos.map((item) => (item.key === photo.key ? { ...item, fileID: res.data } : item)) })
          setProgress({ done: ++done, total })
        }
      }
      setPhase('submitting')
      const sending: ReportDraft = { ...draftRef.current, status: 'pending', lastError: null, sentAt: draftRef.current.sentAt ?? new Date().toISOString() }
      commit(sending)
      const res = await call('reports.create', createInput(sending))
      if (res.ok) succeed(res.data)
      else fail(res, true)
    } finally {
      busy.current = false
      inFlight.delete(mode)
      setPhase('idle')
      setProgress(null)
    }
  }, [commit, fail, succeed, mode])

  /** 提交: check the form, show nearby problems of the same kind once, then send. */
  const submit = useCallback(async () => {
    const current = draftRef.current
    if (busy.current || current.status !== 'editing') return
    const errors = draftErrors(current)
    if (Object.keys(errors).length) {
      setFields(errors)
      setNotice({ tone: 'error', text: '还有内容没填好，请看标红的地方' })
      return
    }
    // WeChat opens the 订阅消息 dialog only from the tap itself, so before any request; a refusal is fine.
    // 督导 too: whoever files a report, resident or inspector, is told of each status change.
    busy.current = true
    await askToSubscribe(REPORT_TEMPLATES)
    busy.current = false
    const key = nearbyKey(current)
    if (key && checkedNearby.current !== key && current.location) {
      busy.current = true
      setPhase('checking')
      const res = await call('reports.nearby', { category: current.category, location: current.location })
      busy.current = false
      setPhase('idle')
      checkedNearby.current = key
      if (res.ok && res.data.length) {
        setNearby(res.data)
        return
      }
    }
    await send()
  }, [send])

  /** Past the nearby list: file a new report anyway. */
  const submitAnyway = useCallback(async () => {
    setNearby(null)
    await send()
  }, [send])

  const retry = useCallback(async () => {
    if (draftRef.current.status === 'pending') await send()
  }, [send])

  /** Called when the page shows again: a draft waiting for signal goes out by itself. */
  const retryIfPending = useCallback(() => {
    if (draftRef.current.status === 'pending' && !busy.current) void send()
  }, [send])

  /** A 待重试 draft that never reached reports.create may be changed again. */
  const unlock = useCallback(() => {
    const current = draftRef.current
    if (current.status !== 'pending' || current.sentAt || busy.current) return
    commit({ ...current, status: 'editing', lastError: null })
    setNotice(null)
  }, [commit])

  const discard = useCallback(async () => {
    if (busy.current) return
    const res = await Taro.showModal({ title: '清空这次填写的内容？', content: '照片和文字都会删除，不能恢复。', confirmText: '清空', cancelText: '保留', confirmColor: '#c8161d' }).catch(() => ({ confirm: false }))
    if (!res.confirm) return
    draftRef.current.photos.forEach((photo) => releasePhoto(photo.path))
    clearDraft(mode)
    commit(newDraft(mode, { villageId: profile?.villageId ?? null, gridId: profile?.gridId ?? null }))
    checkedNearby.current = null
    setNearby(null)
    setSupported([])
    setFields({})
    setNotice(null)
  }, [commit, mode, profile?.villageId, profile?.gridId])

  /** 我也遇到了: add my voice to an existing problem instead of filing a new one. */
  const support = useCallback(async (reportId: string) => {
    setSupporting(reportId)
    const res = await call('reports.support', { reportId })
    setSupporting(null)
    if (!res.ok) {
      void Taro.showToast({ title: res.message, icon: 'none', duration: 2500 })
      return
    }
    setSupported((ids) => (ids.includes(reportId) ? ids : [...ids, reportId]))
    setNearby((items) => items?.map((item) => (item.id === reportId ? res.data : item)) ?? null)
    void Taro.showToast({ title: '已告诉处理人员，谢谢您', icon: 'success' })
  }, [])

  const closeCreated = useCallback(() => setCreated(null), [])

  return {
    draft,
    editable,
    fields,
    notice,
    phase,
    progress,
    nearby,
    supported,
    supporting,
    created,
    locating,
    locationMessage,
    photoMessage,
    storageFull,
    update,
    addPhotos,
    removePhoto,
    locate,
    submit,
    submitAnyway,
    retry,
    retryIfPending,
    unlock,
    discard,
    support,
    closeCreated
  }
}

export type ReportDraftController = ReturnType<typeof useReportDraft>
