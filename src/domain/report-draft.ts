/**
 * The 随手拍 / 督导上报 form's lifecycle as a pure reducer. The hook (`src/hooks/use-report-draft.ts`)
 * runs the side effects — saving the draft on the phone, the 订阅消息 dialog, uploads, requests —
 * and turns their outcomes into these actions; everything the page shows follows from the state.
 *
 *   editing ─submit─▶ checking ─nearby found─▶ editing (with the list: support one, or submit anyway)
 *      ▲                 │ nothing near
 *      │                 ▼
 *      │   send ─▶ uploading ─last photo─▶ submitting ─created─▶ created ─closeCreated─▶ editing
 *      │             ▲     │                    │
 *      │   pending ──┘     ├── failed, retryable (network, timeout, busy server) ─▶ pending (待重试)
 *      └───────────────────┴── failed, refused (the content or the form) ────────▶ editing
 *
 * `draft.status` is what is kept on the phone: `pending` from the moment reports.create is sent
 * (frozen, retried with the same clientKey) until it goes through. An action a phase does not
 * accept returns the same state object, so the caller knows it was refused (a second 提交 while
 * one is under way starts nothing).
 *
 * Pure: no Taro, no clock, no randomness — times, fresh drafts and results come in the actions.
 */
import type { ErrorCode, GeoPoint, NearbyReport, ReportDetail } from '@/contract'
import type { DraftPhoto, ReportDraft } from '@/services/report-drafts'

export type DraftPhase = 'editing' | 'checking' | 'uploading' | 'submitting' | 'pending' | 'created'

export interface Notice {
  tone: 'error' | 'info'
  text: string
}

export interface Progress {
  done: number
  total: number
}

/** The fields a person types or picks. */
export type Editable = Pick<ReportDraft, 'category' | 'description' | 'address' | 'villageId' | 'gridId' | 'anonymous' | 'location'>

export interface Failure {
  code: ErrorCode
  message: string
  fields?: Record<string, string>
}

export interface ReportDraftState {
  phase: DraftPhase
  /** What is kept on the phone; in `created`, already the fresh draft for the next report. */
  draft: ReportDraft
  /** Field → Chinese message, by top-level field. */
  errors: Record<string, string>
  notice: Notice | null
  /** checking: reports.nearby has been asked (before that, the 订阅消息 dialog is open). */
  lookingNearby: boolean
  /** uploading: photos uploaded of the draft's photos. */
  progress: Progress | null
  /** Problems of the same kind close by, shown before filing a new one. */
  nearby: NearbyReport[] | null
  /** The category and place last checked for nearby problems: not asked twice. */
  checkedNearby: string | null
  /** Nearby problems this person said 我也遇到了 to. */
  supported: string[]
  created: ReportDetail | null
  /** The last save could not keep the photos not uploaded yet (storage full). */
  storageFull: boolean
  locating: boolean
  locationMessage: string | null
  photoMessage: string | null
}

export type ReportDraftAction =
  | { type: 'edit'; patch: Partial<Editable>; at: string }
  /** The profile arrived after the form: its village and grid fill an empty village. */
  | { type: 'profileLoaded'; villageId: string; gridId: string | null }
  | { type: 'photosAdded'; photos: DraftPhoto[]; max: number; at: string }
  | { type: 'photoRemoved'; key: string; at: string }
  | { type: 'photoMessage'; text: string | null }
  | { type: 'locationMessage'; text: string | null }
  | { type: 'locating' }
  /** `address`: the place's address; used when picked on the map or when none is typed yet. */
  | { type: 'located'; how: 'here' | 'map'; location: GeoPoint; address: string | null; at: string }
  | { type: 'locateFailed'; message: string | null }
  /** 提交 with the form's errors (none = go on: 订阅消息, nearby check, send). */
  | { type: 'submit'; errors: Record<string, string> }
  | { type: 'nearbyAsked' }
  /** `items`: what reports.nearby found (empty also when it could not be asked). */
  | { type: 'nearbyChecked'; key: string; items: NearbyReport[] }
  | { type: 'supported'; report: NearbyReport }
  /** Start sending: from checking, from pending (重新提交), or past the nearby list (仍要提交). */
  | { type: 'send'; at: string }
  | { type: 'uploaded'; key: string; fileID: string; at: string }
  | { type: 'failed'; failure: Failure }
  /** reports.create went through; `fresh` is the next report's draft. */
  | { type: 'created'; report: ReportDetail; fresh: ReportDraft }
  | { type: 'closeCreated' }
  /** 清空重填 / 放弃这条, confirmed. */
  | { type: 'discarded'; fresh: ReportDraft }
  /** 修改内容: a 待重试 draft never sent to reports.create becomes editable again. */
  | { type: 'unlock' }
  /** A form whose draft is being sent by another form (one since left) follows that send from where it stands. */
  | { type: 'joined'; from: ReportDraftState }
  | { type: 'saved'; ok: boolean }

