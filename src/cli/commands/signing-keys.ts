import type { Command } from '../command.js'
import { isRemote, operatorClient } from '../remote.js'

export const signingKeysRotate: Command = {
  words: ['signing-keys', 'rotate'],
  summary:
    'make a new key sign access tokens; the old one keeps verifying\n' +
    'until its last token expires (same as POST /v2/admin/signing-keys/rotate;\n' +
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
        ])
      }
      return 0
    }
    const { withTessera } = await import('../local.js')
    return withTessera(input.env, async (t) => {
      input.out.json(await t.keyRing.rotate('operator:cli'))
      return 0
    })
  },
}
