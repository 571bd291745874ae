import { act, renderHook } from '@testing-library/react'
import type { Result } from '@/contract'
import { send } from '@/services/transport'
import { useAction } from '@/hooks/use-action'

// The real `call` (contract validation included) over a mocked transport.
jest.mock('@/services/transport', () => ({ send: jest.fn() }))
const sendMock = send as jest.MockedFunction<typeof send>

function deferred() {
  let resolve: (value: Result<unknown>) => void = () => undefined
  const promise = new Promise<Result<unknown>>((done) => (resolve = done))
  return { promise, resolve }
}

const village = { id: 'v-new', townId: 't1', name: '南湖社区', order: 3, grids: [] }

beforeEach(() => sendMock.mockReset())

test('busy while the call is out; a second run meanwhile makes no call and resolves null', async () => {
  const reply = deferred()
  sendMock.mockReturnValueOnce(reply.promise)
  const { result } = renderHook(() => useAction('org.saveVillage'))
  let first: Promise<unknown> = Promise.resolve()
  act(() => {
    first = result.current.run({ name: '南湖社区', order: 3 })
  })
  expect(result.current.busy).toBe(true)
  expect(result.current.pending).toEqual({ name: '南湖社区', order: 3 })
  let second: unknown
  await act(async () => {
    second = await result.current.run({ name: '北湖社区', order: 4 })
  })
  expect(second).toBeNull()
  expect(sendMock).toHaveBeenCalledTimes(1)
  await act(async () => {
    reply.resolve({ ok: true, data: village })
    expect(await first).toEqual({ ok: true, data: village })
  })
  expect(result.current.busy).toBe(false)
  expect(result.current.pending).toBeNull()
  sendMock.mockResolvedValueOnce({ ok: true, data: village })
  await act(() => result.current.run({ name: '北湖社区', order: 4 }))
  expect(sendMock).toHaveBeenCalledTimes(2)
})

test('field errors from the contract, before any round trip', async () => {
  const { result } = renderHook(() => useAction('org.saveVillage'))
  let res: unknown
  await act(async () => {
    res = await result.current.run({ name: '', order: 3 })
  })
  expect(sendMock).not.toHaveBeenCalled()
  expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
  expect(Object.keys(result.current.fieldErrors)).toEqual(['name'])
  expect(result.current.message).toBe(result.current.fieldErrors.name)
  expect(result.current.busy).toBe(false)
})

test('field errors and message from the router, cleared by the next run and by reset', async () => {
  sendMock.mockResolvedValueOnce({ ok: false, code: 'CONFLICT', message: '已有同名的村（居）', fields: { name: '已有同名的村（居）' } })
  const { result } = renderHook(() => useAction('org.saveVillage'))
  await act(() => result.current.run({ name: '东山村', order: 1 }))
  expect(result.current.fieldErrors).toEqual({ name: '已有同名的村（居）' })
  expect(result.current.message).toBe('已有同名的村（居）')
  sendMock.mockResolvedValueOnce({ ok: false, code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' })
  await act(() => result.current.run({ name: '东山村', order: 1 }))
  expect(result.current.fieldErrors).toEqual({})
  expect(result.current.message).toBe('服务暂时不可用，请稍后再试')
  act(() => result.current.reset())
  expect(result.current.message).toBeNull()
  act(() => result.current.fail('请先选择村（居）', { villageId: '请先选择村（居）', name: '请填写名称' }))
  expect(result.current.fieldErrors).toEqual({ villageId: '请先选择村（居）', name: '请填写名称' })
  act(() => result.current.clearField('name'))
  expect(result.current.fieldErrors).toEqual({ villageId: '请先选择村（居）' })
  expect(result.current.message).toBe('请先选择村（居）')
  sendMock.mockResolvedValueOnce({ ok: true, data: village })
  await act(() => result.current.run({ name: '南湖社区', order: 3 }))
  expect(result.current.message).toBeNull()
  expect(result.current.fieldErrors).toEqual({})
})

test('an answer after unmount changes no state and resolves null, so the caller does nothing', async () => {
  const reply = deferred()
  sendMock.mockReturnValueOnce(reply.promise)
  const renders: boolean[] = []
  const { result, unmount } = renderHook(() => {
    const runner = useAction('org.saveVillage')
    renders.push(runner.busy)
    return runner
  })
  let pending: Promise<unknown> = Promise.resolve()
  act(() => {
    pending = result.current.run({ name: '南湖社区', order: 3 })
  })
  unmount()
  const count = renders.length
  reply.resolve({ ok: false, code: 'CONFLICT', message: '已有同名的村（居）' })
  expect(await pending).toBeNull()
  expect(renders).toHaveLength(count)
})
