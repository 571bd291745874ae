import type * as v from 'valibot'
import {
  parseInput,
  PRIVACY_VERSION,
  type Access,
  type ActionName,
  type ActionSpec,
  type ActionTable,
  type ActionsOf,
  type AnySchema,
  type FunctionName,
  type MethodOf,
  type OutputOf,
  type ParsedInputOf,
  type Result,
  type Role,
  type RoleGrant
} from '@/contract'
import { AppError } from './errors'
import { callerOpenid, database } from './cloud'
import { createStore, type Store } from './store'
import { rolesOf, type UserDoc } from './docs'
import { userIdFor } from './ids'
import { loadCaller, planOf, type Prefetched } from './prefetch'

/** Largest event a function accepts; anything bigger is refused before parsing. */
export const MAX_EVENT_CHARS = 64 * 1024

export interface Ctx {
  openid: string
  /** The caller's profile; null only for actions open to 'anyone'. */
  user: UserDoc | null
  userId: string
  roles: Role[]
  /** Whether the caller acts as the town office (never limited by scope). */
  isTown: boolean
  store: Store
  now: () => Date
  /** What the handler's prefetch plan read with the caller's profile (prefetch.ts); null: nothing was. */
  prefetched?: Prefetched | null
}

export type Handler<A extends ActionName> = (input: ParsedInputOf<A>, ctx: Ctx) => Promise<OutputOf<A>>
export type Handlers<F extends FunctionName> = { [A in ActionsOf<F> as MethodOf<A>]: Handler<A> }
/**
 * The action table a function routes with: all of its own actions and no other function's. The
 * router imports no table itself, so a bundle carries only its function's schemas.
 */
export type OwnActions<F extends FunctionName, T> = T & ActionTable<F> & { [K in Exclude<keyof T, ActionsOf<F>>]: never }

function describeIssues(issues: v.BaseIssue<unknown>[]): { message: string; fields: Record<string, string> } {
  const fields: Record<string, string> = {}
  for (const issue of issues) {
    const path = issue.path?.map((p) => String(p.key)).join('.') || '_'
    if (!(path in fields)) fields[path] = issue.message
  }
  return { message: issues[0]?.message ?? '填写的内容有误', fields }
}

function grantMatches(grant: RoleGrant, kind: 'village' | 'grid' | 'unit', value: string): boolean {
  if (kind === 'village') return grant.villageId === value
  if (kind === 'grid') return grant.gridId === value
  return grant.unitId === value
}

/** Decides whether the caller may run an action declared with this access on this input; throws FORBIDDEN otherwise. */
export function authorize(access: Access, user: UserDoc | null, input: Record<string, unknown>): Role[] {
  const roles = rolesOf(user)
  if (access.roles === 'anyone') return roles
  if (!user) {
    // Before the notice is accepted there is no profile: only browsing what the town publishes.
    if (access.beforeConsent && access.roles.includes('resident') && !access.scope) return roles
    throw new AppError('UNAUTHENTICATED', '请先登录后再操作')
  }
  const allowed = access.roles.filter((r) => roles.includes(r))
  if (allowed.length === 0) throw new AppError('FORBIDDEN')
  if (!access.scope || roles.includes('town_admin')) return roles
  const value = input[access.scope.field]
  if (typeof value !== 'string') throw new AppError('FORBIDDEN', '请先选择您负责的范围')
  const kind = access.scope.kind
  // Fail closed: a scoped action is allowed only through a grant of an allowed role on that place.
  // Resident-level roles carry no place, so they never satisfy a scope on their own.
  const inScope = user.grants.some((g) => allowed.includes(g.role) && grantMatches(g, kind, value))
  if (!inScope) throw new AppError('FORBIDDEN', '只能处理您负责范围内的事项')
  return roles
}

/**
 * Until the caller has accepted the current privacy notice (a new version asks again), every action
 * not declared `beforeConsent` is refused: nothing about the person is collected or used before that.
 */
export function requireConsent(access: Access, user: UserDoc | null): void {
  if (access.beforeConsent) return
  if (!user || user.privacyVersion !== PRIVACY_VERSION) throw new AppError('CONSENT_REQUIRED')
}

/**
 * Builds a cloud function's entry point from its action table and handlers. Every call: checks the
 * event's shape and size, finds the action in the function's table, resolves the caller from the
 * WeChat context, validates the input, enforces the declared roles and scope, then runs the handler.
 */
export function createFunction<F extends FunctionName, T>(fn: F, actions: OwnActions<NoInfer<F>, T>, handlers: Handlers<NoInfer<F>>) {
  return async function main(event: unknown): Promise<Result<unknown>> {
    try {
      return { ok: true, data: await dispatch(fn, actions, handlers, event) }
    } catch (e) {
      if (e instanceof AppError) return e.toFail()
      console.error(`[${fn}] unexpected error`, e)
      return new AppError('INTERNAL').toFail()
    }
  }
}

/**
 * One call as `createFunction` runs it, throwing AppError instead of returning a failure. `now` is
 * the handlers' clock: the wall clock for every call of a deployed function; the local demo seed
 * passes a past instant to write a history through the same checks.
 */
export async function dispatch<F extends FunctionName, T>(
  fn: F,
  actions: OwnActions<NoInfer<F>, T>,
  handlers: Handlers<NoInfer<F>>,
  event: unknown,
  now: () => Date = () => new Date()
): Promise<unknown> {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) throw new AppError('INVALID_INPUT', '请求格式不正确')
  let size: number
  try {
    size = JSON.stringify(event).length
  } catch {
    throw new AppError('INVALID_INPUT', '请求格式不正确')
  }
  if (size > MAX_EVENT_CHARS) throw new AppError('INVALID_INPUT', '提交的内容过大，请精简后再试')
  const { action, data } = event as { action?: unknown; data?: unknown }
  if (typeof action !== 'string' || !Object.prototype.hasOwnProperty.call(actions, action) || !action.startsWith(`${fn}.`)) {
    throw new AppError('INVALID_INPUT', '不支持的操作')
  }
  const spec = (actions as unknown as Record<string, ActionSpec<AnySchema, unknown>>)[action]
  const name = action as ActionsOf<F>
  const method = name.slice(fn.length + 1) as MethodOf<typeof name>
  const handler = (handlers as unknown as Record<string, Handler<ActionName> | undefined>)[method]
  if (!handler) throw new AppError('INVALID_INPUT', '不支持的操作')

  const openid = callerOpenid()
  if (!openid) throw new AppError('UNAUTHENTICATED', '无法识别您的身份，请重新进入小程序')

  // No `data` at all is an empty input; anything else must be an object (parseInput refuses the rest).
  const parsed = parseInput(spec.input, data === undefined ? {} : data)
  if (!parsed.success) {
    const { message, fields } = describeIssues(parsed.issues)
    throw new AppError('INVALID_INPUT', message, fields)
  }
  const input = parsed.output as Record<string, unknown>

  const store = createStore(database())
  const userId = userIdFor(openid)
  // the caller's profile, with the documents the handler declared it always needs (one request)
  const { user, prefetched } = await loadCaller(store, userId, planOf(handler, input, { userId, now: now(), op: store.op }))
  requireConsent(spec.access, user)
  const roles = authorize(spec.access, user, input)
  const ctx: Ctx = { openid, user, userId, roles, isTown: roles.includes('town_admin'), store, now, prefetched }
  return handler(input as never, ctx)
}
