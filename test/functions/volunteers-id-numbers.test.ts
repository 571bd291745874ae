/**
 * The ID number at rest: stored encrypted, masked and under a keyed hash, never in plain text nor
 * under its unsalted SHA-256; opened for the town office only; refused without the key; and the
 * registrations stored the old way rewritten once by the job.
 */
import { createHash, randomBytes } from 'node:crypto'
import { localCloud } from '../../local-cloud'
import { AppError } from '../../cloudfunctions/_shared/errors'
import { ID_MIGRATION_PAGE } from '../../cloudfunctions/volunteers/id-migration'
import { ID_NUMBER_KEY_ENV, idHashOf, KEYED_HASH_TAG, legacyIdHashOf, openIdNumber, sealIdNumber } from '../../cloudfunctions/volunteers/id-number'
import type { VolunteerJobResult } from '../../cloudfunctions/volunteers/job'
import { invoke } from '../../local-server/functions'
import { seedIdNumber } from '../../local-server/seed-volunteers'
import { callAs, dumpAll, freshTown, ok, userIdOf } from '../helpers/town'
import { givenVolunteers, makeIdNumber, seedUserId } from '../helpers/volunteers'
import { userIdFor } from '../../cloudfunctions/_shared/ids'

const registration = (idNumber: string, extra: object = {}) => ({
  realName: '王秀兰',
  idNumber,
  phone: '13900000001',
  skills: ['环境清洁'],
  villageId: 'v_dongshan',
  idConsent: true as const,
  ...extra
})
const ID_TAKEN = { ok: false, code: 'CONFLICT', message: '该身份证号已注册过志愿者，一个身份证号只能注册一次' }
const NO_KEY = { ok: false, code: 'INTERNAL', message: '身份证号加密密钥未配置，暂时不能办理，请联系系统管理员' }

/** The hash the volunteers function stored before, computed as it did. */
const unsaltedHash = (id: string) => createHash('sha256').update(`volunteer-id:${id.toUpperCase()}`).digest('base64url')

/** Every form in which an ID number must not be found in the database. */
function plainForms(id: string): string[] {
  const sha = (s: string) => createHash('sha256').update(s)
  return [id, id.toLowerCase(), unsaltedHash(id), sha(id).digest('hex'), sha(id).digest('base64'), sha(id).digest('base64url')]
}

function expectNowhereInDatabase(ids: string[]): void {
  const text = JSON.stringify(dumpAll())
  for (const id of ids) for (const form of plainForms(id)) expect({ id, form, found: text.includes(form) }).toEqual({ id, form, found: false })
}

const stored = (userId: string) => localCloud.engine.get('volunteers', userId) as Record<string, unknown>

/** Valid ID numbers ending in X (the check character), different from the seed's. */
const X_IDS = Array.from({ length: 300 }, (_, n) => makeIdNumber(700 + n)).filter((id) => id.endsWith('X'))

/** Runs `fn` with ID_NUMBER_KEY set to `value` (undefined: unset), console.error captured. */
async function withKey<T>(value: string | undefined, fn: (error: jest.SpyInstance) => Promise<T>): Promise<T> {
  const saved = process.env[ID_NUMBER_KEY_ENV]
  const error = jest.spyOn(console, 'error').mockImplementation(() => undefined)
  if (value === undefined) delete process.env[ID_NUMBER_KEY_ENV]
  else process.env[ID_NUMBER_KEY_ENV] = value
  try {
    return await fn(error)
  } finally {
    if (saved === undefined) delete process.env[ID_NUMBER_KEY_ENV]
    else process.env[ID_NUMBER_KEY_ENV] = saved
    error.mockRestore()
  }
}

const loggedText = (error: jest.SpyInstance) => error.mock.calls.map((args: unknown[]) => args.map(String).join(' ')).join('\n')

const TIMER = { Type: 'Timer', TriggerName: 'reminders-and-checkouts', Time: new Date().toISOString() }
async function runJob(): Promise<VolunteerJobResult> {
  const { result } = await invoke('volunteers', TIMER, null)
  expect(result).toMatchObject({ ok: true })
  return (result as { data: VolunteerJobResult }).data
}

/** Writes a registration back the way the function stored it before: the number in plain text, its unsalted hash. */
function storeTheOldWay(userId: string): string {
  const { idCipher, idMasked, ...rest } = stored(userId)
  const idNumber = openIdNumber(String(idCipher))
  expect(idMasked).toBeDefined()
  localCloud.engine.replace('volunteers', userId, { ...rest, idNumber, idHash: unsaltedHash(idNumber) })
  return idNumber
}

beforeEach(() => freshTown())

