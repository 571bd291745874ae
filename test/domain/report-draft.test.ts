import type { NearbyReport, ReportDetail } from '@/contract'
import { INCOMPLETE_MESSAGE, initialState, isBusy, nearbyToCheck, nextUpload, reportDraftReducer, type DraftPhase, type ReportDraftAction, type ReportDraftState } from '@/domain/report-draft'
import type { DraftPhoto, ReportDraft } from '@/services/report-drafts'

const T0 = '2026-11-20T02:00:00.000Z'
const T1 = '2026-11-20T02:05:00.000Z'
const T2 = '2026-11-20T02:10:00.000Z'
const HERE = { lng: 113.2644, lat: 23.1291 }

const photo = (key: string, fileID: string | null = null): DraftPhoto => ({ key, path: `wxfile://tmp/${key}.jpg`, fileID })

function draft(extra: Partial<ReportDraft> = {}): ReportDraft {
  return {
    version: 1,
    clientKey: 'mk3x1-abcdEFGH12345678',
    mode: 'resident',
    category: 'litter',
    description: '村口垃圾堆了三天没人清理',
    photos: [photo('p1')],
    location: null,
    address: '东山村委会南边路口',
    villageId: 'v-dongshan',
    gridId: 'g-ds-1',
    anonymous: false,
    status: 'editing',
    lastError: null,
    sentAt: null,
    createdAt: T0,
    updatedAt: T0,
    ...extra
  }
}

const fresh = (): ReportDraft => draft({ clientKey: 'mk3x9-freshKEY123456789', category: '', description: '', photos: [], address: '' })

const nearbyItem = (id: string, supportCount = 1): NearbyReport => ({
  id,
  no: `SSP-2026-${id}`,
  categoryName: '乱扔垃圾/暴露垃圾',
  statusLabel: '已受理',
  address: '东山村委会南边',
  distanceM: 42,
  createdAt: T0,
  thumb: null,
  supportCount
})

const report = { id: 'r-new', no: 'SSP-2026-0042' } as ReportDetail

function run(state: ReportDraftState, ...actions: ReportDraftAction[]): ReportDraftState {
  return actions.reduce(reportDraftReducer, state)
}

/** The form in a given phase, reached through the reducer itself. */
function inPhase(phase: DraftPhase, d: ReportDraft = draft()): ReportDraftState {
  const editing = initialState(d)
  switch (phase) {
    case 'editing':
      return editing
    case 'checking':
      return run(editing, { type: 'submit', errors: {} })
    case 'uploading':
      return run(editing, { type: 'submit', errors: {} }, { type: 'send', at: T1 })
    case 'submitting':
      return run(
        editing,
        { type: 'submit', errors: {} },
        { type: 'send', at: T1 },
        ...d.photos.filter((p) => !p.fileID).map((p) => ({ type: 'uploaded' as const, key: p.key, fileID: `cloud://env/${p.key}.jpg`, at: T1 }))
      )
    case 'pending':
      return initialState({ ...d, status: 'pending', lastError: '网络不给力，请检查网络后重试', sentAt: T1 })
    case 'created':
      return run(inPhase('submitting', d), { type: 'created', report, fresh: fresh() })
  }
}

const PHASES: DraftPhase[] = ['editing', 'checking', 'uploading', 'submitting', 'pending', 'created']

describe('opening the form', () => {
  test('a draft being edited opens editable; one left 待重试 opens pending', () => {
    expect(initialState(draft()).phase).toBe('editing')
    expect(initialState(draft({ status: 'pending', sentAt: T1 })).phase).toBe('pending')
  })

  test('photos that could not be kept on the phone are told about', () => {
    expect(initialState(draft(), 2).notice).toEqual({ tone: 'error', text: '有 2 张照片没能保存在手机上，请重新添加' })
    expect(initialState(draft()).notice).toBeNull()
  })

  test('busy exactly while checking, uploading or submitting', () => {
    expect(PHASES.filter((phase) => isBusy(inPhase(phase)))).toEqual(['checking', 'uploading', 'submitting'])
  })
})

