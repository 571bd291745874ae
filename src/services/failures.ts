import { DEFAULT_MESSAGES, type Fail } from '@/contract'

/**
 * The messages the cloud sent with NOT_FOUND. Pages show a failed read as a message string
 * (`ErrorState message={detail.error}`); this lets the one ErrorState tell "it does not exist"
 * from "it failed" without every page passing the code along.
 */
const notFoundMessages = new Set<string>([DEFAULT_MESSAGES.NOT_FOUND])

/** The data layer (use-query) hands every failed read through here; returns the message to show. */
export function noteFailure(fail: Fail): string {
  if (fail.code === 'NOT_FOUND') notFoundMessages.add(fail.message)
  return fail.message
}

/**
 * True when a read failed because the thing is not there: the cloud said NOT_FOUND, the link
 * named no id (「没有指定要查看的问题」), or its id cannot be one (「问题编号格式不正确」, from the
 * contract's `id()` schema before any round trip).
 */
export function isNotFoundMessage(message: string): boolean {
  return notFoundMessages.has(message) || message.startsWith('没有指定') || message.endsWith('编号格式不正确')
}

/** 「没有找到这期光荣榜」→「未找到这期光荣榜」; anything else →「未找到要找的内容」. */
export function notFoundTitle(message: string): string {
  const named = /^没有(?:找到|指定)([^，。,；]+)/.exec(message)
  return `未找到${named ? named[1] : '要找的内容'}`
}
