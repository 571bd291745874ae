/** The test clock itself: a stopped clock stands still, a running one moves with real time and can be moved. */
import { clockAt, clockFrom, hasTestClock, TOWN_NOW } from './clock'

afterEach(() => jest.useRealTimers())

test('clockAt stops the clock at the instant', async () => {
  expect(hasTestClock()).toBe(false)
  clockAt('2026-02-17T02:00:00Z')
  expect(hasTestClock()).toBe(true)
  await new Promise((resolve) => setTimeout(resolve, 5))
  expect(new Date().toISOString()).toBe('2026-02-17T02:00:00.000Z')
})

test('clockFrom runs on from the instant with real time, even when only microtasks run', async () => {
  clockFrom(TOWN_NOW)
  const first = Date.now()
  expect(first - TOWN_NOW.getTime()).toBeLessThan(50)
  const started = performance.now()
  while (performance.now() - started < 3) await Promise.resolve()
  expect(Date.now()).toBeGreaterThan(first)

  jest.setSystemTime(new Date('2027-01-01T00:00:00Z'))
  expect(Date.now() - Date.parse('2027-01-01T00:00:00Z')).toBeLessThan(20)
  await new Promise((resolve) => setTimeout(resolve, 30))
  expect(Date.now() - Date.parse('2027-01-01T00:00:00Z')).toBeGreaterThanOrEqual(29)
})
