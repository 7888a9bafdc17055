/** A clock tests move by hand: expiry and overlap windows without sleeping. */
export interface TestClock {
  (): number
  advance(ms: number): void
  set(ms: number): void
}

export function testClock(start = Date.now()): TestClock {
  let now = start
  const clock = (() => now) as TestClock
  clock.advance = (ms) => {
    now += ms
  }
  clock.set = (ms) => {
    now = ms
  }
  return clock
}