/** Failures worth retrying as they are: nothing was wrong with what the person wrote. */
export const RETRYABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['INTERNAL', 'RATE_LIMITED', 'UNAUTHENTICATED'])

export const INCOMPLETE_MESSAGE = '还有内容没填好，请看标红的地方'

export function initialState(draft: ReportDraft, lostPhotos = 0): ReportDraftState {
  return {
    phase: draft.status === 'pending' ? 'pending' : 'editing',
    draft,
    errors: {},
    notice: lostPhotos ? { tone: 'error', text: `有 ${lostPhotos} 张照片没能保存在手机上，请重新添加` } : null,
    lookingNearby: false,
    progress: null,
    nearby: null,
    checkedNearby: null,
    supported: [],
    created: null,
    storageFull: false,
    locating: false,
    locationMessage: null,
    photoMessage: null
  }
}

/** checking, uploading or submitting: the form is frozen and its buttons wait. */
export function isBusy(state: ReportDraftState): boolean {
  return state.phase === 'checking' || state.phase === 'uploading' || state.phase === 'submitting'
}

/** Same kind of problem at the same place: the nearby check is not repeated for it. */
export function nearbyKey(draft: ReportDraft): string | null {
  return draft.location ? `${draft.category}|${draft.location.lng}|${draft.location.lat}` : null
}

/** The nearby check 提交 still has to make (its key), or null. */
export function nearbyToCheck(state: ReportDraftState): string | null {
  const key = nearbyKey(state.draft)
  return key && key !== state.checkedNearby ? key : null
}

/** The next photo to upload while sending, or null when all are uploaded. */
export function nextUpload(state: ReportDraftState): DraftPhoto | null {
  return state.phase === 'uploading' ? (state.draft.photos.find((photo) => !photo.fileID) ?? null) : null
}

/** Contract paths (`photos.0`) cut to the form's fields (`photos`), first message kept. */
export function topLevelFields(fields: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [path, message] of Object.entries(fields ?? {})) {
    const key = path.split('.')[0]
    if (!(key in out)) out[key] = message
  }
  return out
}

function withoutErrors(errors: Record<string, string>, keys: string[]): Record<string, string> {
  const clear = keys.filter((key) => key in errors)
  if (!clear.length) return errors
  const rest = { ...errors }
  clear.forEach((key) => delete rest[key])
  return rest
}

function edit(state: ReportDraftState, patch: Partial<Editable>, at: string): ReportDraftState {
  if (state.phase !== 'editing') return state
  const current = state.draft
  const draft = { ...current, ...patch, updatedAt: at }
  // A grid belongs to one village.
  if (patch.villageId !== undefined && patch.villageId !== current.villageId && patch.gridId === undefined) draft.gridId = null
  const placeOrKind = patch.category !== undefined || patch.location !== undefined
  return { ...state, draft, nearby: placeOrKind ? null : state.nearby, errors: withoutErrors(state.errors, Object.keys(patch)) }
}