describe('the ID number at rest', () => {
  test('a registration stores the number encrypted, masked and under a keyed hash: not the number, not its unsalted SHA-256', async () => {
    const idNumber = makeIdNumber(401)
    await ok('resident-1', 'volunteers.register', registration(idNumber))
    const doc = stored(userIdOf('resident-1'))
    expect(doc).not.toHaveProperty('idNumber')
    expect(doc).toMatchObject({ idCipher: expect.stringMatching(/^v1:[A-Za-z0-9_-]+$/), idMasked: `${idNumber.slice(0, 3)}***********${idNumber.slice(-4)}`, idHash: idHashOf(idNumber) })
    expect(String(doc.idHash).startsWith(KEYED_HASH_TAG)).toBe(true)
    expect(openIdNumber(String(doc.idCipher))).toBe(idNumber)
    // nor the seed's registrations, nor anything else in the database
    expectNowhereInDatabase([idNumber, seedIdNumber('volunteer-1'), seedIdNumber('volunteer-2'), seedIdNumber('ds-env-1')])
  })

  test('sealing: a fresh IV every time, the same keyed hash whatever the case of X, another key another hash', async () => {
    const id = X_IDS[0]
    const a = sealIdNumber(id)
    const b = sealIdNumber(id.toLowerCase())
    expect(a.idCipher).not.toBe(b.idCipher)
    expect(a.idHash).toBe(b.idHash)
    expect([openIdNumber(a.idCipher), openIdNumber(b.idCipher)]).toEqual([id, id])
    expect(a.idHash).not.toBe(legacyIdHashOf(id))
    expect(a.idHash).not.toContain(id.slice(0, 10))
    await withKey(randomBytes(32).toString('base64url'), async () => {
      expect(idHashOf(id)).not.toBe(a.idHash)
    })
  })

  test('the same number twice is refused (CONFLICT, in Chinese), also written with a lower-case x; nothing is written', async () => {
    const [first, second] = X_IDS
    await ok('resident-1', 'volunteers.register', registration(first))
    await ok('resident-2', 'volunteers.register', registration(second.toLowerCase(), { realName: '李大爷' }))
    const before = dumpAll()
    expect((await callAs('resident-3', 'volunteers.register', registration(first.toLowerCase(), { realName: '张三' }))).res).toEqual(ID_TAKEN)
    expect((await callAs('resident-3', 'volunteers.register', registration(second, { realName: '张三' }))).res).toEqual(ID_TAKEN)
    expect(dumpAll()).toEqual(before)
    expectNowhereInDatabase([first, second])
  })

  test('the town office sees the full number; everyone else, the certificate included, the masked one, which needs no key', async () => {
    const townId = makeIdNumber(402)
    const mine = makeIdNumber(403)
    expect((await ok('town-admin', 'volunteers.register', registration(townId, { realName: '周建国', phone: '13800000001' }))).idNumber).toBe(townId)
    expect((await ok('town-admin', 'volunteers.me', {}))?.idNumber).toBe(townId)
    const masked = `${mine.slice(0, 3)}***********${mine.slice(-4)}`
    expect((await ok('resident-1', 'volunteers.register', registration(mine))).idNumber).toBe(masked)
    expect((await ok('resident-1', 'volunteers.me', {}))?.idNumber).toBe(masked)
    expect((await ok('volunteer-1', 'volunteers.certificate', {})).idNumber).toBe(stored(userIdOf('volunteer-1')).idMasked)
    expectNowhereInDatabase([townId, mine])

    await withKey(undefined, async (error) => {
      expect((await ok('resident-1', 'volunteers.me', {}))?.idNumber).toBe(masked)
      expect((await ok('volunteer-1', 'volunteers.certificate', {})).idNumber).toMatch(/^\d{3}\*{11}[\dX]{4}$/)
      expect(error).not.toHaveBeenCalled()
      // the full number is not shown without the key
      expect((await callAs('town-admin', 'volunteers.me', {})).res).toEqual(NO_KEY)
      expect(loggedText(error)).toContain(ID_NUMBER_KEY_ENV)
    })
  })

  test('without the key (or with a malformed one) nothing is registered: INTERNAL, a Chinese message and log, nothing written', async () => {
    for (const key of [undefined, '', 'not-a-key', randomBytes(16).toString('base64')]) {
      await withKey(key, async (error) => {
        const before = dumpAll()
        expect((await callAs('resident-1', 'volunteers.register', registration(makeIdNumber(404)))).res).toEqual(NO_KEY)
        expect(dumpAll()).toEqual(before)
        expect(loggedText(error)).toMatch(new RegExp(`INTERNAL：身份证号加密密钥（环境变量 ${ID_NUMBER_KEY_ENV}）(没有设置|不是 32 字节的 base64)`))
      })
    }
    // with the key again, the same registration goes through
    expect(await ok('resident-1', 'volunteers.register', registration(makeIdNumber(404)))).toMatchObject({ userId: userIdOf('resident-1') })
  })

  test('a cipher that does not open with the key (another key, or altered) is refused, not shown', async () => {
    await ok('town-admin', 'volunteers.register', registration(makeIdNumber(405), { realName: '周建国' }))
    await withKey(randomBytes(32).toString('base64'), async (error) => {
      expect((await callAs('town-admin', 'volunteers.me', {})).res).toEqual({ ok: false, code: 'INTERNAL', message: '身份证号暂时无法读取，请联系系统管理员' })
      expect(loggedText(error)).toContain('身份证号密文无法解开')
    })
    const cipher = String(stored(userIdOf('town-admin')).idCipher)
    const altered = cipher.slice(0, -2) + (cipher.endsWith('AA') ? 'BB' : 'AA')
    await withKey(process.env[ID_NUMBER_KEY_ENV], async () => {
      expect(() => openIdNumber(altered)).toThrow(AppError)
    })
  })
})

