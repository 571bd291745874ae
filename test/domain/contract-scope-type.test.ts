import * as v from 'valibot'
import { action } from '@/contract/define'

// `npm run typecheck` compiles this file: the @ts-expect-error line fails the type check if a scope
// could name a field its action's input does not have.
describe('Access.scope.field is a field of the action input', () => {
  const input = v.object({ villageId: v.string(), note: v.string() })

  test('a field of the input is accepted', () => {
    const spec = action<null>()({ title: '示例', input, access: { roles: ['village_admin'], scope: { kind: 'village', field: 'villageId' } } })
    expect(spec.access.scope).toEqual({ kind: 'village', field: 'villageId' })
  })

  test('a field the input does not have does not compile', () => {
    // @ts-expect-error 'village' is not a field of the input (renamed fields must not compile)
    const spec = action<null>()({ title: '示例', input, access: { roles: ['village_admin'], scope: { kind: 'village', field: 'village' } } })
    expect(spec.access.scope?.field).toBe('village')
  })
})
