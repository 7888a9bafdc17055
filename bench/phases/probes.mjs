// @ts-check
// Phase 3: correctness probes on each target's canary users (lib/probes.mjs says which).

/** @import { Phase } from '../types.js' */

import { runProbes } from '../lib/probes.mjs'
import { scanTargetLog } from '../lib/server-log.mjs'

/** @type {Phase} */
export const probes = {
  name: 'probes',
  async run(run) {
    for (const target of run.targets) {
      /** @type {import('../types.js').ProbeResult} */
      const p = await runProbes({
        baseUrl: target.baseUrl,
        canaries: target.canaries,
        timeoutMs: run.opts.timeoutMs,
      })
      run.result.probes[target.name] = p
      run.log(
        `${target.name}: probes ${p.pass ? 'pass' : 'FAIL'} ${JSON.stringify({ replay: p.replayRefused, race: p.raceDoubleSuccessors, wrongSecret: p.wrongSecretStatus, tampered: p.tamperedStatus, forged: p.forgedClaimsStatus })}`,
      )
      const probeLog = scanTargetLog(target)
      p.serverLog = {
        errors: probeLog.errors,
        warnings: probeLog.warnings,
        samples: probeLog.samples,
      }
    }
  },
}
