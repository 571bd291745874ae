/**
 * Malformed input generated from the contract: for every action, payloads built from the action's
 * own input schema, sent as a resident and as the town office. Every reply is the structured
 * refusal `{ ok: false, code: 'INVALID_INPUT', message }` with a Chinese message, and the database
 * is exactly as before. A new action is covered without anyone adding it here.
 *
 * Why every payload must be refused (and never `ok: true`): each one is malformed by construction,
 * not by luck. It is either not an object at all, too big for the router, or a valid base payload
 * (sampled from the schema and checked valid below) with exactly one declared field taken away or
 * replaced by a value of a shape that field cannot take: the wrong JSON type, an operator object
 * such as `{ $ne: null }`, an array of 10 000 items where every list is bounded, text longer than
 * any text field, a day that is not on the calendar, a control character. Those are "certain"
 * corruptions and are sent whatever the schema says, so a schema that wrongly accepts one fails
 * here. A few corruptions depend on the field (an emoji is a fine name but not an id; 0.5 is a fine
 * number of hours but not a count): those are kept only where the field's own schema refuses them.
 * Since the router validates before it reads the caller's roles or touches the database, the code
 * is INVALID_INPUT for every persona — never INTERNAL, and never a refusal that came from a handler
 * having run on junk.
 */
import * as v from 'valibot'
import { ACTION_NAMES, contract, parseInput, type ActionName } from '../../src/contract'
import { MAX_EVENT_CHARS } from '../../cloudfunctions/_shared/router'
import { makeIdNumber } from '../../local-server/seed-volunteers'
import { callAs, dumpAll, freshTown } from '../helpers/town'
import { activityInput } from '../helpers/volunteers'

/* ---------------------------------------------------------------- schema walking */

/** The parts of a valibot schema the generator reads. */
interface Node {
  kind: string
  type: string
  entries?: Record<string, Node>
  wrapped?: Node
  item?: Node
  options?: unknown[]
  literal?: unknown
}

const node = (schema: unknown) => schema as Node
const accepts = (schema: Node, value: unknown) => v.safeParse(schema as unknown as v.GenericSchema, value).success

/** The schema under optional()/nullable()/nullish(), with what the wrappers let through. */
function unwrap(schema: Node): { inner: Node; optional: boolean; nullable: boolean } {
  let inner = schema
  let optional = false
  let nullable = false
  for (;;) {
    if (inner.type === 'optional' || inner.type === 'exact_optional') optional = true
    else if (inner.type === 'nullable') nullable = true
    else if (inner.type === 'nullish') optional = nullable = true
    else return { inner, optional, nullable }
    inner = inner.wrapped as Node
  }
}

/* ---------------------------------------------------------------- a valid base payload */

let instants = 0
/** Each instant sampled is an hour after the previous one, so "from" fields come before "to" fields. */
const nextInstant = () => new Date(Date.UTC(2027, 0, 15, 2) + instants++ * 3600_000).toISOString()
const stringProbes = () => ['fuzz_1', 'fuzz_key_0001', '2027-01-15', '2027-01', nextInstant(), '测试内容，一段足够长的文字', '13800000000', '12345678', 'cloud://fuzz/photo.jpg', makeIdNumber(1)]
const NUMBER_PROBES = [1, 2026, 50, 0.5, 0, 100, 15]

/**
 * A value the schema accepts (undefined when none of the probes fits). Lists are sampled empty first;
 * an object whose own checks refuse that (e.g. 至少选择一名保洁员) is sampled again with one item per list.
 */
function sample(schema: Node, full = false): unknown {
  const { inner } = unwrap(schema)
  const first = (candidates: unknown[]) => candidates.find((c) => accepts(schema, c))
  switch (inner.type) {
    case 'string':
      return first(stringProbes())
    case 'number':
      return first(NUMBER_PROBES)
    case 'boolean':
      return true
    case 'picklist':
      return inner.options?.[0]
    case 'literal':
      return inner.literal
    case 'object': {
      const build = (withItems: boolean) => {
        const out: Record<string, unknown> = {}
        for (const [key, entry] of Object.entries(inner.entries ?? {})) out[key] = sample(entry, withItems)
        return out
      }
      const out = build(full)
      return full || accepts(schema, out) ? out : build(true)
    }
    case 'array': {
      const one = [sample(inner.item as Node, full)]
      return first(full ? [one, []] : [[], one])
    }
    case 'union':
      for (const option of inner.options as Node[]) {
        const value = sample(option)
        if (value !== undefined && accepts(schema, value)) return value
      }
      return undefined
    default:
      return undefined
  }
}

/**
 * Actions whose rules across fields (in their schema) the sampler cannot meet by itself: one id that
 * must differ from another, a sign-up deadline before the start, which comes before the end.
 */
