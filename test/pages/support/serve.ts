import type { ActionName, Result } from '@/contract'
import { call } from '@/services/call'

export type Replies = Partial<Record<ActionName, (input: unknown) => Result<unknown>>>

/** The mocked `call` (tests must `jest.mock('@/services/call', ...)`), answering per action. */
export const callMock = call as jest.MockedFunction<typeof call>

export function serve(replies: Replies): void {
  callMock.mockImplementation((async (action: ActionName, input: unknown) => {
    const reply = replies[action]
    if (!reply) return { ok: false, code: 'INTERNAL', message: `unexpected ${action}` }
    return reply(input)
  }) as unknown as typeof call)
}

export function callsOf(action: ActionName): unknown[][] {
  return callMock.mock.calls.filter(([name]) => name === action)
}

/** Types into a real Taro H5 <Input> or <Textarea>: waits for its inner <input>/<textarea> (rendered a tick later). */
export async function typeInto(container: HTMLElement, selector: string, value: string): Promise<void> {
  const { fireEvent, waitFor } = await import('@testing-library/react')
  const host = container.querySelector(selector) as HTMLElement | null
  if (!host) throw new Error(`no element matches ${selector}`)
  const input = await waitFor(() => {
    const found = host.querySelector('input, textarea')
    if (!found) throw new Error(`${selector} has no inner <input> or <textarea> yet`)
    return found
  })
  fireEvent.input(input, { target: { value } })
}
