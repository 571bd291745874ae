import { useCallback, useEffect, useRef, useState } from 'react'
import type { ActionName, InputOf, OutputOf, Result } from '@/contract'
import { call } from '@/services/call'

/** Field path (`phone`, `items.0.name`) → Chinese message, from the contract schema or the router. */
export type FieldErrors = Record<string, string>

export interface ActionRunner<A extends ActionName> {
  /**
   * Validates with the contract, then calls. Resolves with the Result (a failure's message and
   * fields are also kept in `message` / `fieldErrors`). Resolves with null when nothing is to be
   * done with an answer: the hook was already busy (no call is made), or the component unmounted
   * before the answer came (so `if (!res?.ok) return` never navigates away from a page left).
   */
  run: (input: InputOf<A>) => Promise<Result<OutputOf<A>> | null>
  busy: boolean
  /** The input of the call in flight (null when idle): which row of a list shows 加载中. */
  pending: InputOf<A> | null
  fieldErrors: FieldErrors
  /** The last failure's message, null after a success or reset. */
  message: string | null
  /** Shows a failure found before calling (e.g. 请先选择…), in the same shape; null = fields only. */
  fail: (message: string | null, fields?: FieldErrors) => void
  /** Clears message and field errors. */
  reset: () => void
  /** Drops one field's error (the person is correcting it); the message stays. */
  clearField: (field: string) => void
}

const NO_FIELDS: FieldErrors = {}

/**
 * One write of the contract with its busy flag and errors. One busy flag per hook: a page with two
 * independent actions uses two hooks. Answers after unmount change no state.
 */
export function useAction<A extends ActionName>(action: A): ActionRunner<A> {
  const [pending, setPending] = useState<InputOf<A> | null>(null)
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>(NO_FIELDS)
  const [message, setMessage] = useState<string | null>(null)
  const busyRef = useRef(false)
  const mounted = useRef(true)

  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  const run = useCallback(
    async (input: InputOf<A>) => {
      if (busyRef.current) return null
      busyRef.current = true
      setPending(() => input)
      setMessage(null)
      setFieldErrors(NO_FIELDS)
      try {
        const res = await call(action, input)
        if (!mounted.current) return null
        if (!res.ok) {
          setMessage(res.message)
          setFieldErrors(res.fields ?? NO_FIELDS)
        }
        return res
      } finally {
        busyRef.current = false
        if (mounted.current) setPending(null)
      }
    },
    [action]
  )

  const fail = useCallback((failure: string | null, fields?: FieldErrors) => {
    setMessage(failure)
    setFieldErrors(fields ?? NO_FIELDS)
  }, [])

  const reset = useCallback(() => {
    setMessage(null)
    setFieldErrors(NO_FIELDS)
  }, [])

  const clearField = useCallback((field: string) => {
    setFieldErrors((current) => {
      if (!(field in current)) return current
      const { [field]: _cleared, ...rest } = current
      return rest
    })
  }, [])

  return { run, busy: pending !== null, pending, fieldErrors, message, fail, reset, clearField }
}