describe('registrations stored the old way (plain number, unsalted hash)', () => {
  test('are read as before, refuse a second registration of their number, and are rewritten by the job once', async () => {
    const people = ['volunteer-1', 'ds-env-1', 'ds-env-2'].map(seedUserId)
    const numbers = people.map(storeTheOldWay)
    expect(numbers[0]).toBe(seedIdNumber('volunteer-1'))

    // before the job: masked for the person, and the number cannot be registered again
    const masked = `${numbers[0].slice(0, 3)}***********${numbers[0].slice(-4)}`
    expect((await ok('volunteer-1', 'volunteers.me', {}))?.idNumber).toBe(masked)
    expect((await ok('volunteer-1', 'volunteers.certificate', {})).idNumber).toBe(masked)
    let before = dumpAll()
    expect((await callAs('resident-1', 'volunteers.register', registration(numbers[0].toLowerCase()))).res).toEqual(ID_TAKEN)
    expect((await callAs('volunteer-1', 'volunteers.register', registration(makeIdNumber(406)))).res).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(dumpAll()).toEqual(before)
    // the person's own retry is still a retry
    expect((await callAs('volunteer-1', 'volunteers.register', registration(numbers[0]))).res).toMatchObject({ ok: true, data: { userId: userIdOf('volunteer-1'), idNumber: masked } })

    const others = people.map((id) => {
      const { idNumber: _n, idHash: _h, ...rest } = stored(id)
      return rest
    })
    expect(await runJob()).toMatchObject({ idNumbersEncrypted: 3 })
    people.forEach((id, i) => {
      const doc = stored(id)
      expect(doc).not.toHaveProperty('idNumber')
      expect(doc).toMatchObject({ ...others[i], idHash: idHashOf(numbers[i]), idMasked: `${numbers[i].slice(0, 3)}***********${numbers[i].slice(-4)}` })
      expect(openIdNumber(String(doc.idCipher))).toBe(numbers[i])
    })
    expectNowhereInDatabase(numbers)

    // a second run changes nothing
    before = dumpAll()
    expect(await runJob()).toMatchObject({ idNumbersEncrypted: 0 })
    expect(dumpAll()).toEqual(before)
    // afterwards: the same views, the number still refused
    expect((await ok('volunteer-1', 'volunteers.me', {}))?.idNumber).toBe(masked)
    expect((await callAs('resident-1', 'volunteers.register', registration(numbers[0].toLowerCase()))).res).toEqual(ID_TAKEN)
  })

  test('two runs at once rewrite each of more than a page once', async () => {
    const openids = givenVolunteers(ID_MIGRATION_PAGE + 7, 'old')
    const numbers = openids.map((o) => storeTheOldWay(userIdFor(o)))
    const [a, b] = await Promise.all([runJob(), runJob()])
    expect(a.idNumbersEncrypted + b.idNumbersEncrypted).toBe(numbers.length)
    expect(localCloud.engine.all('volunteers').filter((d) => 'idNumber' in d || !String(d.idHash).startsWith(KEYED_HASH_TAG))).toEqual([])
    expectNowhereInDatabase(numbers)
    expect(await runJob()).toMatchObject({ idNumbersEncrypted: 0 })
  })

  test('without the key the job leaves them as they are, says why, and does its other work', async () => {
    const number = storeTheOldWay(userIdOf('volunteer-1'))
    const before = stored(userIdOf('volunteer-1'))
    await withKey(undefined, async (error) => {
      expect(await runJob()).toMatchObject({ idNumbersEncrypted: 0, countsChecked: expect.any(Number) })
      expect(loggedText(error)).toContain(ID_NUMBER_KEY_ENV)
    })
    expect(stored(userIdOf('volunteer-1'))).toEqual(before)
    expect(before).toMatchObject({ idNumber: number })
    expect(await runJob()).toMatchObject({ idNumbersEncrypted: 1 })
  })
})
