import type { OAuthClient } from '@tessera/sdk'
import { UsageError, type Command, type CommandInput } from '../command.js'
import type { Column } from '../output.js'
import { organizationClient } from '../remote.js'

const COLUMNS: Column<OAuthClient>[] = [
  { header: 'ID', value: (c) => c.id },
  { header: 'NAME', value: (c) => c.name },
  { header: 'PERMISSIONS', value: (c) => c.permissions },
  { header: 'CREATED', value: (c) => c.createdAt },
]

function printClient(input: CommandInput, client: OAuthClient): void {
  if (input.values.json) return input.out.json(client)
  input.out.record([
    ['id', client.id],
    ['name', client.name],
    ['organization', client.organizationId],
    ['permissions', client.permissions],
    ['redirect URIs', client.redirectUris],
    ['created', client.createdAt],
  ])
}

export const clientsList: Command = {
  words: ['clients', 'list'],
  summary: "the organization's OAuth clients (TESSERA_API_KEY)",
  remote: true,
  async run(input) {
    const clients = await organizationClient(input).oauthClients.list()
    if (input.values.json) input.out.json(clients)
    else input.out.table(clients, COLUMNS)
    return 0
  },
}

export const clientsGet: Command = {
  words: ['clients', 'get'],
  synopsis: '<client-id>',
  summary: 'one OAuth client',
  remote: true,
  positionals: ['client-id'],
  async run(input) {
    printClient(input, await organizationClient(input).oauthClients.get(input.positionals[0]!))
    return 0
  },
}

export const clientsCreate: Command = {
  words: ['clients', 'create'],
  synopsis: '--name <name> --permission <p>… [--redirect-uri <uri>…]',
  summary: 'a new OAuth client; its secret is shown once (OWNER, ADMIN)',
  remote: true,
  options: {
    name: { type: 'string' },
    permission: { type: 'string', multiple: true },
    'redirect-uri': { type: 'string', multiple: true },
  },
  async run(input) {
    const name = input.values.name as string | undefined
    const permissions = (input.values.permission as string[] | undefined) ?? []
    if (!name) throw new UsageError('--name is required')
    if (permissions.length === 0) {
      throw new UsageError('--permission is required, once per permission (* for all)')
    }
    const created = await organizationClient(input).oauthClients.create({
      name,
      permissions: permissions as never,
      redirectUris: (input.values['redirect-uri'] as string[] | undefined) ?? [],
    })
    if (input.values.json) input.out.json(created)
    else {
      input.out.record([
        ['client id', created.clientId],
        ['client secret', created.clientSecret],
      ])
      input.out.error('The secret is shown once: store it now.')
    }
    return 0
  },
}

export const clientsRotateSecret: Command = {
  words: ['clients', 'rotate-secret'],
  synopsis: '<client-id>',
  summary:
    'a new client secret, shown once; the previous one works\nuntil the grace period ends (OWNER, ADMIN)',
  remote: true,
  positionals: ['client-id'],
  async run(input) {
    const rotated = await organizationClient(input).oauthClients.rotateSecret(input.positionals[0]!)
    if (input.values.json) input.out.json(rotated)
    else {
      input.out.record([
        ['client secret', rotated.clientSecret],
        ['previous secret until', rotated.previousSecretExpiresAt],
      ])
      input.out.error('The secret is shown once: store it now.')
    }
    return 0
  },
}

export const clientsRevokePreviousSecret: Command = {
  words: ['clients', 'revoke-previous-secret'],
  synopsis: '<client-id>',
  summary: 'end the grace period of the previous secret now (OWNER, ADMIN)',
  remote: true,
  positionals: ['client-id'],
  async run(input) {
    const clientId = input.positionals[0]!
    await organizationClient(input).oauthClients.revokePreviousSecret(clientId)
    if (input.values.json) input.out.json({ clientId, previousSecretRevoked: true })
    else input.out.line(`previous secret of ${clientId} revoked`)
    return 0
  },
}