const BASES: Partial<Record<ActionName, unknown>> = {
  'reports.markDuplicate': { reportId: 'fuzz_1', originalId: 'fuzz_2' },
  // a village or a unit, not both
  'supervision.dashboard': { villageId: 'fuzz_1', period: 'range', from: '2026-11-01', to: '2026-11-30' },
  'volunteers.saveActivity': activityInput({ startAt: '2027-01-15T02:00:00.000Z', endAt: '2027-01-15T05:00:00.000Z', signupDeadline: '2027-01-14T02:00:00.000Z' })
}

/** The valid base payload of an action. */
const baseOf = (action: ActionName): unknown => BASES[action] ?? sample(node(contract[action].input))

/* ---------------------------------------------------------------- corruptions */

function nested(depth: number, leaf: unknown): unknown {
  let x = leaf
  for (let i = 0; i < depth; i++) x = { a: x }
  return x
}

/** Built once: the big values are shared by every payload (the router never mutates its input). */
const MEGABYTE = 'x'.repeat(1024 * 1024)
const MEGABYTE_EMOJI = '😀'.repeat(512 * 1024)
/** Small enough for the router's size limit, so the list's own bound must refuse it. */
const TEN_THOUSAND = Array.from({ length: 10_000 }, () => 'x')
const TEN_THOUSAND_WIDE = Array.from({ length: 10_000 }, (_, i) => `item-${String(i).padStart(6, '0')}`)
const MANY_KEYS = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`key${i}`, i]))
const DEEP = nested(1500, 'bottom')
const TOO_DEEP = nested(12_000, 'bottom')
const DEEP_ARRAY = (() => {
  let x: unknown = []
  for (let i = 0; i < 1500; i++) x = [x]
  return x
})()
const LONGER_THAN_ANY_TEXT = '长'.repeat(5000)
const OPERATORS = [{ $ne: null }, { $gt: '' }, { $regex: '.*' }, { $where: 'sleep(5000)' }, { $in: [null, ''] }]
/** Own keys that look like prototype or identity fields (JSON.parse makes `__proto__` an own key). */
const EXTRA_KEYS = JSON.parse('{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":1}},"$where":"1","_openid":"someone-else","OPENID":"someone-else","_id":{"$ne":null}}') as Record<
  string,
  unknown
>

const IMPOSSIBLE_DAYS = ['2027-02-30', '2027-13-01', '2026-12-32', '2026-11-31', '2026-02-29', '2027-00-10', '2027-01-00']
const IMPOSSIBLE_INSTANTS = ['2027-02-30T10:00:00.000Z', '2026-11-31T10:00:00Z', '2027-13-01T00:00:00Z', '2027-01-15T24:00:00Z', '2027-01-15T10:00:00+08', '2027-01-15', 'now']
const CONTROLS = ['\u0000', '\u0007', '\u001b[31m', '\u007f', '\u202e']

interface Corruption {
  label: string
  value: unknown
  /** Refused by any sensible schema for this kind of field; sent whatever the field's schema says. */
  certain: boolean
}

const certain = (label: string, value: unknown): Corruption => ({ label, value, certain: true })
const maybe = (label: string, value: unknown): Corruption => ({ label, value, certain: false })

