import type { Command } from '../command.js'
import { clientAccess } from '../remote.js'
import { printEvents } from './audit.js'
import { listLimit, splitList } from './list-options.js'
import { clientOption } from './users.js'

export const eventsList: Command = {
  words: ['events', 'list'],
  synopsis: '--client <id> [--types <t,…>] [--limit <n>] [--cursor <c>]',
  summary: 'security events of a client and its users, newest first',
  remote: true,
  options: {
    client: { type: 'string' },
    types: { type: 'string' },
    limit: { type: 'string' },
    cursor: { type: 'string' },
  },
  async run(input) {
    const page = await clientAccess(input, clientOption(input)).events({
      types: splitList(input.values.types),
      limit: listLimit(input.values.limit, 500),
      ...(input.values.cursor ? { cursor: input.values.cursor as string } : {}),
    })
    printEvents(input, page)
    if (!input.values.json && page.nextCursor) {
      input.out.error(`more: --cursor ${page.nextCursor}`)
    }
    return 0
  },
}