describe('editing', () => {
  test('a change is kept with its time and clears that field’s error only', () => {
    const withErrors = { ...initialState(draft()), errors: { description: '问题描述至少 5 个字', address: '地址至少 2 个字' } }
    const next = reportDraftReducer(withErrors, { type: 'edit', patch: { description: '路灯坏了一个星期' }, at: T1 })
    expect(next.draft).toEqual({ ...draft(), description: '路灯坏了一个星期', updatedAt: T1 })
    expect(next.errors).toEqual({ address: '地址至少 2 个字' })
  })

  test('another village drops the grid (a grid belongs to one village) unless a grid comes with it', () => {
    const start = initialState(draft())
    expect(reportDraftReducer(start, { type: 'edit', patch: { villageId: 'v-xishan' }, at: T1 }).draft).toEqual(expect.objectContaining({ villageId: 'v-xishan', gridId: null }))
    expect(reportDraftReducer(start, { type: 'edit', patch: { villageId: 'v-xishan', gridId: 'g-xs-2' }, at: T1 }).draft.gridId).toBe('g-xs-2')
    expect(reportDraftReducer(start, { type: 'edit', patch: { villageId: 'v-dongshan' }, at: T1 }).draft.gridId).toBe('g-ds-1')
  })

  test('a new kind or place hides the nearby list; other words keep it', () => {
    const shown = run(inPhase('checking', draft({ location: HERE })), { type: 'nearbyChecked', key: 'litter|113.2644|23.1291', items: [nearbyItem('a')] })
    expect(reportDraftReducer(shown, { type: 'edit', patch: { category: 'parking' }, at: T1 }).nearby).toBeNull()
    expect(reportDraftReducer(shown, { type: 'edit', patch: { location: null }, at: T1 }).nearby).toBeNull()
    expect(reportDraftReducer(shown, { type: 'edit', patch: { address: '菜市场门口' }, at: T1 }).nearby).toHaveLength(1)
  })

  test('nothing changes the draft outside editing', () => {
    for (const phase of PHASES.filter((p) => p !== 'editing')) {
      const state = inPhase(phase)
      expect(reportDraftReducer(state, { type: 'edit', patch: { description: '改一下' }, at: T2 })).toBe(state)
      expect(reportDraftReducer(state, { type: 'photosAdded', photos: [photo('p9')], max: 9, at: T2 })).toBe(state)
      expect(reportDraftReducer(state, { type: 'photoRemoved', key: 'p1', at: T2 })).toBe(state)
    }
  })

  test('photos are added up to the limit and clear the photos error; removing takes one out', () => {
    const start = { ...initialState(draft()), errors: { photos: '请至少拍一张现场照片' } }
    const added = reportDraftReducer(start, { type: 'photosAdded', photos: [photo('p2'), photo('p3'), photo('p4')], max: 3, at: T1 })
    expect(added.draft.photos.map((p) => p.key)).toEqual(['p1', 'p2', 'p3'])
    expect(added.draft.updatedAt).toBe(T1)
    expect(added.errors).toEqual({})
    const removed = reportDraftReducer(added, { type: 'photoRemoved', key: 'p2', at: T2 })
    expect(removed.draft.photos.map((p) => p.key)).toEqual(['p1', 'p3'])
    expect(reportDraftReducer(removed, { type: 'photoRemoved', key: 'nope', at: T2 })).toBe(removed)
  })

  test('the profile fills an empty village once, never a chosen one nor a 待重试 draft', () => {
    const empty = initialState(draft({ villageId: null, gridId: null }))
    const filled = reportDraftReducer(empty, { type: 'profileLoaded', villageId: 'v-xishan', gridId: 'g-xs-1' })
    expect(filled.draft).toEqual(expect.objectContaining({ villageId: 'v-xishan', gridId: 'g-xs-1' }))
    expect(reportDraftReducer(filled, { type: 'profileLoaded', villageId: 'v-other', gridId: null })).toBe(filled)
    const pending = initialState(draft({ villageId: null, gridId: null, status: 'pending' }))
    expect(reportDraftReducer(pending, { type: 'profileLoaded', villageId: 'v-xishan', gridId: null })).toBe(pending)
  })

  test('a place found fills the address when none is typed or when picked on the map', () => {
    const blank = run(initialState(draft({ address: ' ' })), { type: 'locating' })
    expect(blank.locating).toBe(true)
    const here = reportDraftReducer(blank, { type: 'located', how: 'here', location: HERE, address: '东山村委会', at: T1 })
    expect(here).toEqual(expect.objectContaining({ locating: false, draft: expect.objectContaining({ location: HERE, address: '东山村委会' }) }))
    const typed = run(initialState(draft()), { type: 'locating' }, { type: 'located', how: 'here', location: HERE, address: '东山村委会', at: T1 })
    expect(typed.draft).toEqual(expect.objectContaining({ location: HERE, address: '东山村委会南边路口' }))
    const map = run(initialState(draft()), { type: 'locating' }, { type: 'located', how: 'map', location: HERE, address: '东山村委会', at: T1 })
    expect(map.draft.address).toBe('东山村委会')
    const none = run(initialState(draft({ address: '' })), { type: 'located', how: 'map', location: HERE, address: null, at: T1 })
    expect(none.draft.address).toBe('')
  })

  test('a place found while the form is being sent only stops the spinner', () => {
    const sending = run(inPhase('uploading'), { type: 'locating' })
    const next = reportDraftReducer(sending, { type: 'located', how: 'here', location: HERE, address: null, at: T2 })
    expect(next.locating).toBe(false)
    expect(next.draft).toBe(sending.draft)
  })

  test('locating can fail with a message, or quietly when cancelled', () => {
    const start = run(initialState(draft()), { type: 'locating' })
    expect(reportDraftReducer(start, { type: 'locateFailed', message: '暂时无法定位，请直接填写地址' })).toEqual(
      expect.objectContaining({ locating: false, locationMessage: '暂时无法定位，请直接填写地址' })
    )
    expect(reportDraftReducer(start, { type: 'locateFailed', message: null })).toEqual(expect.objectContaining({ locating: false, locationMessage: null }))
  })

  test('photo and location messages are set and cleared; the same message twice changes nothing', () => {
    const shown = reportDraftReducer(initialState(draft()), { type: 'photoMessage', text: '最多 9 张照片' })
    expect(shown.photoMessage).toBe('最多 9 张照片')
    expect(reportDraftReducer(shown, { type: 'photoMessage', text: '最多 9 张照片' })).toBe(shown)
    expect(reportDraftReducer(shown, { type: 'photoMessage', text: null }).photoMessage).toBeNull()
    expect(reportDraftReducer(shown, { type: 'locationMessage', text: '没有获得位置权限' }).locationMessage).toBe('没有获得位置权限')
  })
})