/** The draft as sent to reports.create: frozen (pending) from now on, first sending time kept. */
function markSent(draft: ReportDraft, at: string): ReportDraft {
  return { ...draft, status: 'pending', lastError: null, sentAt: draft.sentAt ?? at }
}

function send(state: ReportDraftState, at: string): ReportDraftState {
  const fromNearby = state.phase === 'editing' && state.nearby !== null
  if (state.phase !== 'checking' && state.phase !== 'pending' && !fromNearby) return state
  const started = { ...state, notice: null, errors: {}, nearby: null, lookingNearby: false }
  const total = state.draft.photos.length
  const waiting = state.draft.photos.filter((photo) => !photo.fileID).length
  if (waiting) return { ...started, phase: 'uploading', progress: { done: total - waiting, total } }
  return { ...started, phase: 'submitting', progress: null, draft: markSent(state.draft, at) }
}

function uploaded(state: ReportDraftState, key: string, fileID: string, at: string): ReportDraftState {
  if (state.phase !== 'uploading' || !state.draft.photos.some((photo) => photo.key === key && !photo.fileID)) return state
  const draft = { ...state.draft, photos: state.draft.photos.map((photo) => (photo.key === key ? { ...photo, fileID } : photo)) }
  const total = draft.photos.length
  const done = draft.photos.filter((photo) => photo.fileID).length
  if (done < total) return { ...state, draft, progress: { done, total } }
  return { ...state, phase: 'submitting', progress: null, draft: markSent(draft, at) }
}

function failed(state: ReportDraftState, failure: Failure): ReportDraftState {
  if (state.phase !== 'uploading' && state.phase !== 'submitting') return state
  const sent = { ...state, progress: null }
  if (RETRYABLE.has(failure.code)) {
    return {
      ...sent,
      phase: 'pending',
      draft: { ...state.draft, status: 'pending', lastError: failure.message },
      notice: { tone: 'error', text: `提交没有成功：${failure.message}。内容已保存在手机上（待重试），有信号时会自动重新提交，也可以点“重新提交”。` }
    }
  }
  // The server looked at it and said no: nothing was created, so it is safe to edit again.
  const createRefused = state.phase === 'submitting'
  return {
    ...sent,
    phase: 'editing',
    draft: { ...state.draft, status: 'editing', lastError: null, sentAt: createRefused ? null : state.draft.sentAt },
    errors: topLevelFields(failure.fields),
    notice: { tone: 'error', text: failure.message }
  }
}

/** The one reset (after 已提交, and 清空重填): a fresh draft, nothing left of the last one. */
function reset(fresh: ReportDraft): ReportDraftState {
  return initialState(fresh)
}

function submit(state: ReportDraftState, errors: Record<string, string>): ReportDraftState {
  if (state.phase !== 'editing') return state
  if (Object.keys(errors).length) return { ...state, errors, notice: { tone: 'error', text: INCOMPLETE_MESSAGE } }
  return { ...state, phase: 'checking', lookingNearby: false }
}

function nearbyChecked(state: ReportDraftState, key: string, items: NearbyReport[]): ReportDraftState {
  if (state.phase !== 'checking') return state
  const checked = { ...state, checkedNearby: key, lookingNearby: false }
  return items.length ? { ...checked, phase: 'editing', nearby: items } : checked
}

function located(state: ReportDraftState, action: Extract<ReportDraftAction, { type: 'located' }>): ReportDraftState {
  const done = { ...state, locating: false }
  const useAddress = action.address && (action.how === 'map' || !state.draft.address.trim())
  return edit(done, { location: action.location, ...(useAddress ? { address: action.address as string } : {}) }, action.at)
}

function photosAdded(state: ReportDraftState, photos: DraftPhoto[], max: number, at: string): ReportDraftState {
  if (state.phase !== 'editing' || !photos.length) return state
  const draft = { ...state.draft, photos: [...state.draft.photos, ...photos].slice(0, max), updatedAt: at }
  return { ...state, draft, errors: withoutErrors(state.errors, ['photos']) }
}

