import { UsageError, type Command } from '../command.js'
import { clientAccess, idArgument } from '../remote.js'
import { clientOption } from './users.js'

export const sessionsList: Command = {
  words: ['sessions', 'list'],
  synopsis: '--client <id> <user-id>',
  summary: "a managed user's sessions, newest first",
  remote: true,
  options: { client: { type: 'string' } },
  positionals: ['user-id'],
  async run(input) {
    const userId = idArgument('<user-id>', input.positionals[0])
    const sessions = await clientAccess(input, clientOption(input)).sessions.list(userId)
    if (input.values.json) input.out.json(sessions)
    else {
      input.out.table(sessions, [
        { header: 'ID', value: (s) => s.id },
        { header: 'ORIGIN', value: (s) => s.origin },
        { header: 'CREATED', value: (s) => s.createdAt },
        { header: 'LAST REFRESH', value: (s) => s.lastRefreshedAt },
        { header: 'REFRESHES', value: (s) => s.generation },
        { header: 'REVOKED', value: (s) => (s.revoked ? (s.revokedReason ?? 'yes') : 'no') },
      ])
    }
    return 0
  },
}

export const sessionsRevoke: Command = {
  words: ['sessions', 'revoke'],
  synopsis: '--client <id> <user-id> (<session-id> | --all)',
  summary: "revoke one session, or all of the user's; their tokens stop at once",
  remote: true,
  options: { client: { type: 'string' }, all: { type: 'boolean' } },
  positionals: ['user-id', 'session-id?'],
  async run(input) {
    const [rawUser, sessionId] = input.positionals
    const all = input.values.all === true
    if ((sessionId === undefined) === !all) {
      throw new UsageError('Give either a <session-id> or --all (not both)')
    }
    const userId = idArgument('<user-id>', rawUser)
    const { sessions } = clientAccess(input, clientOption(input))
    const revoked = all
      ? await sessions.revokeAll(userId)
      : await sessions.revoke(userId, sessionId!)
    if (input.values.json) input.out.json({ revoked })
    else input.out.line(`${revoked} session${revoked === 1 ? '' : 's'} revoked`)
    return 0
  },
}
