import { act, renderHook, waitFor } from '@testing-library/react'
import type { Result } from '@/contract'
import { send } from '@/services/transport'
import { stableKey, usePagedQuery, useQuery } from '@/hooks/use-query'

// The real `call` (contract validation included) over a mocked transport.
jest.mock('@/services/transport', () => ({ send: jest.fn() }))
const sendMock = send as jest.MockedFunction<typeof send>

/** A reply the test resolves when it wants, to put answers out of order. */
function deferred() {
  let resolve: (value: Result<unknown>) => void = () => undefined
  const promise = new Promise<Result<unknown>>((done) => (resolve = done))
  return { promise, resolve }
}

const staff = (name: string) => [{ userId: `u-${name}`, name, grant: { role: 'grid_worker', villageId: 'v1', grantedAt: '', grantedBy: '' } }]

beforeEach(() => sendMock.mockReset())

test('loads once per input value, in any key order, and sends the action to its function', async () => {
  sendMock.mockResolvedValue({ ok: true, data: staff('张') })
  const { result, rerender } = renderHook(({ input }) => useQuery('org.listStaff', input), { initialProps: { input: { villageId: 'v1' } } })
  expect(result.current.loading).toBe(true)
  await waitFor(() => expect(result.current.data).toEqual(staff('张')))
  expect(result.current.loading).toBe(false)
  rerender({ input: { villageId: 'v1' } })
  expect(sendMock).toHaveBeenCalledTimes(1)
  expect(sendMock).toHaveBeenCalledWith('org', { action: 'org.listStaff', data: { villageId: 'v1' } })
  expect(stableKey({ a: 1, b: { c: 2, d: 3 } })).toBe(stableKey({ b: { d: 3, c: 2 }, a: 1 }))
})

test('an answer for an older input is dropped', async () => {
  const first = deferred()
  const second = deferred()
  sendMock.mockReturnValueOnce(first.promise).mockReturnValueOnce(second.promise)
  const { result, rerender } = renderHook(({ input }) => useQuery('org.listStaff', input), { initialProps: { input: { villageId: 'v1' } } })
  rerender({ input: { villageId: 'v2' } })
  await act(async () => second.resolve({ ok: true, data: staff('新') }))
  await act(async () => first.resolve({ ok: true, data: staff('旧') }))
  expect(result.current.data).toEqual(staff('新'))
  expect(result.current.loading).toBe(false)
})

test('an answer after unmount changes nothing', async () => {
  const reply = deferred()
  sendMock.mockReturnValueOnce(reply.promise)
  const seen: unknown[] = []
  const { unmount } = renderHook(() => {
    const query = useQuery('org.listStaff', {})
    seen.push(query.data)
    return query
  })
  unmount()
  const renders = seen.length
  await act(async () => reply.resolve({ ok: true, data: staff('迟') }))
  expect(seen).toHaveLength(renders)
  expect(seen.every((data) => data === null)).toBe(true)
})

test('a failed reload keeps the last good data and shows the message', async () => {
  sendMock.mockResolvedValueOnce({ ok: true, data: staff('张') })
  const { result } = renderHook(() => useQuery('org.listStaff', {}))
  await waitFor(() => expect(result.current.data).toEqual(staff('张')))
  sendMock.mockResolvedValueOnce({ ok: false, code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' })
  await act(() => result.current.reload())
  expect(result.current.data).toEqual(staff('张'))
  expect(result.current.error).toBe('服务暂时不可用，请稍后再试')
  expect(result.current.loading).toBe(false)
})

test('null input or enabled: false waits without calling', async () => {
  const { result, rerender } = renderHook(({ id }) => useQuery('org.listStaff', id ? { villageId: id } : null), { initialProps: { id: '' } })
  const off = renderHook(() => useQuery('org.listStaff', {}, { enabled: false }))
  expect(result.current.loading).toBe(false)
  expect(off.result.current.loading).toBe(false)
  expect(sendMock).not.toHaveBeenCalled()
  sendMock.mockResolvedValue({ ok: true, data: staff('张') })
  rerender({ id: 'v1' })
  await waitFor(() => expect(result.current.data).toEqual(staff('张')))
})

test('a paged query appends the next page by cursor and starts over when the input changes', async () => {
  const user = (id: string) => ({ id, name: id, roles: ['resident'], grants: [] })
  sendMock.mockImplementation(async (_fn, payload) => {
    const { data } = payload as { data: { keyword?: string; cursor?: string } }
    if (data.keyword) return { ok: true, data: { items: [user('找到')], next: null } }
    return data.cursor ? { ok: true, data: { items: [user('b'), user('c')], next: null } } : { ok: true, data: { items: [user('a'), user('b')], next: 'p2' } }
  })
  const { result, rerender } = renderHook(({ keyword }) => usePagedQuery('users.list', { pageSize: 20, ...(keyword ? { keyword } : {}) }), { initialProps: { keyword: '' } })
  await waitFor(() => expect(result.current.items.map((item) => item.id)).toEqual(['a', 'b']))
  expect(result.current.hasMore).toBe(true)
  await act(() => result.current.loadMore())
  expect(result.current.items.map((item) => item.id)).toEqual(['a', 'b', 'c'])
  expect(result.current.hasMore).toBe(false)
  expect(sendMock.mock.calls[1][1]).toEqual({ action: 'users.list', data: { pageSize: 20, cursor: 'p2' } })
  rerender({ keyword: '找' })
  await waitFor(() => expect(result.current.items.map((item) => item.id)).toEqual(['找到']))
})
