// @ts-check
// Phase 2: the measured matrix. Every target is prewarmed, then each round runs every mode at
// every concurrency on every target (the target order alternates by round, so machine noise hits
// both sides alike). A mode the baseline has no route for measures Tessera alone.

/** @import { Phase } from '../types.js' */

import { measureCell, prewarm } from '../lib/measure.mjs'
import { MODES } from '../lib/modes.mjs'

/** @type {Phase} */
export const load = {
  name: 'load',
  async run(run) {
    const { opts, result, targets } = run
    for (const target of targets) {
      await prewarm(run, target, modesOf(target.name, opts.modes), opts.concurrency[0] ?? 1)
    }
    for (let round = 0; round < opts.rounds; round++) {
      const order = round % 2 === 0 ? targets : [...targets].reverse()
      for (const mode of opts.modes) {
        for (const c of opts.concurrency) {
          for (const target of order) {
            if (!modesOf(target.name, [mode]).length) continue
            const cell = await measureCell(run, target, mode, c, round)
            if (cell) result.cells.push(cell)
          }
        }
      }
    }
  },
}

/**
 * The modes a target takes part in: all of them for Tessera, those with a baseline route for
 * the baseline.
 * @param {string} targetName
 * @param {string[]} modes
 */
function modesOf(targetName, modes) {
  return targetName === 'baseline' ? modes.filter((m) => MODES[m]?.baseline !== false) : modes
}
