import { useCallback, useState } from 'react'
import Taro from '@tarojs/taro'
import type { ActionName, CategoryItem, CategoryList, InputOf, ReportDetail, Result } from '@/contract'
import { call } from '@/services/call'
import { validateInput } from '@/services/validate'
import { useQuery, useQueryOf, type Remote } from './use-query'

/** The categories for pickers and filters, disabled ones included (marked; the town office may disable some). */
export function useCategories(enabled = true): Remote<CategoryItem[]> {
  return useQueryOf('reports.categories', {}, (list) => list.items, { enabled })
}

/** The categories with the revision a save must name (the editor on the 问题类别 page). */
export function useCategoryList(): Remote<CategoryList> {
  return useQuery('reports.categories', {})
}

export function useReportDetail(reportId: string | undefined): Remote<ReportDetail> {
  return useQuery('reports.get', reportId ? { reportId } : null)
}

/** Every action that moves a report along the loop answers with the report as it now is. */
export type FlowCall = Extract<
  ActionName,
  | 'reports.accept'
  | 'reports.reject'
  | 'reports.markDuplicate'
  | 'reports.changeCategory'
  | 'reports.dispatch'
  | 'reports.sign'
  | 'reports.answer'
  | 'reports.return'
  | 'reports.rectify'
  | 'reports.verify'
  | 'reports.suspend'
  | 'reports.resume'
  | 'reports.rate'
  | 'reports.reopen'
>

export interface RunOptions {
  /** Asked with 确定 / 取消 before anything is sent; none for a step that can be put right (受理: the tap is the confirmation). */
  confirm?: { title: string; content: string }
  /** Toast on success, e.g. 已受理. */
  done: string
}

export interface FlowFailure {
  action: FlowCall
  message: string
  fields: Record<string, string>
}

async function confirmed(title: string, content: string): Promise<boolean> {
  try {
    const res = await Taro.showModal({ title, content, confirmText: '确定', cancelText: '取消', confirmColor: '#c8161d' })
    return Boolean(res.confirm)
  } catch {
    return false
  }
}

/**
 * Runs one step of the loop on the shown report: checks the input with the contract schema,
 * asks for confirmation, sends, toasts, and puts the returned report in place (the fresh
 * server state, so `allowed` and the timeline update at once). A conflict reloads.
 */
export function useFlowActions(detail: Remote<ReportDetail>) {
  const [busy, setBusy] = useState<FlowCall | null>(null)
  const [failure, setFailure] = useState<FlowFailure | null>(null)
  const { setData, reload } = detail

  const run = useCallback(
    async <A extends FlowCall>(action: A, input: InputOf<A>, options: RunOptions): Promise<boolean> => {
      const invalid = validateInput(action, input)
      if (invalid) {
        setFailure({ action, message: invalid.message, fields: invalid.fields ?? {} })
        return false
      }
      setFailure(null)
      if (options.confirm && !(await confirmed(options.confirm.title, options.confirm.content))) return false
      setBusy(action)
      const res = (await call(action, input)) as Result<ReportDetail>
      setBusy(null)
      if (res.ok) {
        setData(() => res.data)
        void Taro.showToast({ title: options.done, icon: 'success' })
        return true
      }
      setFailure({ action, message: res.message, fields: res.fields ?? {} })
      void Taro.showToast({ title: res.message, icon: 'none', duration: 2500 })
      // Someone else moved it on (or took it away): show what it is now.
      if (res.code === 'CONFLICT' || res.code === 'FORBIDDEN' || res.code === 'NOT_FOUND') void reload()
      return false
    },
    [setData, reload]
  )

  const clearFailure = useCallback(() => setFailure(null), [])

  return { run, busy, failure, clearFailure }
}
