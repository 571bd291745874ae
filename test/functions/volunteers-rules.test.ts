/** The volunteers function's own pure rules: the rotating code, masking, list keys (hours, windows, distance, team flags: test/domain/volunteer-rules.test.ts). */
import { browseKey, facetsOf, makeCode, maskIdNumber, parseCode, slotOf, verifyCode } from '../../cloudfunctions/volunteers/rules'

const t = (iso: string) => new Date(iso)

describe('the rotating code', () => {
  const secret = 'a-secret-of-the-activity'
  const now = t('2026-11-10T02:00:30Z')
  const slot = slotOf(now, 60)

  test('accepted in its slot and the next, expired after, forged when anything changes', () => {
    const code = makeCode('va_1', secret, slot)
    const parsed = parseCode(code)
    expect(parsed).toMatchObject({ activityId: 'va_1', slot })
    if (!parsed) return
    expect(verifyCode(parsed, secret, now, 60)).toBe('ok')
    expect(verifyCode(parsed, secret, new Date(now.getTime() + 60_000), 60)).toBe('ok')
    expect(verifyCode(parsed, secret, new Date(now.getTime() + 120_000), 60)).toBe('expired')
    expect(verifyCode(parsed, 'another secret', now, 60)).toBe('forged')
    expect(verifyCode({ ...parsed, activityId: 'va_2' }, secret, now, 60)).toBe('forged')
    expect(verifyCode({ ...parsed, slot: slot + 1 }, secret, now, 60)).toBe('forged')
    // a code for a future slot (a clock set forward) is not accepted
    const future = parseCode(makeCode('va_1', secret, slot + 5))
    if (future) expect(verifyCode(future, secret, now, 60)).toBe('forged')
  })

  test('anything else is unreadable', () => {
    for (const s of ['', 'ZY1.va_1.12.short', 'ZY2.va_1.1.AAAAAAAAAAAAAAAA', 'ZY1.va 1.1.AAAAAAAAAAAAAAAA', 'https://example.com/?code=1']) expect(parseCode(s)).toBeNull()
  })
})

describe('people and lists', () => {
  test('ID masking keeps the first 3 and the last 4 (the ID number at rest: volunteers-id-numbers.test.ts)', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X')
  })

  test('list keys: organisers see every status, browsing only published', () => {
    const base = { villageId: 'v_a', teamId: 't_1', category: 'culture' }
    expect(facetsOf({ ...base, status: 'draft' })).toEqual(['m', 'm:v:v_a', 'm:t:t_1'])
    expect(facetsOf({ ...base, status: 'published' })).toEqual(
      expect.arrayContaining(['pub', 'pub:v:v_a', 'pub:c:culture', 'pub:v:v_a:c:culture', browseKey('v_a', 'culture'), browseKey(undefined, undefined)])
    )
    expect(facetsOf({ ...base, status: 'cancelled' }).some((k) => k.startsWith('pub'))).toBe(false)
  })
})
