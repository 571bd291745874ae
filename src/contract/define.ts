import type * as v from 'valibot'
import type { Access } from './roles'

export type AnySchema = v.GenericSchema<unknown, unknown>

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
  return <S extends AnySchema>(spec: Omit<ActionSpec<S, R>, 'result'>): ActionSpec<S, R> => spec
}

export const town = ['town_admin'] as const
export const signedIn = ['resident'] as const
