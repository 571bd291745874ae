import { useState } from 'react'
import type { MoveRequest, MyProfile, Page } from '@/contract'
import { useAction } from '@/hooks/use-action'
import { PAGE_SIZE, usePagedQueryOf, type Paged } from '@/hooks/use-query'

/** A pending move keyed by the person (usePaged needs an id). */
export type MoveRow = MoveRequest & { id: string }

/** 待确认的迁入 into `villageId` (undefined: every village — the town office only). */
export function useMoveRequests(villageId: string | undefined, enabled = true): Paged<MoveRow> {
  return usePagedQueryOf(
    'users.moves',
    { ...(villageId ? { villageId } : {}), pageSize: PAGE_SIZE },
    (data): Page<MoveRow> => ({ items: data.items.map((m) => ({ ...m, id: m.userId })), next: data.next }),
    { enabled }
  )
}

/** 同意 / 不同意 for one pending move at a time; `onDecided` refreshes the list. */
export function useMoveDecision(onDecided: () => void) {
  const confirm = useAction('users.confirmMove')
  const refuse = useAction('users.refuseMove')
  const [failed, setFailed] = useState<string | null>(null)
  const busyId = confirm.pending?.userId ?? refuse.pending?.userId ?? null
  const message = confirm.message ?? refuse.message
  const error = failed && message ? { userId: failed, message } : null

  const decide = async (move: MoveRequest, approve: boolean, reason?: string): Promise<boolean> => {
    if (busyId) return false
    confirm.reset()
    refuse.reset()
    const input = { userId: move.userId, villageId: move.to.villageId }
    const trimmed = reason?.trim()
    const res = approve ? await confirm.run(input) : await refuse.run(trimmed ? { ...input, reason: trimmed } : input)
    if (!res?.ok) {
      setFailed(move.userId)
      return false
    }
    onDecided()
    return true
  }

  return { busyId, error, decide }
}

/** The person withdraws their pending move (or dismisses a refusal); the saved profile goes to `onDone`. */
export function useCancelMove(onDone: (profile: MyProfile) => void) {
  const cancelMove = useAction('users.cancelMove')

  const cancel = async (): Promise<boolean> => {
    const res = await cancelMove.run({})
    if (!res?.ok) return false
    onDone(res.data)
    return true
  }

  return { busy: cancelMove.busy, error: cancelMove.message, cancel }
}
