import type { Command } from '../command.js'

export const prune: Command = {
  words: ['prune'],
  summary: 'delete expired sessions, retired keys and old audit events now',
  async run({ env, out }) {
    const [{ runMaintenance }, { withTessera }] = await Promise.all([
      import('../../domain/maintenance.js'),
      import('../local.js'),
    ])
    return withTessera(env, async (t) => {
      const report = await runMaintenance(t.ctx, {
        keyRing: t.keyRing,
        revokedFamilies: t.revokedFamilies,
      })
      out.line(JSON.stringify(report))
      if (report.auditBlocked.length > 0) {
        out.error(`audit pruning stopped: ${report.auditBlocked.join('; ')}`)
        return 1
      }
      return 0
    })
  },
}
