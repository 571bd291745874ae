import type * as v from 'valibot'
import { personName } from './schemas'
import type { ActionSpec, AnySchema } from './define'
import { userActions } from './users'
import { orgActions } from './org'
import { reportActions } from './reports'
import { volunteerActions } from './volunteers'
import { deedActions } from './deeds'
import { honourActions } from './honour'
import { supervisionActions } from './supervision'

export type { ActionSpec } from './define'

/**
 * Every action of every function, for the front end (`call()` and form validation). A cloud
 * function routes with its own table only (userActions, deedActions, …), so its bundle carries
 * its own schemas and not the others'.
 */
export const contract = { ...userActions, ...orgActions, ...reportActions, ...volunteerActions, ...deedActions, ...honourActions, ...supervisionActions } as const

export type Contract = typeof contract
export type ActionName = keyof Contract
export type FunctionName = ActionName extends `${infer F}.${string}` ? F : never
export type ActionsOf<F extends FunctionName> = Extract<ActionName, `${F}.${string}`>
export type MethodOf<A extends ActionName> = A extends `${string}.${infer M}` ? M : never
export type InputOf<A extends ActionName> = v.InferInput<Contract[A]['input']>
export type ParsedInputOf<A extends ActionName> = v.InferOutput<Contract[A]['input']>
export type OutputOf<A extends ActionName> = Contract[A] extends ActionSpec<AnySchema, infer R> ? R : never

/** One function's own action table: exactly its `<fn>.` actions, as the contract declares them. */
export type ActionTable<F extends FunctionName> = { readonly [A in ActionsOf<F>]: Contract[A] }

export const ACTION_NAMES = Object.keys(contract) as ActionName[]

/** personName is re-exported for forms that validate before calling. */
export { personName }
