import { useCallback } from 'react'
import Taro from '@tarojs/taro'
import type { ActionName, Fail, InputOf } from '@/contract'
import { call } from '@/services/call'
import { validateInput } from '@/services/validate'

type SaveAction = Extract<ActionName, 'org.saveVillage' | 'org.saveGrid' | 'org.saveUnit'>

/** Saves a village / grid / unit; on success toasts and runs `after` (reload the lists). */
export function useOrgEditor(after: () => void) {
  return useCallback(
    async <A extends SaveAction>(action: A, input: InputOf<A>): Promise<Fail | null> => {
      const invalid = validateInput(action, input)
      if (invalid) return invalid
      const res = await call(action, input)
      if (!res.ok) return res
      void Taro.showToast({ title: '已保存', icon: 'success' })
      after()
      return null
    },
    [after]
  )
}