/** Values this field cannot take, given its kind and its base value. */
function corruptionsOf(schema: Node, base: unknown): Corruption[] {
  const { inner, nullable } = unwrap(schema)
  const out: Corruption[] = [
    ...OPERATORS.map((op) => certain(`operator ${JSON.stringify(op)}`, op)),
    certain('deep nesting', DEEP),
    certain('1 MB string', MEGABYTE),
    maybe('emoji', '😀'),
    maybe('empty string', '')
  ]
  if (!nullable) out.push(certain('null', null))
  if (inner.type !== 'array') out.push(certain('10 000-item array', TEN_THOUSAND))
  switch (inner.type) {
    case 'string': {
      const text = typeof base === 'string' ? base : 'fuzz_1'
      const mid = Math.ceil(text.length / 2)
      out.push(certain('number', 123), certain('boolean', true), certain('array', [text]), certain('NaN', NaN), certain('longer than any text', LONGER_THAN_ANY_TEXT))
      for (const c of CONTROLS) out.push(certain(`control ${JSON.stringify(c)}`, text.slice(0, mid) + c + text.slice(mid)))
      if (/^\d{4}-\d{2}-\d{2}$/.test(text)) for (const d of IMPOSSIBLE_DAYS) out.push(certain(`impossible day ${d}`, d))
      if (/^\d{4}-\d{2}-\d{2}T/.test(text)) for (const t of IMPOSSIBLE_INSTANTS) out.push(certain(`impossible instant ${t}`, t))
      out.push(maybe('path', '../../etc/passwd'), maybe('prototype key', '__proto__'), maybe('spaces', '   '))
      break
    }
    case 'number':
      out.push(certain('numeric string', '1'), certain('NaN', NaN), certain('Infinity', Infinity), certain('-Infinity', -Infinity))
      out.push(certain('1e308', 1e308), certain('-1e308', -1e308), certain('beyond safe integers', Number.MAX_SAFE_INTEGER + 2), certain('boolean', true), certain('array', [1]))
      out.push(maybe('fraction', 0.5), maybe('negative', -1), maybe('zero', 0), maybe('a million', 1e6))
      break
    case 'boolean':
      out.push(certain('string true', 'true'), certain('string false', 'false'), certain('one', 1), certain('zero', 0), certain('empty array', []))
      break
    case 'picklist': {
      const options = inner.options ?? []
      const wrong = ['not_an_option', `${String(options[0])} `, String(options[0]).toUpperCase() + '_X', '__proto__', 'constructor', 0.3, '0.5', 1]
      for (const w of wrong) if (!options.includes(w)) out.push(certain(`not an option ${JSON.stringify(w)}`, w))
      break
    }
    case 'literal':
      out.push(certain('another literal', `x-${String(inner.literal)}`), certain('zero', 0))
      break
    case 'object':
      out.push(certain('string', 'x'), certain('empty array', []), certain('number', 1), certain('boolean', true))
      break
    case 'array': {
      const first = Array.isArray(base) && base.length > 0 ? base[0] : 'x'
      out.push(certain('string', 'x'), certain('object', {}), certain('array-like object', { 0: first, length: 1 }), certain('[null]', [null]))
      out.push(
        certain('[operator]', [{ $ne: null }]),
        certain('[deep nesting]', [DEEP]),
        certain(
          '10 000 copies',
          Array.from({ length: 10_000 }, () => first)
        )
      )
      break
    }
    default:
      out.push(certain('number', 123), certain('boolean', true))
  }
  return out.filter((c) => c.certain || !accepts(schema, c.value))
}

/* ---------------------------------------------------------------- payloads */

type Path = Array<string | number>

interface Field {
  path: Path
  schema: Node
  required: boolean
}

/** Every declared field, nested objects and the first element of lists of objects included. */
function fieldsOf(schema: Node, base: unknown, path: Path = []): Field[] {
  const { inner } = unwrap(schema)
  const out: Field[] = []
  if (inner.type === 'object') {
    for (const [key, entry] of Object.entries(inner.entries ?? {})) {
      const sub = (base as Record<string, unknown> | undefined)?.[key]
      out.push({ path: [...path, key], schema: entry, required: !unwrap(entry).optional }, ...fieldsOf(entry, sub, [...path, key]))
    }
  } else if (inner.type === 'array' && Array.isArray(base) && base.length > 0) {
    out.push(...fieldsOf(inner.item as Node, base[0], [...path, 0]))
  }
  return out
}

function getAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((x, key) => (x as Record<string | number, unknown>)[key], root)
}

/** A copy of `base` with the value at `path` replaced (or removed when `value` is `remove`). */
const remove = Symbol('remove')
function withAt(base: unknown, path: Path, value: unknown): unknown {
  const copy = structuredClone(base) as Record<string | number, unknown>
  const parent = getAt(copy, path.slice(0, -1)) as Record<string | number, unknown>
  const key = path[path.length - 1]
  if (value === remove) delete parent[key]
  else parent[key] = value
  return copy
}

interface Payload {
  label: string
  data: unknown
}

/** `data` that is not an object at all, or an object too big for the router. */
function shapeless(base: unknown): Payload[] {
  const values: Array<[string, unknown]> = [
    ['null', null],
    ['[]', []],
    ['[1, 2, 3]', [1, 2, 3]],
    ['[{}]', [{}]],
    ['[valid payload]', [base]],
    ['10 000-item array', TEN_THOUSAND],
    ['deeply nested array', DEEP_ARRAY],
    ['empty string', ''],
    ['string', 'x'],
    ['valid payload as a JSON string', JSON.stringify(base)],
    ['operator as a JSON string', '{"$ne":null}'],
    ['1 MB string', MEGABYTE],
    ['NUL', '\u0000'],
    ['emoji', '😀'],
    ['0', 0],
    ['1', 1],
    ['-1', -1],
    ['0.5', 0.5],
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
    ['1e308', 1e308],
    ['beyond safe integers', Number.MAX_SAFE_INTEGER + 2],
    ['true', true],
    ['false', false],
    ['payload with a 1 MB string', { ...(base as object), pad: MEGABYTE }],
    ['payload with 1 MB of emoji', { ...(base as object), pad: MEGABYTE_EMOJI }],
    ['payload with a long 10 000-item list', { ...(base as object), list: TEN_THOUSAND_WIDE }],
    ['payload with 10 000 keys', { ...(base as object), ...MANY_KEYS }],
    ['payload nested 12 000 deep', { ...(base as object), deep: TOO_DEEP }]
  ]
  return values.map(([label, data]) => ({ label: `data: ${label}`, data }))
}

