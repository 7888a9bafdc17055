import type { Database } from '../../../src/db/database.js'
import { recordAuditEvent, type AuditData } from '../../../src/domain/audit/record.js'

/** Records one event of `organizationId` (null: an instance event) at `at`. */
export async function record(
  database: Database,
  organizationId: number | null,
  options: { at?: Date; clientId?: string; data?: AuditData } = {},
): Promise<void> {
  await recordAuditEvent(
    database.db,
    {
      type: 'token.issued',
      organizationId,
      actor: 'system',
      clientId: options.clientId ?? null,
      data: options.data ?? { n: Math.random() },
    },
    options.at ?? new Date(),
  )
}
