export const ERROR_CODES = ['INVALID_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'RATE_LIMITED', 'CONSENT_REQUIRED', 'INTERNAL'] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface Ok<T> {
  ok: true
  data: T
}
export interface Fail {
  ok: false
  code: ErrorCode
  message: string
  /** Field-level details for forms: path → Chinese message. */
  fields?: Record<string, string>
}
export type Result<T> = Ok<T> | Fail

export const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  INVALID_INPUT: '填写的内容有误，请检查后再试',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '您没有权限进行此操作',
  NOT_FOUND: '要找的内容不存在或已删除',
  CONFLICT: '数据已被他人修改，请刷新后重试',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  CONSENT_REQUIRED: '请先阅读并同意《用户隐私保护指引》，再使用这项功能',
  INTERNAL: '服务暂时不可用，请稍后再试'
}
