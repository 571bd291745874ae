import { act, renderHook } from '@testing-library/react'
import type { InfoDetail } from '@/contract'
import { useInfoForm } from '@/hooks/use-info-form'
import { usePhotoSet } from '@/hooks/use-cleaning'
import { uploadPending } from '@/services/photo-upload'
import { pickPhotos } from '@/services/photos'
import { uploadPhoto } from '@/services/storage'
import { UPLOAD_FAILURE_MESSAGE } from '@/services/storage-types'
import { callsOf, serve } from './support/serve'

jest.mock('@/services/call', () => ({ call: jest.fn() }))
jest.mock('@/services/storage', () => ({ uploadPhoto: jest.fn(), preparePhoto: jest.fn(async (path: string) => path), releasePhoto: jest.fn() }))
jest.mock('@/services/photos', () => ({ pickPhotos: jest.fn(), MAX_PHOTOS: 9 }))
jest.mock('@/store/app-store', () => ({ useAppStore: () => ({ ensurePrivacy: async () => true }) }))

const upload = uploadPhoto as jest.MockedFunction<typeof uploadPhoto>
const pick = pickPhotos as jest.MockedFunction<typeof pickPhotos>
const failed = { ok: false as const, code: 'INTERNAL' as const, message: UPLOAD_FAILURE_MESSAGE }

/** The upload mock answers in turn: a fileID per local path, or a failure where `fails` says so. */
function uploads(...answers: Array<'ok' | 'fail'>) {
  for (const a of answers) upload.mockImplementationOnce(async (path) => (a === 'ok' ? { ok: true, data: `cloud://${path}` } : failed))
}

beforeEach(() => {
  jest.clearAllMocks()
  upload.mockReset()
})

describe('uploadPending', () => {
  const photos = [
    { key: 'a', path: 'tmp/a.jpg', fileID: null },
    { key: 'b', path: 'tmp/b.jpg', fileID: 'cloud://kept-b' },
    { key: 'c', path: 'tmp/c.jpg', fileID: null },
    { key: 'd', path: 'tmp/d.jpg', fileID: null }
  ]

  test('keeps each photo as it goes up; a failure part-way reports the message and keeps the ones before it', async () => {
    uploads('ok', 'fail')
    const kept: Array<[string, string]> = []
    const positions: string[] = []
    const res = await uploadPending(
      photos,
      'info-key',
      (key, id) => kept.push([key, id]),
      (at, total) => positions.push(`${at}/${total}`)
    )
    expect(res).toEqual(failed)
    expect(kept).toEqual([['a', 'cloud://tmp/a.jpg']])
    expect(positions).toEqual(['1/4', '3/4'])
    expect(upload.mock.calls.map(([path]) => path)).toEqual(['tmp/a.jpg', 'tmp/c.jpg'])
    expect(upload.mock.calls[0][1]).toMatch(/^reports\/\d{4}\/\d{2}\/info-key-a\.jpg$/)
  })

  test('all up → every fileID in the photos’ order, uploaded ones untouched', async () => {
    uploads('ok', 'ok')
    const res = await uploadPending([photos[0], photos[1], photos[2]], 'x', () => undefined)
    expect(res).toEqual({ ok: true, data: ['cloud://tmp/a.jpg', 'cloud://kept-b', 'cloud://tmp/c.jpg'] })
    expect(upload).toHaveBeenCalledTimes(2)
  })
})

test('信息报送: a photo failing part-way keeps the ones that went up; the retry sends only the rest', async () => {
  serve({ 'supervision.submitInfo': (input) => ({ ok: true, data: { id: 'if-new', ...(input as object) } as unknown as InfoDetail }) })
  pick.mockResolvedValueOnce({ ok: true, paths: ['tmp/1.jpg', 'tmp/2.jpg'] })
  const { result } = renderHook(() => useInfoForm({ kind: 'village', id: 'v-dongshan' }, null))
  await act(async () => {
    await result.current.addPhoto()
    result.current.update({ title: '开展人居环境集中整治', text: '本周组织党员志愿者和保洁员对村道、沟渠进行集中清理。' })
  })
  expect(result.current.draft.photos).toHaveLength(2)

  uploads('ok', 'fail')
  let first: InfoDetail | null = null
  await act(async () => {
    first = await result.current.submit()
  })
  expect(first).toBeNull()
  expect(result.current.notice).toBe(UPLOAD_FAILURE_MESSAGE)
  expect(callsOf('supervision.submitInfo')).toHaveLength(0)
  expect(result.current.draft.photos.map((p) => p.fileID)).toEqual(['cloud://tmp/1.jpg', null])

  uploads('ok')
  await act(async () => {
    await result.current.submit()
  })
  expect(upload.mock.calls.map(([path]) => path)).toEqual(['tmp/1.jpg', 'tmp/2.jpg', 'tmp/2.jpg'])
  expect((callsOf('supervision.submitInfo')[0][1] as { photos: string[] }).photos).toEqual(['cloud://tmp/1.jpg', 'cloud://tmp/2.jpg'])
})

test('保洁考核 photos: the same rule — a retry after a failure uploads only what did not go up', async () => {
  pick.mockResolvedValueOnce({ ok: true, paths: ['tmp/p.jpg', 'tmp/q.jpg'] })
  const { result } = renderHook(() => usePhotoSet(3))
  await act(async () => {
    await result.current.add()
  })
  uploads('ok', 'fail')
  let ids: string[] | null = []
  await act(async () => {
    ids = await result.current.upload('clean-key')
  })
  expect(ids).toBeNull()
  expect(result.current.notice).toBe(UPLOAD_FAILURE_MESSAGE)
  uploads('ok')
  await act(async () => {
    ids = await result.current.upload('clean-key')
  })
  expect(ids).toEqual(['cloud://tmp/p.jpg', 'cloud://tmp/q.jpg'])
  expect(upload).toHaveBeenCalledTimes(3)
})
