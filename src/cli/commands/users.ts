import type { ManagedUser } from '@tessera/sdk'
import { UsageError, type Command, type CommandInput } from '../command.js'
import type { Column } from '../output.js'
import { EXIT } from '../exit-codes.js'
import { clientAccess, idArgument } from '../remote.js'
import { listLimit } from './list-options.js'

const CLIENT = { client: { type: 'string' } } as const

const COLUMNS: Column<ManagedUser>[] = [
  { header: 'ID', value: (u) => u.id },
  { header: 'EMAIL', value: (u) => u.email },
  { header: 'NAME', value: (u) => u.name },
  { header: 'TIME ZONE', value: (u) => u.timeZone },
  { header: 'CREATED', value: (u) => u.createdDate },
]

export function clientOption(input: CommandInput): string {
  const client = input.values.client as string | undefined
  if (!client) throw new UsageError('--client <client-id> is required')
  return client
}

export const usersList: Command = {
  words: ['users', 'list'],
  synopsis: '--client <id> [--limit <n>] [--offset <n>]',
  summary: "a client's managed users, oldest first",
  remote: true,
  options: { ...CLIENT, limit: { type: 'string' }, offset: { type: 'string' } },
  async run(input) {
    const { users } = clientAccess(input, clientOption(input))
    const offset = input.values.offset as string | undefined
    if (offset !== undefined && !/^\d+$/.test(offset)) {
      throw new UsageError('--offset takes a whole number')
    }
    const list = await users.list({
      limit: listLimit(input.values.limit, 250),
      ...(offset !== undefined ? { offset: Number(offset) } : {}),
    })
    if (input.values.json) input.out.json(list)
    else input.out.table(list, COLUMNS)
    return 0
  },
}

export const usersFind: Command = {
  words: ['users', 'find'],
  synopsis: '--client <id> --email <address>',
  summary: 'the managed user with this email (as you know it or as stored);\nexit 4 if none',
  remote: true,
  options: { ...CLIENT, email: { type: 'string' } },
  async run(input) {
    const email = input.values.email as string | undefined
    if (!email) throw new UsageError('--email is required')
    const user = await clientAccess(input, clientOption(input)).users.findByEmail(email)
    if (!user) {
      input.out.error(`no managed user with email ${email}`)
      return EXIT.notFound
    }
    if (input.values.json) input.out.json(user)
    else input.out.table([user], COLUMNS)
    return 0
  },
}

export const usersForceRefresh: Command = {
  words: ['users', 'force-refresh'],
  synopsis: '--client <id> <user-id>',
  summary:
    "revoke every token of the user and issue a new pair (printed\nonly with --json: it is the user's new session)",
  remote: true,
  options: CLIENT,
  positionals: ['user-id'],
  async run(input) {
    const userId = idArgument('<user-id>', input.positionals[0])
    const pair = await clientAccess(input, clientOption(input)).users.forceRefresh(userId)
    if (input.values.json) input.out.json(pair)
    else {
      input.out.record([
        ['user', userId],
        ['access token until', new Date(pair.accessTokenExpiresAt).toISOString()],
        ['refresh token until', new Date(pair.refreshTokenExpiresAt).toISOString()],
      ])
      input.out.error('Every earlier token of this user has stopped working.')
    }
    return 0
  },
}
