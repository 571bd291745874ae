import Taro from '@tarojs/taro'

/**
 * Forms with unsent content say so before the page is left. A form holds the guard while it is
 * dirty; the in-app back button (page shell) asks `confirmLeave()`; the platform's own ways out
 * are covered where the form holds it (H5: beforeunload; WeChat: enableAlertBeforeUnload).
 */
export const LEAVE_MESSAGE = '填写的内容还没有提交，已保存为草稿，下次打开会恢复。确定离开吗？'

const held = new Map<string, string>()

export function holdLeave(owner: string, message: string = LEAVE_MESSAGE): void {
  held.set(owner, message)
}

export function releaseLeave(owner: string): void {
  held.delete(owner)
}

/** The message to show before leaving, or null when nothing unsent is on the page. */
export function leaveMessage(): string | null {
  const first = held.values().next()
  return first.done ? null : first.value
}

/** true = go on leaving (nothing held, or the person confirmed). */
export async function confirmLeave(): Promise<boolean> {
  const message = leaveMessage()
  if (!message) return true
  try {
    const res = await Taro.showModal({ title: '还没有提交', content: message, confirmText: '离开', cancelText: '继续填写' })
    return Boolean(res.confirm)
  } catch {
    return true
  }
}
