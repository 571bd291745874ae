import * as v from 'valibot'
import { ASSIGNABLE_ROLES } from './roles'

export const MAX_PAGE_SIZE = 50

export const id = (label = '编号') =>
  v.pipe(v.string(`${label}格式不正确`), v.regex(/^[A-Za-z0-9_-]{1,64}$/, `${label}格式不正确`))

export const personName = v.pipe(
  v.string('请填写姓名'),
  v.trim(),
  v.minLength(1, '请填写姓名'),
  v.maxLength(20, '姓名最多 20 个字')
)

export const placeName = (label: string) =>
  v.pipe(v.string(`请填写${label}`), v.trim(), v.minLength(1, `请填写${label}`), v.maxLength(30, `${label}最多 30 个字`))

export const mobilePhone = v.pipe(
  v.string('请填写手机号'),
  v.trim(),
  v.regex(/^1[3-9]\d{9}$/, '请填写 11 位手机号')
)

export const cursor = v.optional(v.pipe(v.string(), v.maxLength(200, '分页参数不正确')))
export const pageSize = v.optional(
  v.pipe(v.number('每页条数不正确'), v.integer('每页条数不正确'), v.minValue(1, '每页条数不正确'), v.maxValue(MAX_PAGE_SIZE, `每页最多 ${MAX_PAGE_SIZE} 条`))
)

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

/** Free text with a Chinese label: trimmed, between min and max characters. */
export const textField = (label: string, min: number, max: number) =>
  v.pipe(v.string(`请填写${label}`), v.trim(), v.minLength(min, min > 1 ? `${label}至少 ${min} 个字` : `请填写${label}`), v.maxLength(max, `${label}最多 ${max} 个字`))

/** A position in China (GCJ-02 in WeChat, WGS-84 in a browser). */
export const geoPoint = v.object({
  lng: v.pipe(v.number('位置不正确'), v.minValue(73, '位置不在服务范围内'), v.maxValue(136, '位置不在服务范围内')),
  lat: v.pipe(v.number('位置不正确'), v.minValue(3, '位置不在服务范围内'), v.maxValue(54, '位置不在服务范围内'))
})

export const PRIVACY_VERSION = '2026-11'
