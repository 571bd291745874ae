import type * as v from 'valibot'
import type { Access } from './roles'

export type AnySchema = v.GenericSchema<unknown, unknown>

/** The names of the fields of an action's parsed input (what `Access.scope.field` may name). */
export type InputField<S extends AnySchema> = Extract<keyof v.InferOutput<S>, string>

export interface ActionSpec<S extends AnySchema, R> {
  input: S
  access: Access
  /** Phantom: the result type; never read at run time. */
  result?: R
  /** Short Chinese description, shown in docs and logs. */
  title: string
}

/** Declares one action: its input schema, who may call it, and (as a type) what it returns. */
export function action<R>() {
  // the scope's field is checked against the input here: a renamed input field no longer compiles
  return <S extends AnySchema>(spec: Omit<ActionSpec<S, R>, 'result' | 'access'> & { access: Access<InputField<S>> }): ActionSpec<S, R> => spec
}

export const town = ['town_admin'] as const
export const signedIn = ['resident'] as const
/** A village's admins, and the town office above every village. */
export const villageStaff = ['village_admin', 'town_admin'] as const
/** Who works a village's ground: its grid workers and admins, and the town office. */
export const fieldStaff = ['grid_worker', 'village_admin', 'town_admin'] as const
/** A village or a unit itself, not the town office: who reports to it, contests its figures, answers its letters. */
export const villageOrUnit = ['village_admin', 'unit_staff'] as const
/** A village's or a unit's own staff, and the town office. */
export const villageOrUnitStaff = ['village_admin', 'unit_staff', 'town_admin'] as const

/** Authority over the village the input's `villageId` names (the town office over every village). */
export const villageScope = { kind: 'village', field: 'villageId' } as const
