import { performance } from 'node:perf_hooks'
import { setTimeout as wait } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { EventLoopLoad } from '../../../src/health/event-loop-load.js'

/** Keeps the event loop running JavaScript for `ms`, as a saturated server does. */
function block(ms: number): void {
  const until = performance.now() + ms
  while (performance.now() < until) {
    // spinning on purpose
  }
}

describe('event-loop load', () => {
  it('counts a loop that ran without pause for a whole window as busy', () => {
    const load = new EventLoopLoad(85)
    block(300)
    expect(load.busy()).toBe(true)
  })

  it('counts a loop that waited for I/O as not busy', async () => {
    const load = new EventLoopLoad(85)
    // idle time is what is measured here: nothing to await but the clock
    await wait(300)
    expect(load.busy()).toBe(false)
  })

  it('keeps its answer until the window has passed, then looks again', async () => {
    const load = new EventLoopLoad(85)
    block(300)
    expect(load.busy()).toBe(true)
    // within the same window: the answer stands, whatever the loop did since
    expect(load.busy()).toBe(true)
    await wait(300)
    expect(load.busy()).toBe(false)
  })

  it('at 100 percent never yields', () => {
    const load = new EventLoopLoad(100)
    block(300)
    expect(load.busy()).toBe(false)
  })
})
