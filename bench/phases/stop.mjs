// @ts-check
// The last phase: every server under test is stopped with SIGTERM (SIGKILL after 20 s) and what
// it logged while shutting down is recorded; a server that does not exit 0 is a finding.

/** @import { Phase, TargetRecord } from '../types.js' */

import { scanTargetLog } from '../lib/server-log.mjs'

/** @type {Phase} */
export const stop = {
  name: 'stop',
  async run(run) {
    for (const target of run.targets) {
      const stopped = await target.proc.stop()
      const tail = scanTargetLog(target)
      const record = /** @type {TargetRecord | undefined} */ (
        target.name === 'tessera' ? run.result.tessera : run.result.baseline
      )
      if (record) {
        record.logMessages = target.logMessages
        record.shutdown = { ...stopped, logErrorsAtShutdown: tail.errors, samples: tail.samples }
        record.peakRssLifetimeNote = 'per-cell peaks in cells[].peakRssMB'
      }
      run.log(`${target.name}: stopped ${JSON.stringify(stopped)}`)
    }
  },
}
