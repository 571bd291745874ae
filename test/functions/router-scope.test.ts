/** The router's scope check fails closed: a scoped action needs a grant on that place, whatever else the action lists. */
import type { Access } from '../../src/contract'
import { AppError } from '../../cloudfunctions/_shared/errors'
import { authorize } from '../../cloudfunctions/_shared/router'
import type { UserDoc } from '../../cloudfunctions/_shared/docs'

const person = (grants: UserDoc['grants'], isVolunteer = false) => ({ _id: 'u1', grants, isVolunteer }) as unknown as UserDoc
const villageAdmin = (villageId: string) =>
  ({ role: 'village_admin', villageId, gridId: null, unitId: null, grantedAt: '2026-01-01T00:00:00Z', grantedBy: 'console' }) as unknown as UserDoc['grants'][number]
// A future action that lets residents and village admins act, but only on a village of their own.
const scoped: Access = { roles: ['resident', 'volunteer', 'village_admin'], scope: { kind: 'village', field: 'villageId' } }

const codeOf = (fn: () => unknown): string | null => {
  try {
    fn()
    return null
  } catch (e) {
    return e instanceof AppError ? e.code : 'THREW'
  }
}

test('a resident or volunteer without a grant on the place is refused, not waved through', () => {
  expect(codeOf(() => authorize(scoped, person([]), { villageId: 'v_dongshan' }))).toBe('FORBIDDEN')
  expect(codeOf(() => authorize(scoped, person([], true), { villageId: 'v_dongshan' }))).toBe('FORBIDDEN')
})

test('the village admin acts on their own village only; the town office everywhere', () => {
  expect(codeOf(() => authorize(scoped, person([villageAdmin('v_dongshan')]), { villageId: 'v_dongshan' }))).toBeNull()
  expect(codeOf(() => authorize(scoped, person([villageAdmin('v_dongshan')]), { villageId: 'v_xigang' }))).toBe('FORBIDDEN')
  const town = { role: 'town_admin', villageId: null, gridId: null, unitId: null, grantedAt: '2026-01-01T00:00:00Z', grantedBy: 'console' } as unknown as UserDoc['grants'][number]
  expect(codeOf(() => authorize({ ...scoped, roles: [...(scoped.roles as string[]), 'town_admin'] } as Access, person([town]), { villageId: 'v_xigang' }))).toBeNull()
})

test('an unscoped resident action stays open to every resident', () => {
  expect(codeOf(() => authorize({ roles: ['resident'] }, person([]), {}))).toBeNull()
})