/** Every malformed payload of one action; see the top of the file for why each is malformed. */
function payloadsOf(action: ActionName): Payload[] {
  const schema = node(contract[action].input)
  const base = baseOf(action)
  const out = shapeless(base)
  const fields = fieldsOf(schema, base)
  for (const field of fields) {
    const name = field.path.join('.')
    if (field.required) out.push({ label: `${name}: missing`, data: withAt(base, field.path, remove) })
    for (const c of corruptionsOf(field.schema, getAt(base, field.path))) out.push({ label: `${name}: ${c.label}`, data: withAt(base, field.path, c.value) })
  }
  // Extra keys change nothing by themselves (object() drops them: see router.test), so they ride along with a missing field.
  const required = fields.find((f) => f.required && f.path.length === 1)
  if (required) out.push({ label: `extra keys, ${required.path[0]} missing`, data: { ...(withAt(base, required.path, remove) as object), ...EXTRA_KEYS } })
  const top = fields.find((f) => f.path.length === 1)
  if (top) out.push({ label: `extra keys, ${top.path[0]} an operator`, data: { ...(withAt(base, top.path, { $ne: null }) as object), ...EXTRA_KEYS } })
  return out
}

/* ---------------------------------------------------------------- the checks */

const CJK = /[\u4e00-\u9fff]/
const VALIBOT_ENGLISH = /Invalid|Expected|Received|received/
const PERSONAS = ['resident-1', 'town-admin']

/** What is wrong with one reply (empty when it is the refusal expected). */
function problemsOf(res: unknown): string[] {
  const r = res as { ok?: unknown; code?: unknown; message?: unknown; fields?: Record<string, unknown> }
  const problems: string[] = []
  if (r.ok !== false) return [`not refused: ${JSON.stringify(res).slice(0, 200)}`]
  if (r.code !== 'INVALID_INPUT') problems.push(`code ${String(r.code)}`)
  const extra = Object.keys(r).filter((k) => !['ok', 'code', 'message', 'fields'].includes(k))
  if (extra.length > 0) problems.push(`unexpected keys ${extra.join(',')}`)
  const texts = [r.message, ...Object.values(r.fields ?? {})]
  for (const text of texts) {
    if (typeof text !== 'string' || !CJK.test(text) || VALIBOT_ENGLISH.test(text)) problems.push(`message ${JSON.stringify(text)}`)
  }
  return problems
}

describe('malformed input to every action', () => {
  beforeAll(() => freshTown())

  test('every action has a valid base payload, so each corrupted field is what makes a payload malformed', () => {
    const invalid = ACTION_NAMES.filter((action) => !parseInput(contract[action].input, baseOf(action)).success)
    expect(invalid).toEqual([])
  })

  test('the generated payloads include what the contract must refuse', () => {
    const labels = (action: ActionName) => payloadsOf(action).map((p) => p.label)
    expect(labels('reports.dispatch')).toEqual(expect.arrayContaining(['rectifyDeadline: impossible day 2027-02-30', 'reportId: operator {"$ne":null}', 'data: []']))
    expect(labels('reports.create')).toEqual(expect.arrayContaining(['description: control "\\u0000"', 'location.lng: NaN', 'photos: 10 000 copies']))
    expect(labels('volunteers.saveActivity')).toEqual(expect.arrayContaining(['startAt: impossible instant 2027-02-30T10:00:00.000Z', 'venue.location.lat: 1e308']))
    expect(labels('users.updateProfile')).toEqual(expect.arrayContaining(['data: [valid payload]', 'name: control "\\u0000"']))
    expect(labels('honour.saveBoard')).toEqual(expect.arrayContaining(['entries.0.story: control "\\u0000"']))
    for (const action of ACTION_NAMES) expect(payloadsOf(action).length).toBeGreaterThanOrEqual(30)
    expect(JSON.stringify(TEN_THOUSAND).length).toBeLessThan(MAX_EVENT_CHARS)
    expect(JSON.stringify(DEEP).length).toBeLessThan(MAX_EVENT_CHARS)
  })

  test.each(ACTION_NAMES)('%s: refused as INVALID_INPUT in Chinese, nothing written', async (action) => {
    const payloads = payloadsOf(action)
    const before = dumpAll()
    const failures: string[] = []
    for (const who of PERSONAS) {
      for (const { label, data } of payloads) {
        const { res } = await callAs(who, action, data)
        const problems = problemsOf(res)
        if (problems.length > 0) failures.push(`${who} ${label}: ${problems.join('; ')}`)
      }
    }
    expect(failures).toEqual([])
    expect(dumpAll()).toEqual(before)
  })
})