describe('提交', () => {
  test('an incomplete form shows the field errors and stays editing', () => {
    const errors = { category: '请选择问题类别', photos: '请至少拍一张现场照片' }
    const next = reportDraftReducer(initialState(draft()), { type: 'submit', errors })
    expect(next).toEqual(expect.objectContaining({ phase: 'editing', errors, notice: { tone: 'error', text: INCOMPLETE_MESSAGE } }))
  })

  test('a complete form goes to checking (订阅消息, then nearby)', () => {
    const next = reportDraftReducer(initialState(draft()), { type: 'submit', errors: {} })
    expect(next).toEqual(expect.objectContaining({ phase: 'checking', lookingNearby: false }))
    expect(reportDraftReducer(next, { type: 'nearbyAsked' }).lookingNearby).toBe(true)
  })

  test('a second 提交 while one is under way is ignored, in every busy phase and after 已提交', () => {
    for (const phase of ['checking', 'uploading', 'submitting', 'pending', 'created'] as const) {
      const state = inPhase(phase)
      expect(reportDraftReducer(state, { type: 'submit', errors: {} })).toBe(state)
      expect(reportDraftReducer(state, { type: 'submit', errors: { category: '请选择问题类别' } })).toBe(state)
    }
    for (const phase of ['uploading', 'submitting', 'created'] as const) {
      const state = inPhase(phase)
      expect(reportDraftReducer(state, { type: 'send', at: T2 })).toBe(state)
    }
  })

  test('nearby problems are looked for once per kind and place', () => {
    expect(nearbyToCheck(initialState(draft()))).toBeNull()
    const located = inPhase('checking', draft({ location: HERE }))
    const key = nearbyToCheck(located)
    expect(key).toBe('litter|113.2644|23.1291')
    const checked = reportDraftReducer(located, { type: 'nearbyChecked', key: key as string, items: [] })
    expect(checked).toEqual(expect.objectContaining({ phase: 'checking', checkedNearby: key, nearby: null }))
    expect(nearbyToCheck(checked)).toBeNull()
    const moved = run(checked, { type: 'send', at: T1 }, { type: 'failed', failure: { code: 'INVALID_INPUT', message: '图片不合适' } }, { type: 'edit', patch: { category: 'parking' }, at: T2 })
    expect(nearbyToCheck(moved)).toBe('parking|113.2644|23.1291')
  })

  test('nearby problems found: back to editing with the list; 仍要提交 sends from there and hides it', () => {
    const asked = run(inPhase('checking', draft({ location: HERE })), { type: 'nearbyAsked' })
    const shown = reportDraftReducer(asked, { type: 'nearbyChecked', key: 'litter|113.2644|23.1291', items: [nearbyItem('a')] })
    expect(shown).toEqual(expect.objectContaining({ phase: 'editing', lookingNearby: false, nearby: [nearbyItem('a')] }))
    const sending = reportDraftReducer(shown, { type: 'send', at: T1 })
    expect(sending).toEqual(expect.objectContaining({ phase: 'uploading', nearby: null }))
    // Without a list there is nothing to submit anyway from: 提交 is the way.
    const plain = initialState(draft())
    expect(reportDraftReducer(plain, { type: 'send', at: T1 })).toBe(plain)
  })

  test('我也遇到了 is counted once and updates the item', () => {
    const shown = run(inPhase('checking', draft({ location: HERE })), { type: 'nearbyChecked', key: 'k', items: [nearbyItem('a', 2), nearbyItem('b')] })
    const once = reportDraftReducer(shown, { type: 'supported', report: nearbyItem('a', 3) })
    const twice = reportDraftReducer(once, { type: 'supported', report: nearbyItem('a', 3) })
    expect(twice.supported).toEqual(['a'])
    expect(twice.nearby?.map((item) => item.supportCount)).toEqual([3, 1])
  })
})

