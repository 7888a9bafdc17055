import { readFileSync, writeFileSync } from 'node:fs'
import type { ImportDocument, ImportReport } from '@tessera/sdk'
import { UsageError, type Command, type CommandInput } from '../command.js'
import { EXIT } from '../exit-codes.js'
import { readCalcomClient } from '../import/calcom-api.js'
import { addReport, emptyReport, parts } from '../import/parts.js'
import { idArgument, operatorClient } from '../remote.js'

/**
 * `tessera import`: moves a Cal.com Platform organization into a running Tessera, keeping client
 * ids, client secrets and managed-user ids (docs/migrating-from-calcom.md). The source is a JSON
 * file or Cal.com's API read with the customer's credentials (from the environment, as all keys).
 */
export const importCommand: Command = {
  words: ['import'],
  synopsis:
    '--org <id> (--file <path> | --from <api-url> --client <id>) [--dry-run] [--save <path>]',
  summary:
    'import OAuth clients and managed users keeping their ids and secrets\n(operator; --from reads CALCOM_API_KEY and CALCOM_CLIENT_SECRET); exit 5 on conflicts',
  remote: true,
  options: {
    org: { type: 'string' },
    file: { type: 'string' },
    from: { type: 'string' },
    client: { type: 'string' },
    'dry-run': { type: 'boolean' },
    save: { type: 'string' },
  },
  async run(input) {
    const orgId = idArgument('--org', input.values.org as string | undefined)
    const operator = operatorClient(input)
    const document = await source(input)
    const saveTo = input.values.save as string | undefined
    // it holds client secrets: readable by its owner only
    if (saveTo) writeFileSync(saveTo, `${JSON.stringify(document, null, 2)}\n`, { mode: 0o600 })
    const dryRun = input.values['dry-run'] === true
    const total = emptyReport(dryRun)
    const users = document.clients.reduce((n, c) => n + (c.users?.length ?? 0), 0)
    let sent = 0
    for (const part of parts(document)) {
      const report = await operator.organizations.import(orgId, part.document, { dryRun })
      addReport(total, report, part.firstOfClient)
      sent += part.users
      if (users > 0) {
        input.out.error(`import: ${sent}/${users} users (${Math.floor((sent * 100) / users)}%)`)
      }
    }
    print(input, total)
    return total.conflicts.length > 0 ? EXIT.refused : EXIT.ok
  },
}

async function source(input: CommandInput): Promise<ImportDocument> {
  const file = input.values.file as string | undefined
  const from = input.values.from as string | undefined
  if ((file === undefined) === (from === undefined)) {
    throw new UsageError('Give the source: --file <path> or --from <api-url> --client <id>')
  }
  if (file !== undefined) {
    let parsed: unknown
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'))
    } catch (err) {
      throw new UsageError(`--file ${file}: ${(err as Error).message}`)
    }
    if (!isDocument(parsed)) {
      throw new UsageError(
        `--file ${file}: expected {"clients": [...]} (docs/migrating-from-calcom.md)`,
      )
    }
    return parsed
  }
  const clientId = input.values.client as string | undefined
  if (!clientId) throw new UsageError('--from needs --client <client-id>')
  const apiKey = input.env.CALCOM_API_KEY
  const clientSecret = input.env.CALCOM_CLIENT_SECRET
  if (!apiKey || !clientSecret) {
    throw new UsageError(
      "Set CALCOM_API_KEY to an API key of the client's organization and CALCOM_CLIENT_SECRET to the client's secret",
    )
  }
  try {
    new URL(from!)
  } catch {
    throw new UsageError(`--from must be a URL like https://api.cal.com, not ${from}`)
  }
  const client = await readCalcomClient({ baseUrl: from!, clientId, clientSecret, apiKey }, (n) =>
    input.out.error(`read: ${n} users`),
  )
  return { clients: [client] }
}

function isDocument(value: unknown): value is ImportDocument {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { clients?: unknown }).clients)
  )
}

function print(input: CommandInput, report: ImportReport): void {
  if (input.values.json) {
    input.out.json(report)
    return
  }
  const would = report.dryRun ? ' (dry run: nothing written)' : ''
  input.out.record([
    [
      'clients',
      `${report.clients.created} created, ${report.clients.unchanged} unchanged, ${report.clients.conflicts} conflicts${would}`,
    ],
    [
      'users',
      `${report.users.created} created, ${report.users.unchanged} unchanged, ${report.users.conflicts} conflicts${would}`,
    ],
  ])
  if (report.conflicts.length > 0) {
    input.out.table(report.conflicts, [
      { header: 'RECORD', value: (c) => c.record },
      { header: 'ID', value: (c) => c.id },
      { header: 'CLIENT', value: (c) => c.clientId },
      { header: 'CONFLICT', value: (c) => c.reason },
    ])
  }
}
