import { useCallback, useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { readStoredDraft, removeStoredDraft, storeDraft } from '@/services/draft-store'
import { holdLeave, LEAVE_MESSAGE, releaseLeave } from '@/services/leave-guard'
import { useAppStore } from '@/store/app-store'

/**
 * A long form's draft on the phone (the forms other than 随手拍 and 督导巡查, which keep their own
 * drafts with photos and offline sending): the form keeps its own state; this hook watches its
 * value, saves it (debounced, and at once when the page closes), offers it back when the form
 * opens again (已恢复上次未提交的内容 · 清空), forgets it once submitted, and warns before the page
 * is left with unsent content. Photos picked on the phone are not kept (their files do not
 * outlive the page in the browser); photos already uploaded are, as part of the value.
 *
 * `key` names the form (and the record edited, e.g. `activity-edit:<id>`); null while the form
 * cannot start yet (the record still loading). Drafts belong to the signed-in person.
 */
export interface FormDraft {
  /** A saved draft was put back into the form when it opened. */
  restored: boolean
  /** The form differs from how it opened (what a leave warning is about). */
  dirty: boolean
  /** 清空: the form back to how it opened, the saved draft forgotten. */
  clear: () => void
  /** After a successful submit: the saved draft forgotten, no more warning. */
  done: () => void
  /** Hide the 已恢复 notice (keeps the draft). */
  dismiss: () => void
}

export const DRAFT_PREFIX = 'form-draft:'
const DELAY_MS = 600
const VERSION = 1

interface Stored<T> {
  v: number
  value: T
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

function readDraft<T>(storageKey: string): T | null {
  const stored = readStoredDraft(storageKey) as Stored<T> | null
  return stored && typeof stored === 'object' && stored.v === VERSION && 'value' in stored ? stored.value : null
}

const isWeapp = process.env.TARO_ENV === 'weapp'

/** The platform's own way out: WeChat's back-alert, the browser's beforeunload. */
function usePlatformGuard(dirty: boolean, owner: string): void {
  useEffect(() => {
    if (!dirty) return undefined
    holdLeave(owner, LEAVE_MESSAGE)
    if (isWeapp) {
      try {
        Taro.enableAlertBeforeUnload({ message: LEAVE_MESSAGE })
      } catch {
        // older base library: no alert
      }
      return () => {
        releaseLeave(owner)
        try {
          Taro.disableAlertBeforeUnload()
        } catch {
          // nothing enabled
        }
      }
    }
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault()
      event.returnValue = LEAVE_MESSAGE
      return LEAVE_MESSAGE
    }
    const target = typeof window === 'undefined' ? null : window
    target?.addEventListener('beforeunload', onBeforeUnload)
    return () => {
      releaseLeave(owner)
      target?.removeEventListener('beforeunload', onBeforeUnload)
    }
  }, [dirty, owner])
}

/**
 * `value`: the form's current content (JSON-serialisable); `apply`: puts a value into the form
 * (a restored draft, or the opening value on 清空). The opening value is the first `value` seen
 * once `key` is set.
 */
export function useFormDraft<T>(key: string | null, value: T, apply: (value: T) => void): FormDraft {
  const { profile } = useAppStore()
  const storageKey = key && profile ? `${DRAFT_PREFIX}${profile.id}:${key}` : null
  const baseline = useRef<{ key: string; value: T } | null>(null)
  if (storageKey && baseline.current?.key !== storageKey) baseline.current = { key: storageKey, value }
  const [restored, setRestored] = useState(false)
  /** Submitted: nothing more is kept or warned about while this form stays open. */
  const [finished, setFinished] = useState(false)
  const closed = useRef(false)
  const skipSave = useRef(false)
  const latest = useRef({ storageKey, value })
  latest.current = { storageKey, value }
  const applyRef = useRef(apply)
  applyRef.current = apply
  const dirty = !finished && storageKey !== null && baseline.current !== null && !same(value, baseline.current.value)

  // Opening: offer the saved draft back.
  useEffect(() => {
    if (!storageKey) return
    const saved = readDraft<T>(storageKey)
    if (saved === null || same(saved, baseline.current?.value)) return
    skipSave.current = true
    applyRef.current(saved)
    setRestored(true)
  }, [storageKey])

  // Saving: debounced while typing; back to the opening value = nothing to keep.
  useEffect(() => {
    if (!storageKey || closed.current) return undefined
    if (skipSave.current) {
      skipSave.current = false
      return undefined
    }
    if (!dirty) {
      removeStoredDraft(storageKey)
      return undefined
    }
    const timer = setTimeout(() => storeDraft(storageKey, { v: VERSION, value }, () => ({ v: VERSION, value })), DELAY_MS)
    return () => clearTimeout(timer)
  }, [storageKey, value, dirty])

  // Closing the page: keep what was typed since the last save.
  useEffect(
    () => () => {
      const { storageKey: openKey, value: last } = latest.current
      if (closed.current) return
      if (openKey && baseline.current && baseline.current.key === openKey && !same(last, baseline.current.value)) {
        storeDraft(openKey, { v: VERSION, value: last }, () => ({ v: VERSION, value: last }))
      }
    },
    []
  )

  const owner = useRef(`form-${Math.random().toString(36).slice(2)}`).current
  usePlatformGuard(dirty, owner)

  const clear = useCallback(() => {
    if (storageKey) removeStoredDraft(storageKey)
    setRestored(false)
    if (baseline.current) applyRef.current(baseline.current.value)
  }, [storageKey])

  const done = useCallback(() => {
    closed.current = true
    if (storageKey) removeStoredDraft(storageKey)
    setRestored(false)
    setFinished(true)
    releaseLeave(owner)
  }, [storageKey, owner])

  const dismiss = useCallback(() => setRestored(false), [])

  return { restored, dirty, clear, done, dismiss }
}