describe('sending', () => {
  test('photos not uploaded yet are uploaded first, with progress; the last one sends reports.create', () => {
    const d = draft({ photos: [photo('p1', 'cloud://env/p1.jpg'), photo('p2'), photo('p3')] })
    const checking = { ...inPhase('checking', d), notice: { tone: 'error' as const, text: '旧消息' }, errors: { description: '旧错误' } }
    const uploading = reportDraftReducer(checking, { type: 'send', at: T1 })
    expect(uploading).toEqual(expect.objectContaining({ phase: 'uploading', progress: { done: 1, total: 3 }, notice: null, errors: {} }))
    // Uploading does not freeze the kept draft yet: nothing has reached reports.create.
    expect(uploading.draft).toEqual(expect.objectContaining({ status: 'editing', sentAt: null }))
    expect(nextUpload(uploading)?.key).toBe('p2')

    const one = reportDraftReducer(uploading, { type: 'uploaded', key: 'p2', fileID: 'cloud://env/p2.jpg', at: T1 })
    expect(one).toEqual(expect.objectContaining({ phase: 'uploading', progress: { done: 2, total: 3 } }))
    expect(nextUpload(one)?.key).toBe('p3')
    // An answer for a photo already uploaded (or not in the draft) is not taken.
    expect(reportDraftReducer(one, { type: 'uploaded', key: 'p2', fileID: 'cloud://env/other.jpg', at: T1 })).toBe(one)
    expect(reportDraftReducer(one, { type: 'uploaded', key: 'zz', fileID: 'cloud://env/zz.jpg', at: T1 })).toBe(one)

    const all = reportDraftReducer(one, { type: 'uploaded', key: 'p3', fileID: 'cloud://env/p3.jpg', at: T2 })
    expect(all).toEqual(expect.objectContaining({ phase: 'submitting', progress: null }))
    expect(all.draft).toEqual(expect.objectContaining({ status: 'pending', sentAt: T2, lastError: null }))
    expect(all.draft.photos.map((p) => p.fileID)).toEqual(['cloud://env/p1.jpg', 'cloud://env/p2.jpg', 'cloud://env/p3.jpg'])
    expect(nextUpload(all)).toBeNull()
  })

  test('with every photo uploaded, sending goes straight to reports.create and the draft is frozen (pending)', () => {
    const state = reportDraftReducer(inPhase('checking', draft({ photos: [photo('p1', 'cloud://env/p1.jpg')] })), { type: 'send', at: T1 })
    expect(state.phase).toBe('submitting')
    expect(state.draft).toEqual(expect.objectContaining({ status: 'pending', sentAt: T1 }))
  })

  test('重新提交 of a 待重试 draft keeps its first sending time and clientKey', () => {
    const pending = inPhase('pending', draft({ photos: [photo('p1', 'cloud://env/p1.jpg')] }))
    const again = reportDraftReducer(pending, { type: 'send', at: T2 })
    expect(again.phase).toBe('submitting')
    expect(again.draft).toEqual(expect.objectContaining({ sentAt: T1, clientKey: 'mk3x1-abcdEFGH12345678', lastError: null }))
  })

  test('an upload refused (the photo itself) returns to editing with the message, keeping every photo', () => {
    const d = draft({ photos: [photo('p1'), photo('p2')] })
    const halfway = run(inPhase('uploading', d), { type: 'uploaded', key: 'p1', fileID: 'cloud://env/p1.jpg', at: T1 })
    const next = reportDraftReducer(halfway, { type: 'failed', failure: { code: 'INVALID_INPUT', message: '照片超过 1 MB，请重拍或换一张' } })
    expect(next).toEqual(expect.objectContaining({ phase: 'editing', progress: null, notice: { tone: 'error', text: '照片超过 1 MB，请重拍或换一张' } }))
    expect(next.draft.photos).toEqual([photo('p1', 'cloud://env/p1.jpg'), photo('p2')])
    expect(next.draft).toEqual(expect.objectContaining({ status: 'editing', sentAt: null, clientKey: d.clientKey }))
    // Editing works again.
    expect(reportDraftReducer(next, { type: 'edit', patch: { address: '东山村委会南边路口东侧' }, at: T2 }).draft.address).toBe('东山村委会南边路口东侧')
  })

  test('an upload that fails for the network leaves the draft 待重试, still changeable (never sent)', () => {
    const next = reportDraftReducer(inPhase('uploading'), { type: 'failed', failure: { code: 'INTERNAL', message: '照片上传没有成功，网络不给力，请稍后重试' } })
    expect(next.phase).toBe('pending')
    expect(next.draft).toEqual(expect.objectContaining({ status: 'pending', sentAt: null, lastError: '照片上传没有成功，网络不给力，请稍后重试' }))
    expect(next.draft.photos).toEqual([photo('p1')])
    const unlocked = reportDraftReducer(next, { type: 'unlock' })
    expect(unlocked).toEqual(expect.objectContaining({ phase: 'editing', notice: null }))
    expect(unlocked.draft).toEqual(expect.objectContaining({ status: 'editing', lastError: null }))
  })

  test.each(['INTERNAL', 'RATE_LIMITED', 'UNAUTHENTICATED'] as const)('reports.create failing with %s (offline, timeout, busy) → pending with the draft kept', (code) => {
    const submitting = inPhase('submitting')
    const next = reportDraftReducer(submitting, { type: 'failed', failure: { code, message: '网络不给力，请检查网络后重试' } })
    expect(next.phase).toBe('pending')
    expect(next.draft).toEqual({ ...submitting.draft, status: 'pending', lastError: '网络不给力，请检查网络后重试' })
    expect(next.draft.sentAt).toBe(T1)
    expect(next.notice).toEqual({ tone: 'error', text: '提交没有成功：网络不给力，请检查网络后重试。内容已保存在手机上（待重试），有信号时会自动重新提交，也可以点“重新提交”。' })
    // Sent once with this key: no changing it now (an edit could be silently dropped).
    expect(reportDraftReducer(next, { type: 'unlock' })).toBe(next)
    expect(reportDraftReducer(next, { type: 'edit', patch: { description: '改一下' }, at: T2 })).toBe(next)
  })

  test('reports.create refusing the content → editing, never sent, errors by top-level field', () => {
    const next = reportDraftReducer(inPhase('submitting'), {
      type: 'failed',
      failure: { code: 'INVALID_INPUT', message: '描述中含有不当内容，请修改后再提交', fields: { description: '描述中含有不当内容', 'photos.0': '照片不合适', 'photos.1': '第二张也不合适' } }
    })
    expect(next.phase).toBe('editing')
    expect(next.draft).toEqual(expect.objectContaining({ status: 'editing', sentAt: null, lastError: null }))
    expect(next.errors).toEqual({ description: '描述中含有不当内容', photos: '照片不合适' })
    expect(next.notice).toEqual({ tone: 'error', text: '描述中含有不当内容，请修改后再提交' })
  })

  test('results of a send are taken only while sending', () => {
    for (const phase of ['editing', 'checking', 'pending', 'created'] as const) {
      const state = inPhase(phase)
      expect(reportDraftReducer(state, { type: 'failed', failure: { code: 'INTERNAL', message: '网络不给力' } })).toBe(state)
      expect(reportDraftReducer(state, { type: 'created', report, fresh: fresh() })).toBe(state)
    }
    const uploading = inPhase('uploading')
    expect(reportDraftReducer(uploading, { type: 'created', report, fresh: fresh() })).toBe(uploading)
  })
})

