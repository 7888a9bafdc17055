import type { Command } from '../command.js'
import { isRemote, operatorClient } from '../remote.js'

export const signingKeysRotate: Command = {
  words: ['signing-keys', 'rotate'],
  summary:
    'publish a new signing key; it signs access tokens from activatesAt on\n' +
    '(after TESSERA_SIGNING_KEY_ACTIVATION_DELAY_SECONDS); the old one keeps\n' +
    'verifying until its last token expires (same as POST /v2/admin/signing-keys/rotate;\n' +
    'with --url, on a running server, with TESSERA_ADMIN_KEY)',
  async run(input) {
    if (isRemote(input)) {
      const rotation = await operatorClient(input).signingKeys.rotate()
      if (input.values.json) input.out.json(rotation)
      else {
        input.out.record([
          ['kid', rotation.kid],
          ['alg', rotation.alg],
          ['previous kid', rotation.previousKid],
          ['activates at', rotation.activatesAt],
        ])
      }
      return 0
    }
    const { withTessera } = await import('../local.js')
    return withTessera(input.env, async (t) => {
      const rotation = await t.keyRing.rotate('operator:cli')
      input.out.json({ ...rotation, activatesAt: rotation.activatesAt.toISOString() })
      return 0
    })
  },
}
