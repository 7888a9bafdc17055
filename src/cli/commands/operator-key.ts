import type { Command } from '../command.js'

export const operatorKeyReset: Command = {
  words: ['operator-key', 'reset'],
  summary: 'replace a generated operator key (not with TESSERA_ADMIN_KEY)',
  async run({ env, out }) {
    const [{ loadConfig }, { withTessera }] = await Promise.all([
      import('../../config/config.js'),
      import('../local.js'),
    ])
    if (loadConfig(env).adminKey) {
      out.error('TESSERA_ADMIN_KEY is set: change that variable instead.')
      return 1
    }
    return withTessera(
      env,
      async (t) => {
        const key = await t.operatorKey.reset()
        out.line(`New operator key (shown once, store it now):\n\n  ${key}\n`)
        return 0
      },
      { announceGeneratedKey: false },
    )
  },
}
