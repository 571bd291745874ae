import * as v from 'valibot'
import { ASSIGNABLE_ROLES } from './roles'

export const MAX_PAGE_SIZE = 50

/**
 * Whether a text holds characters nobody types: C0/C1 control characters (NUL, escape…) and the
 * bidirectional overrides that make text read differently from how it is stored. A multi-line text
 * keeps its line breaks and tabs.
 */
export function hasControlChars(s: string, multiline = false): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x20) {
      if (!(multiline && (c === 0x09 || c === 0x0a || c === 0x0d))) return true
    } else if ((c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
      return true
    }
  }
  return false
}

/** Refuses control characters (see hasControlChars) with the field's own message. */
export const printable = (message: string, multiline = false) => v.check((s: string) => !hasControlChars(s, multiline), message)

const controlMessage = (label: string) => `${label}中有无法显示的字符，请删除后再试`

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/

/** Whether `s` is a day that exists on the calendar, written YYYY-MM-DD (no 2027-02-30, no 2026-13-01). */
export function isCalendarDate(s: string): boolean {
  const m = DATE_PATTERN.exec(s)
  if (!m) return false
  const year = Number(m[1])
  const month = Number(m[2])
  const day = Number(m[3])
  if (month < 1 || month > 12 || day < 1) return false
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
  return day <= days
}

/**
 * Whether `s` is an ISO 8601 instant (as valibot's isoTimestamp reads it) on a real calendar day that
 * the JavaScript Date reads as written: `2027-02-30T10:00:00Z` would otherwise become 2 March, and
 * `…+08` (an offset without minutes) an invalid date.
 */
export function isInstant(s: string): boolean {
  return isCalendarDate(s.slice(0, 10)) && Number.isFinite(Date.parse(s))
}

/** A calendar day, YYYY-MM-DD: the one schema for every date in the contract. */
export const calendarDate = (label: string) => v.pipe(v.string(`请选择${label}`), v.regex(DATE_PATTERN, `${label}格式应为 年-月-日`), v.check(isCalendarDate, `${label}不是有效的日期`))

/** A moment in time, ISO 8601 with a zone: the one schema for every date-time in the contract. */
export const instant = (label: string) => v.pipe(v.string(`请选择${label}`), v.isoTimestamp(`${label}格式不正确`), v.check(isInstant, `${label}不是有效的时间`))

export const id = (label = '编号') => v.pipe(v.string(`${label}格式不正确`), v.regex(/^[A-Za-z0-9_-]{1,64}$/, `${label}格式不正确`))

export const personName = v.pipe(v.string('请填写姓名'), v.trim(), printable(controlMessage('姓名')), v.minLength(1, '请填写姓名'), v.maxLength(20, '姓名最多 20 个字'))

export const placeName = (label: string) => v.pipe(v.string(`请填写${label}`), v.trim(), printable(controlMessage(label)), v.minLength(1, `请填写${label}`), v.maxLength(30, `${label}最多 30 个字`))

export const mobilePhone = v.pipe(v.string('请填写手机号'), v.trim(), v.regex(/^1[3-9]\d{9}$/, '请填写 11 位手机号'))

/** The opaque paging token the server handed out (base64url). */
export const cursor = v.optional(v.pipe(v.string('分页参数不正确'), v.maxLength(200, '分页参数不正确'), v.regex(/^[A-Za-z0-9_-]*$/, '分页参数不正确')))
export const pageSize = v.optional(v.pipe(v.number('每页条数不正确'), v.integer('每页条数不正确'), v.minValue(1, '每页条数不正确'), v.maxValue(MAX_PAGE_SIZE, `每页最多 ${MAX_PAGE_SIZE} 条`)))

/** The input of a list read a page at a time: its own filters, then the paging token and size. */
export const paged = <E extends v.ObjectEntries = Record<never, never>>(filters: E = {} as E) => v.object({ ...filters, cursor, pageSize })

/** A whole number from min to max, with a Chinese label. */
export const intBetween = (label: string, min: number, max: number) =>
  v.pipe(v.number(`请填写${label}`), v.integer(`${label}应为整数`), v.minValue(min, `${label}不能小于 ${min}`), v.maxValue(max, `${label}不能大于 ${max}`))

/** The revision a form was loaded at: a save on top of another save is refused. */
export const rev = intBetween('版本', 0, 1_000_000)

/** Made by the form when a submission is drafted: a retry with the same key does not submit twice. */
export const submissionKey = v.pipe(v.string('提交编号不正确'), v.regex(/^[A-Za-z0-9_-]{8,64}$/, '提交编号不正确'))

/** A problem category's code (reports.categories). */
export const categoryCode = v.pipe(v.string('请选择问题类别'), v.regex(/^[a-z][a-z0-9_]{0,31}$/, '问题类别不正确'))

/** A checklist item's key (a patrol template's or the cleaning rules'). */
export const checklistKey = v.pipe(v.string('检查项编号不正确'), v.regex(/^[A-Za-z0-9_-]{1,16}$/, '检查项编号不正确'))

export const assignableRole = v.picklist(ASSIGNABLE_ROLES, '角色不正确')

export const roleTarget = v.object({
  userId: id('用户编号'),
  role: assignableRole,
  villageId: v.optional(id('村（居）编号')),
  gridId: v.optional(id('网格编号')),
  unitId: v.optional(id('单位编号'))
})

export const profileInput = v.object({
  name: v.optional(personName),
  phone: v.optional(v.union([mobilePhone, v.literal('')], '请填写 11 位手机号')),
  villageId: v.optional(v.nullable(id('村（居）编号'))),
  gridId: v.optional(v.nullable(id('网格编号')))
})

const freeText = (label: string, min: number, max: number, multiline: boolean) =>
  v.pipe(
    v.string(`请填写${label}`),
    v.trim(),
    printable(controlMessage(label), multiline),
    v.minLength(min, min > 1 ? `${label}至少 ${min} 个字` : `请填写${label}`),
    v.maxLength(max, `${label}最多 ${max} 个字`)
  )

/** Free text with a Chinese label (a description, a reason): trimmed, between min and max characters; line breaks and tabs allowed. */
export const textField = (label: string, min: number, max: number) => freeText(label, min, max, true)

/** The shortest problem description a report takes (随手拍, and a problem a visit files into the loop). */
export const REPORT_DESCRIPTION_MIN = 5

/** One line of text with a Chinese label (a title, a name, an address): like textField, without line breaks or tabs. */
export const lineField = (label: string, min: number, max: number) => freeText(label, min, max, false)

/** A cloud file ID (cloud://…) as the upload returned it. */
export const fileId = (message: string, max = 300) => v.pipe(v.string(message), v.minLength(1, message), v.maxLength(max, message), printable(message))

/** A position in China (GCJ-02 in WeChat, WGS-84 in a browser). */
export const geoPoint = v.object({
  lng: v.pipe(v.number('位置不正确'), v.minValue(73, '位置不在服务范围内'), v.maxValue(136, '位置不在服务范围内')),
  lat: v.pipe(v.number('位置不正确'), v.minValue(3, '位置不在服务范围内'), v.maxValue(54, '位置不在服务范围内'))
})

export const PRIVACY_VERSION = '2026-11'