function photoRemoved(state: ReportDraftState, key: string, at: string): ReportDraftState {
  if (state.phase !== 'editing' || !state.draft.photos.some((photo) => photo.key === key)) return state
  return { ...state, draft: { ...state.draft, photos: state.draft.photos.filter((photo) => photo.key !== key), updatedAt: at } }
}

function profileLoaded(state: ReportDraftState, villageId: string, gridId: string | null): ReportDraftState {
  if (state.draft.status !== 'editing' || state.draft.villageId) return state
  return { ...state, draft: { ...state.draft, villageId, gridId } }
}

function supported(state: ReportDraftState, report: NearbyReport): ReportDraftState {
  return {
    ...state,
    supported: state.supported.includes(report.id) ? state.supported : [...state.supported, report.id],
    nearby: state.nearby?.map((item) => (item.id === report.id ? report : item)) ?? null
  }
}

function joined(state: ReportDraftState, from: ReportDraftState): ReportDraftState {
  const mayJoin = state.phase === 'editing' || state.phase === 'pending' || state.phase === 'checking'
  if (!mayJoin || (from.phase !== 'uploading' && from.phase !== 'submitting')) return state
  return { ...state, phase: from.phase, draft: from.draft, progress: from.progress, notice: null, errors: {}, nearby: null, lookingNearby: false }
}

function unlock(state: ReportDraftState): ReportDraftState {
  if (state.phase !== 'pending' || state.draft.sentAt) return state
  return { ...state, phase: 'editing', draft: { ...state.draft, status: 'editing', lastError: null }, notice: null }
}

function message<K extends 'photoMessage' | 'locationMessage'>(state: ReportDraftState, key: K, text: string | null): ReportDraftState {
  return state[key] === text ? state : { ...state, [key]: text }
}

type Handlers = { [T in ReportDraftAction['type']]: (state: ReportDraftState, action: Extract<ReportDraftAction, { type: T }>) => ReportDraftState }

const HANDLERS: Handlers = {
  edit: (state, { patch, at }) => edit(state, patch, at),
  profileLoaded: (state, { villageId, gridId }) => profileLoaded(state, villageId, gridId),
  photosAdded: (state, { photos, max, at }) => photosAdded(state, photos, max, at),
  photoRemoved: (state, { key, at }) => photoRemoved(state, key, at),
  photoMessage: (state, { text }) => message(state, 'photoMessage', text),
  locationMessage: (state, { text }) => message(state, 'locationMessage', text),
  locating: (state) => (state.locating ? state : { ...state, locating: true }),
  located,
  locateFailed: (state, { message: text }) => ({ ...state, locating: false, locationMessage: text }),
  submit: (state, { errors }) => submit(state, errors),
  nearbyAsked: (state) => (state.phase === 'checking' && !state.lookingNearby ? { ...state, lookingNearby: true } : state),
  nearbyChecked: (state, { key, items }) => nearbyChecked(state, key, items),
  supported: (state, { report }) => supported(state, report),
  send: (state, { at }) => send(state, at),
  uploaded: (state, { key, fileID, at }) => uploaded(state, key, fileID, at),
  failed: (state, { failure }) => failed(state, failure),
  created: (state, { report, fresh }) => (state.phase === 'submitting' ? { ...reset(fresh), phase: 'created', created: report } : state),
  closeCreated: (state) => (state.phase === 'created' ? { ...state, phase: 'editing', created: null } : state),
  discarded: (state, { fresh }) => (state.phase === 'editing' || state.phase === 'pending' ? reset(fresh) : state),
  unlock,
  joined: (state, { from }) => joined(state, from),
  saved: (state, { ok }) => (state.storageFull === !ok ? state : { ...state, storageFull: !ok })
}

export function reportDraftReducer(state: ReportDraftState, action: ReportDraftAction): ReportDraftState {
  return (HANDLERS[action.type] as (state: ReportDraftState, action: ReportDraftAction) => ReportDraftState)(state, action)
}