describe('已提交 and starting over', () => {
  test('created resets everything once: a fresh draft, no errors, messages, nearby list or support', () => {
    const busyForm: ReportDraftState = {
      ...inPhase('submitting', draft({ location: HERE })),
      supported: ['a'],
      checkedNearby: 'litter|113.2644|23.1291',
      photoMessage: '最多 9 张照片',
      locationMessage: '暂时无法定位'
    }
    const done = reportDraftReducer(busyForm, { type: 'created', report, fresh: fresh() })
    expect(done).toEqual({ ...initialState(fresh()), phase: 'created', created: report })
    expect(isBusy(done)).toBe(false)

    const next = reportDraftReducer(done, { type: 'closeCreated' })
    expect(next).toEqual(initialState(fresh()))
    expect(reportDraftReducer(next, { type: 'closeCreated' })).toBe(next)
  })

  test('清空重填 / 放弃这条 start over from editing or 待重试, never while sending', () => {
    for (const phase of ['editing', 'pending'] as const) {
      expect(reportDraftReducer({ ...inPhase(phase), errors: { address: '地址至少 2 个字' } }, { type: 'discarded', fresh: fresh() })).toEqual(initialState(fresh()))
    }
    for (const phase of ['checking', 'uploading', 'submitting', 'created'] as const) {
      const state = inPhase(phase)
      expect(reportDraftReducer(state, { type: 'discarded', fresh: fresh() })).toBe(state)
    }
  })

  test('修改内容 only for a 待重试 draft never sent to reports.create', () => {
    const sent = inPhase('pending')
    expect(reportDraftReducer(sent, { type: 'unlock' })).toBe(sent)
    const editing = initialState(draft())
    expect(reportDraftReducer(editing, { type: 'unlock' })).toBe(editing)
  })
})

