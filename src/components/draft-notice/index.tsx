import { View, Text } from '@tarojs/components'
import type { FormDraft } from '@/hooks/use-form-draft'
import './index.scss'

/** 已恢复上次未提交的内容 · 清空 — above a form whose saved draft was put back. */
export function DraftNotice({ draft }: { draft: FormDraft }) {
  if (!draft.restored) return null
  return (
    <View className='draft-notice' role='status'>
      <Text className='draft-notice-text'>已恢复上次未提交的内容</Text>
      <Text className='wm-link draft-notice-clear' onClick={draft.clear}>
        清空
      </Text>
    </View>
  )
}
