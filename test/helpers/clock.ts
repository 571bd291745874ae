/**
 * The test clock. Every test that depends on the date runs at an instant it chooses: Date is faked,
 * timers stay real (wx-server-sdk's storage and open-API calls wait on setTimeout(0)), so handlers
 * (ctx.now), the local cloud's server date and the demo seed all read the same clock.
 */

const REAL_TIMERS = ['nextTick', 'setImmediate', 'clearImmediate', 'queueMicrotask', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'hrtime', 'performance'] as const

/**
 * Where the demo town's clock stands when a test chooses none: Wednesday 2026-11-18, 10:00 China
 * time — a working day in the middle of a month and a quarter, in office hours.
 */
export const TOWN_NOW = new Date('2026-11-18T10:00:00+08:00')

/** Stops the clock at `at`; move it with jest.setSystemTime. */
export function clockAt(at: string | Date): void {
  jest.useFakeTimers({ now: new Date(at), doNotFake: [...REAL_TIMERS] })
}

/**
 * Sets the clock to `at` and lets it run on with real time, to the millisecond, as the wall clock
 * does: two writes in a row get different times even when no timer fires between them (the local
 * cloud answers in microtasks, so an interval-driven fake clock would stand still). jest.setSystemTime
 * still moves it. Reads the elapsed time from performance.now(), which stays real.
 */
export function clockFrom(at: string | Date): void {
  jest.useFakeTimers({ now: new Date(at), doNotFake: [...REAL_TIMERS] })
  // @sinonjs/fake-timers (behind jest's modern timers) hangs its clock on the fake Date.
  const clock = (Date as unknown as { clock?: { now: number } }).clock
  if (!clock) throw new Error('clockFrom: jest fake timers no longer expose Date.clock')
  let base = clock.now - performance.now()
  Object.defineProperty(clock, 'now', {
    configurable: true,
    get: () => Math.floor(base + performance.now()),
    set: (value: number) => {
      base = value - performance.now()
    }
  })
}

/** Whether this test has set a clock (clockAt / clockFrom / jest.useFakeTimers). */
export function hasTestClock(): boolean {
  return (Date as unknown as { isFake?: boolean }).isFake === true
}
