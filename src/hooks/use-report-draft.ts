import { useCallback, useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import type { MyProfile } from '@/contract'
import { initialState, isBusy, nearbyToCheck, nextUpload, reportDraftReducer, type DraftPhase, type Editable, type Notice, type ReportDraftAction, type ReportDraftState } from '@/domain/report-draft'
import { useAppStore } from '@/store/app-store'
import { call } from '@/services/call'
import { locateHere, pickOnMap } from '@/services/location'
import { MAX_PHOTOS, pickPhotos } from '@/services/photos'
import { createInput, draftErrors, loadDraft, newDraft, saveDraft, type DraftDefaults, type DraftMode } from '@/services/report-drafts'
import { releasePhoto, uploadPhoto } from '@/services/storage'
import { askToSubscribe } from '@/services/subscribe'
import { REPORT_TEMPLATES } from '@/contract/subscribe-templates'
import { photoCloudPath, randomToken } from '@/services/storage-types'
import { useAction } from './use-action'

export type { DraftPhase, Notice }

export const PRIVACY_REFUSED = '您未同意隐私保护指引，暂不能拍照和定位。可以在“我的”页查看并同意；地址可以直接填写。'

/** Applies an action to a form's state; false when the reducer refused it (nothing changed). */
type Dispatch = (action: ReportDraftAction) => boolean

const now = () => new Date().toISOString()

const defaultsOf = (profile: MyProfile | null): DraftDefaults => ({ villageId: profile?.villageId ?? null, gridId: profile?.gridId ?? null })

/**
 * A send under way (uploads, then reports.create): it has its own copy of the state, saves each
 * step on the phone and tells every form following it. It outlives the form that started it — the
 * page may be left, the outcome is still saved — and there is at most one per kind of draft: a
 * form of that kind opened meanwhile follows it (shows where it stands and its outcome) instead of
 * sending the same draft a second time, which on the server would take a second daily slot and a
 * second content check before the clientKey made the two one report.
 */
interface Flight {
  state: ReportDraftState
  forms: Set<Dispatch>
}

const flights = new Map<DraftMode, Flight>()

function emit(flight: Flight, action: ReportDraftAction): boolean {
  const before = flight.state
  const next = reportDraftReducer(before, action)
  if (next === before) return false
  const saved: ReportDraftAction | null = next.draft !== before.draft ? { type: 'saved', ok: saveDraft(next.draft) } : null
  flight.state = saved ? reportDraftReducer(next, saved) : next
  flight.forms.forEach((receive) => {
    receive(action)
    if (saved) receive(saved)
  })
  return true
}

/** Follows the send of this kind of draft if there is one (true), from where it stands. */
function join(mode: DraftMode, receive: Dispatch): boolean {
  const flight = flights.get(mode)
  if (!flight) return false
  if (!flight.forms.has(receive)) {
    flight.forms.add(receive)
    receive({ type: 'joined', from: flight.state })
  }
  return true
}

async function fly(mode: DraftMode, flight: Flight, defaults: DraftDefaults): Promise<void> {
  try {
    for (let photo = nextUpload(flight.state); photo; photo = nextUpload(flight.state)) {
      const res = await uploadPhoto(photo.path, photoCloudPath(`${flight.state.draft.clientKey}-${photo.key}`))
      if (!res.ok) {
        emit(flight, { type: 'failed', failure: res })
        return
      }
      if (!emit(flight, { type: 'uploaded', key: photo.key, fileID: res.data, at: now() })) return
    }
    if (flight.state.phase !== 'submitting') return
    const sent = flight.state.draft
    const res = await call('reports.create', createInput(sent))
    if (!res.ok) {
      emit(flight, { type: 'failed', failure: res })
      return
    }
    sent.photos.forEach((photo) => releasePhoto(photo.path))
    const fresh = newDraft(mode, { villageId: defaults.villageId ?? sent.villageId, gridId: defaults.gridId ?? sent.gridId })
    emit(flight, { type: 'created', report: res.data, fresh })
  } catch {
    // Uploads and calls answer failures as results; anything else must not leave the form waiting.
    emit(flight, { type: 'failed', failure: { code: 'INTERNAL', message: '提交没有完成，请稍后重试' } })
  } finally {
    flights.delete(mode)
  }
}

/**
 * The form's state: the pure reducer of `domain/report-draft` over useState, with the latest state
 * in a ref (read after awaits) and a dispatch that says whether the action was taken — the
 * reducer's refusal is the guard against a second 提交 — and saves the draft whenever it changed.
 * `receive` applies an action of a send, which saves the draft itself.
 */
function useDraftStore(init: () => ReportDraftState) {
  const [state, setState] = useState(init)
  const ref = useRef(state)
  const receive = useCallback<Dispatch>((action) => {
    const next = reportDraftReducer(ref.current, action)
    if (next === ref.current) return false
    ref.current = next
    setState(next)
    return true
  }, [])
  const dispatch = useCallback<Dispatch>(
    (action) => {
      const before = ref.current.draft
      if (!receive(action)) return false
      if (ref.current.draft !== before) receive({ type: 'saved', ok: saveDraft(ref.current.draft) })
      return true
    },
    [receive]
  )
  return { state, ref, receive, dispatch }
}

/**
 * The 随手拍 form as a draft kept on the phone. Every change is saved at once; submitting uploads
 * the photos not uploaded yet (their fileIDs are kept in the draft), then sends reports.create with
 * the draft's one clientKey. A network failure leaves the draft 待重试 (frozen, retried with the
 * same key by the button or when the page shows again); a refusal of the content keeps it editable.
 * The lifecycle (editing → checking → uploading → submitting → created, or pending) is
 * `domain/report-draft.ts`; this hook runs its side effects.
 */
export function useReportDraft(mode: DraftMode) {
  const { profile, ensurePrivacy } = useAppStore()
  const { state, ref, receive, dispatch } = useDraftStore(() => {
    const loaded = loadDraft(mode)
    return initialState(loaded?.draft ?? newDraft(mode, defaultsOf(profile)), loaded?.lostPhotos ?? 0)
  })
  const supportAction = useAction('reports.support')
  const runSupport = supportAction.run
  // A fresh draft (after 已提交 or 清空重填) starts in the person's own village and grid.
  const homeVillage = profile?.villageId ?? null
  const homeGrid = profile?.gridId ?? null

  // Opened while this kind of draft is being sent (the page was left and opened again): follow that send.
  useEffect(() => {
    join(mode, receive)
    return () => {
      flights.get(mode)?.forms.delete(receive)
    }
  }, [mode, receive])

  // The profile may arrive after the form: fill the village and grid if still empty.
  useEffect(() => {
    if (profile?.villageId) dispatch({ type: 'profileLoaded', villageId: profile.villageId, gridId: profile.gridId ?? null })
  }, [profile?.villageId, profile?.gridId, dispatch])

  const update = useCallback((patch: Partial<Editable>) => void dispatch({ type: 'edit', patch, at: now() }), [dispatch])

  const addPhotos = useCallback(async () => {
    dispatch({ type: 'photoMessage', text: null })
    const room = MAX_PHOTOS - ref.current.draft.photos.length
    if (room <= 0) return void dispatch({ type: 'photoMessage', text: `最多 ${MAX_PHOTOS} 张照片` })
    if (!(await ensurePrivacy())) return void dispatch({ type: 'photoMessage', text: PRIVACY_REFUSED })
    const res = await pickPhotos(room)
    if (!res.ok) {
      if (!res.cancelled) dispatch({ type: 'photoMessage', text: res.message })
      return
    }
    const photos = res.paths.map((path) => ({ key: randomToken(8), path, fileID: null }))
    // Picked while the form stopped taking changes (it is being sent): not kept, so let go.
    if (!dispatch({ type: 'photosAdded', photos, max: MAX_PHOTOS, at: now() })) photos.forEach((photo) => releasePhoto(photo.path))
  }, [dispatch, ensurePrivacy, ref])

  const removePhoto = useCallback(
    (key: string) => {
      const photo = ref.current.draft.photos.find((item) => item.key === key)
      if (photo && dispatch({ type: 'photoRemoved', key, at: now() })) releasePhoto(photo.path)
    },
    [dispatch, ref]
  )

  const locate = useCallback(
    async (how: 'here' | 'map') => {
      dispatch({ type: 'locationMessage', text: null })
      if (!(await ensurePrivacy())) return void dispatch({ type: 'locationMessage', text: PRIVACY_REFUSED })
      dispatch({ type: 'locating' })
      const res = how === 'here' ? await locateHere() : await pickOnMap()
      if (!res.ok) return void dispatch({ type: 'locateFailed', message: res.reason === 'cancelled' ? null : res.message })
      dispatch({ type: 'located', how, location: res.place.location, address: res.place.address, at: now() })
    },
    [dispatch, ensurePrivacy]
  )

  /** Uploads what is missing, then reports.create with the draft's clientKey — or follows the send already under way. */
  const send = useCallback(async () => {
    if (join(mode, receive)) return
    const at = now()
    if (reportDraftReducer(ref.current, { type: 'send', at }) === ref.current) return
    const flight: Flight = { state: ref.current, forms: new Set([receive]) }
    flights.set(mode, flight)
    emit(flight, { type: 'send', at })
    await fly(mode, flight, { villageId: homeVillage, gridId: homeGrid })
  }, [mode, homeVillage, homeGrid, receive, ref])

  /** 提交: check the form, show nearby problems of the same kind once, then send. */
  const submit = useCallback(async () => {
    const current = ref.current
    if (current.phase !== 'editing') return
    const errors = draftErrors(current.draft)
    if (!dispatch({ type: 'submit', errors }) || Object.keys(errors).length) return
    // WeChat opens the 订阅消息 dialog only from the tap itself, so before any request; a refusal is fine.
    // 督导 too: whoever files a report, resident or inspector, is told of each status change.
    await askToSubscribe(REPORT_TEMPLATES)
    const key = nearbyToCheck(ref.current)
    const location = current.draft.location
    if (key && location) {
      dispatch({ type: 'nearbyAsked' })
      const res = await call('reports.nearby', { category: current.draft.category, location })
      dispatch({ type: 'nearbyChecked', key, items: res.ok ? res.data : [] })
      if (ref.current.phase !== 'checking') return
    }
    await send()
  }, [dispatch, ref, send])

  /** Past the nearby list: file a new report anyway. */
  const submitAnyway = send

  const retry = useCallback(async () => {
    if (ref.current.phase === 'pending') await send()
  }, [ref, send])

  /** Called when the page shows again: a draft waiting for signal goes out by itself. */
  const retryIfPending = useCallback(() => void retry(), [retry])

  /** A 待重试 draft that never reached reports.create may be changed again. */
  const unlock = useCallback(() => void dispatch({ type: 'unlock' }), [dispatch])

  const discard = useCallback(async () => {
    if (isBusy(ref.current)) return
    const res = await Taro.showModal({ title: '清空这次填写的内容？', content: '照片和文字都会删除，不能恢复。', confirmText: '清空', cancelText: '保留', confirmColor: '#c8161d' }).catch(() => ({
      confirm: false
    }))
    if (!res.confirm) return
    const old = ref.current.draft
    if (dispatch({ type: 'discarded', fresh: newDraft(mode, { villageId: homeVillage, gridId: homeGrid }) })) old.photos.forEach((photo) => releasePhoto(photo.path))
  }, [dispatch, mode, homeVillage, homeGrid, ref])

  /** 我也遇到了: add my voice to an existing problem instead of filing a new one. */
  const support = useCallback(
    async (reportId: string) => {
      const res = await runSupport({ reportId })
      if (!res) return
      if (!res.ok) {
        void Taro.showToast({ title: res.message, icon: 'none', duration: 2500 })
        return
      }
      dispatch({ type: 'supported', report: res.data })
      void Taro.showToast({ title: '已告诉处理人员，谢谢您', icon: 'success' })
    },
    [dispatch, runSupport]
  )

  const closeCreated = useCallback(() => void dispatch({ type: 'closeCreated' }), [dispatch])

  return {
    draft: state.draft,
    phase: state.phase,
    /** checking, uploading or submitting. */
    busy: isBusy(state),
    editable: state.phase === 'editing',
    /** checking: reports.nearby is asked (before it, the 订阅消息 dialog is open). */
    lookingNearby: state.lookingNearby,
    fields: state.errors,
    notice: state.notice,
    progress: state.progress,
    nearby: state.nearby,
    supported: state.supported,
    supporting: supportAction.pending?.reportId ?? null,
    created: state.created,
    locating: state.locating,
    locationMessage: state.locationMessage,
    photoMessage: state.photoMessage,
    storageFull: state.storageFull,
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
