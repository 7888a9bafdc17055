import type { Command, CommandInput } from '../command.js'
import { organizationFilter } from '../org-filter.js'
import { isRemote, operatorClient } from '../remote.js'
import { listLimit, splitList } from './list-options.js'

interface Report {
  readonly ok: boolean
  readonly problem: { readonly message: string } | null
}

function finish(input: CommandInput, report: Report): number {
  if (report.problem) input.out.error(`audit chain broken: ${report.problem.message}`)
  return report.ok ? 0 : 1
}

export const auditVerify: Command = {
  words: ['audit', 'verify'],
  synopsis: '[--org <id>]',
  summary:
    'check the audit hash chains; exit 1 and name the first altered\n' +
    'or missing row if one was tampered with (with --url, on a running server)',
  options: { org: { type: 'string' } },
  async run(input) {
    const org = organizationFilter(input.values.org as string | undefined)
    if (isRemote(input)) {
      const report = await operatorClient(input).audit.verify(
        org !== undefined ? { organizationId: org } : {},
      )
      if (input.values.json) input.out.json(report)
      else {
        input.out.table(report.chains, [
          { header: 'CHAIN', value: (c) => c.chainId },
          { header: 'FIRST', value: (c) => c.firstSeq },
          { header: 'LAST', value: (c) => c.lastSeq },
          { header: 'HEAD HASH', value: (c) => c.headHash },
        ])
        input.out.line(report.ok ? 'intact' : 'BROKEN')
      }
      return finish(input, report)
    }
    const [{ withTessera }, { verifyAuditChains }] = await Promise.all([
      import('../local.js'),
      import('../../domain/audit/verify.js'),
    ])
    return withTessera(input.env, async (t) => {
      await t.sealAudit()
      const report = await verifyAuditChains(
        t.ctx.database.db,
        org !== undefined ? { chainId: org } : {},
      )
      input.out.json(report)
      return finish(input, report)
    })
  },
}

export const auditEvents: Command = {
  words: ['audit', 'events'],
  synopsis: '[--org <id>] [--client <id>] [--types <t,…>] [--limit <n>]',
  summary: "the instance's security events, newest first (operator)",
  remote: true,
  options: {
    org: { type: 'string' },
    client: { type: 'string' },
    types: { type: 'string' },
    limit: { type: 'string' },
  },
  async run(input) {
    const org = organizationFilter(input.values.org as string | undefined)
    const page = await operatorClient(input).audit.list({
      ...(org !== undefined ? { organizationId: org } : {}),
      ...(input.values.client ? { clientId: input.values.client as string } : {}),
      types: splitList(input.values.types),
      limit: listLimit(input.values.limit, 500),
    })
    printEvents(input, page)
    return 0
  },
}

export function printEvents(
  input: CommandInput,
  page: {
    events: readonly {
      occurredAt: string
      type: string
      actor: string
      organizationId: number | null
      clientId: string | null
      userId: number | null
    }[]
    nextCursor: string | null
  },
): void {
  if (input.values.json) return input.out.json(page)
  input.out.table(page.events, [
    { header: 'TIME', value: (e) => e.occurredAt },
    { header: 'TYPE', value: (e) => e.type },
    { header: 'ACTOR', value: (e) => e.actor },
    { header: 'ORG', value: (e) => e.organizationId },
    { header: 'CLIENT', value: (e) => e.clientId },
    { header: 'USER', value: (e) => e.userId },
  ])
}
