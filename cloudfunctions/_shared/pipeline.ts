/**
 * The parts of the SDK's command that a `$lookup` with `let` + `pipeline` needs and the SDK leaves
 * untyped: the sub-pipeline (`db.command.aggregate.pipeline()`) and the expressions used in it. One
 * declaration for every repository that joins this way (prefetch.ts and the named queries).
 */
import type { Store } from './store'

export interface SubPipeline {
  match(q: object): SubPipeline
  sort(s: object): SubPipeline
  skip(n: number): SubPipeline
  limit(n: number): SubPipeline
  project(p: object): SubPipeline
  group(g: object): SubPipeline
  count(field: string): SubPipeline
  lookup(l: object): SubPipeline
  done(): object[]
}

export interface LookupCommand {
  aggregate: {
    pipeline(): SubPipeline
    eq(args: unknown[]): object
    concat(args: unknown[]): object
    arrayElemAt(args: unknown[]): object
    ifNull(args: unknown[]): object
  }
  expr(e: object): object
  and(parts: object[]): object
}

/** The store's command with the untyped `$lookup` parts. */
export const lookupCommandOf = (store: Store) => store.db.command as unknown as LookupCommand