describe('two forms, one draft', () => {
  test('a form opened while its draft is being sent follows that send, then its outcome', () => {
    const sender = inPhase('uploading', draft({ photos: [photo('p1'), photo('p2')] }))
    const reopened = initialState(draft({ photos: [photo('p1'), photo('p2')] }))
    const following = reportDraftReducer(reopened, { type: 'joined', from: sender })
    expect(following).toEqual(expect.objectContaining({ phase: 'uploading', progress: { done: 0, total: 2 }, draft: sender.draft }))
    // Sending again from it is refused; the send's own steps are taken.
    expect(reportDraftReducer(following, { type: 'send', at: T2 })).toBe(following)
    const done = run(
      following,
      { type: 'uploaded', key: 'p1', fileID: 'cloud://env/p1.jpg', at: T1 },
      { type: 'uploaded', key: 'p2', fileID: 'cloud://env/p2.jpg', at: T1 },
      { type: 'created', report, fresh: fresh() }
    )
    expect(done).toEqual(expect.objectContaining({ phase: 'created', created: report, draft: fresh() }))
  })

  test('nothing to follow when the other form is not sending, nor for a form that is', () => {
    const reopened = initialState(draft())
    expect(reportDraftReducer(reopened, { type: 'joined', from: inPhase('pending') })).toBe(reopened)
    const sending = inPhase('submitting')
    expect(reportDraftReducer(sending, { type: 'joined', from: inPhase('uploading') })).toBe(sending)
  })
})

