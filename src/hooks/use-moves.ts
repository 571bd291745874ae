import { useCallback, useState } from 'react'
import type { MoveRequest, MyProfile, Page, Result } from '@/contract'
import { call } from '@/services/call'
import { PAGE_SIZE, usePaged, type Paged } from '@/hooks/use-paged'

/** A pending move keyed by the person (usePaged needs an id). */
export type MoveRow = MoveRequest & { id: string }

/** 待确认的迁入 into `villageId` (undefined: every village — the town office only). */
export function useMoveRequests(villageId: string | undefined, enabled = true): Paged<MoveRow> {
  const load = useCallback(
    async (cursor?: string): Promise<Result<Page<MoveRow>>> => {
      const res = await call('users.moves', { ...(villageId ? { villageId } : {}), ...(cursor ? { cursor } : {}), pageSize: PAGE_SIZE })
      if (!res.ok) return res
      return { ok: true, data: { items: res.data.items.map((m) => ({ ...m, id: m.userId })), next: res.data.next } }
    },
    [villageId]
  )
  return usePaged(load, villageId ?? 'all', enabled)
}

/** 同意 / 不同意 for one pending move at a time; `onDecided` refreshes the list. */
export function useMoveDecision(onDecided: () => void) {
  const [busyId, setBusyId] = useState<string | null>(null)
  const [error, setError] = useState<{ userId: string; message: string } | null>(null)

  const decide = useCallback(
    async (move: MoveRequest, approve: boolean, reason?: string): Promise<boolean> => {
      setBusyId(move.userId)
      setError(null)
      const input = { userId: move.userId, villageId: move.to.villageId }
      const trimmed = reason?.trim()
      const res = approve ? await call('users.confirmMove', input) : await call('users.refuseMove', trimmed ? { ...input, reason: trimmed } : input)
      setBusyId(null)
      if (!res.ok) {
        setError({ userId: move.userId, message: res.message })
        return false
      }
      onDecided()
      return true
    },
    [onDecided]
  )

  return { busyId, error, decide }
}

/** The person withdraws their pending move (or dismisses a refusal); the saved profile goes to `onDone`. */
export function useCancelMove(onDone: (profile: MyProfile) => void) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const cancel = useCallback(async (): Promise<boolean> => {
    setBusy(true)
    setError(null)
    const res = await call('users.cancelMove', {})
    setBusy(false)
    if (!res.ok) {
      setError(res.message)
      return false
    }
    onDone(res.data)
    return true
  }, [onDone])

  return { busy, error, cancel }
}
