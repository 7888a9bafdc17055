import { performance } from 'node:perf_hooks'
import { setTimeout as wait } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { SaturationSensor, type CpuTimes } from '../../../src/health/saturation.js'

/** Keeps the event loop running JavaScript for `ms`, as a saturated server does. */
function block(ms: number, sensor?: SaturationSensor): void {
  sensor?.served()
  const until = performance.now() + ms
  while (performance.now() < until) {
    // spinning on purpose
  }
}

/** A window of 300 ms (longer than the sensor's) in which the event loop waits for I/O. */
const idle = (sensor?: SaturationSensor) => {
  sensor?.served()
  return wait(300)
}

/** A machine whose cores the test fills: each read adds `busyShare` of 1 s of CPU time as used. */
function machine(busyShare: number): () => CpuTimes {
  let idleMs = 0
  let total = 0
  return () => {
    idleMs += 1000 * (1 - busyShare)
    total += 1000
    return { idle: idleMs, total }
  }
}

describe('saturation sensor', () => {
  it('counts an event loop that ran without pause for two windows as busy', () => {
    const sensor = new SaturationSensor(85, machine(0))
    block(300, sensor)
    expect(sensor.busy()).toBe(false) // one window: a burst, not saturation
    block(300, sensor)
    expect(sensor.busy()).toBe(true)
  })

  it('without requests to yield to, a full event loop and machine are not saturation', () => {
    // a backlog of deliveries draining on its own may fill the machine and still go at full speed
    const sensor = new SaturationSensor(85, machine(1))
    block(300)
    sensor.busy()
    block(300)
    expect(sensor.busy()).toBe(false)
  })

  it('counts a process that waited for I/O on an idle machine as not busy', async () => {
    const sensor = new SaturationSensor(85, machine(0.2))
    await idle(sensor)
    expect(sensor.busy()).toBe(false)
    await idle(sensor)
    expect(sensor.busy()).toBe(false)
  })

  it('counts a machine whose cores are full as busy, though this event loop is idle', async () => {
    const sensor = new SaturationSensor(85, machine(0.95))
    await idle(sensor)
    sensor.busy()
    await idle(sensor)
    expect(sensor.busy()).toBe(true)
  })

  it('keeps its answer until the window has passed, and lets go after one quiet window', async () => {
    const sensor = new SaturationSensor(85, machine(0))
    block(300, sensor)
    sensor.busy()
    block(300, sensor)
    expect(sensor.busy()).toBe(true)
    // within the same window: the answer stands, whatever the loop did since
    expect(sensor.busy()).toBe(true)
    await idle(sensor)
    expect(sensor.busy()).toBe(false)
  })

  it('at 100 percent never yields', () => {
    const sensor = new SaturationSensor(100, machine(1))
    block(300, sensor)
    sensor.busy()
    block(300, sensor)
    expect(sensor.busy()).toBe(false)
  })
})