test('storage full is shown from the last save, and cleared by the next one that fits', () => {
  const start = initialState(draft())
  const full = reportDraftReducer(start, { type: 'saved', ok: false })
  expect(full.storageFull).toBe(true)
  expect(reportDraftReducer(full, { type: 'saved', ok: false })).toBe(full)
  expect(reportDraftReducer(full, { type: 'saved', ok: true }).storageFull).toBe(false)
  expect(reportDraftReducer(start, { type: 'saved', ok: true })).toBe(start)
})

test('the whole way: 提交, upload, offline, 待重试, 重新提交, 已提交, 再拍一个', () => {
  const steps: Array<[ReportDraftAction, DraftPhase]> = [
    [{ type: 'submit', errors: {} }, 'checking'],
    [{ type: 'send', at: T1 }, 'uploading'],
    [{ type: 'uploaded', key: 'p1', fileID: 'cloud://env/p1.jpg', at: T1 }, 'submitting'],
    [{ type: 'failed', failure: { code: 'INTERNAL', message: '网络不给力，请检查网络后重试' } }, 'pending'],
    [{ type: 'send', at: T2 }, 'submitting'],
    [{ type: 'created', report, fresh: fresh() }, 'created'],
    [{ type: 'closeCreated' }, 'editing']
  ]
  let state = initialState(draft())
  const sentAt: Array<string | null> = []
  for (const [action, phase] of steps) {
    state = reportDraftReducer(state, action)
    expect(state.phase).toBe(phase)
    sentAt.push(state.draft.sentAt)
  }
  expect(sentAt).toEqual([null, null, T1, T1, T1, null, null])
  expect(state.draft.clientKey).toBe(fresh().clientKey)
})
