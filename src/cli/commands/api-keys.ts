import { UsageError, type Command } from '../command.js'
import { idArgument, operatorClient } from '../remote.js'

const ROLES = ['OWNER', 'ADMIN', 'MEMBER'] as const
type Role = (typeof ROLES)[number]

export const apiKeysCreate: Command = {
  words: ['api-keys', 'create'],
  synopsis: '--org <id> --role <OWNER|ADMIN|MEMBER> [--name <name>]',
  summary: 'a new API key of an organization, shown once (operator)',
  remote: true,
  options: { org: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } },
  async run(input) {
    const org = idArgument('--org', input.values.org as string | undefined)
    const role = String(input.values.role ?? '').toUpperCase()
    if (!ROLES.includes(role as Role)) {
      throw new UsageError('--role must be OWNER, ADMIN or MEMBER')
    }
    const name = input.values.name as string | undefined
    const key = await operatorClient(input).apiKeys.create(org, {
      role: role as Role,
      ...(name !== undefined ? { name } : {}),
    })
    if (input.values.json) input.out.json(key)
    else {
      input.out.record([
        ['id', key.id],
        ['role', key.role],
        ['name', key.name],
        ['created', key.createdAt],
        ['key', key.key],
      ])
      input.out.error('The key is shown once: store it now.')
    }
    return 0
  },
}

export const apiKeysRevoke: Command = {
  words: ['api-keys', 'revoke'],
  synopsis: '--org <id> <key-id>',
  summary: 'revoke an API key; it stops working at once (operator)',
  remote: true,
  options: { org: { type: 'string' } },
  positionals: ['key-id'],
  async run(input) {
    const org = idArgument('--org', input.values.org as string | undefined)
    const keyId = input.positionals[0]!
    await operatorClient(input).apiKeys.revoke(org, keyId)
    if (input.values.json) input.out.json({ id: keyId, revoked: true })
    else input.out.line(`revoked ${keyId}`)
    return 0
  },
}
