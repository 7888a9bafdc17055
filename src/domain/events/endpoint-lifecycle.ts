import type { Context } from '../../context.js'
import { recordAuditEvent } from '../audit/record.js'
import { transact } from '../transact.js'
import { endPending } from './delivery.repository.js'
import type { DisableReason } from './delivery-outcome.js'
import { lockEndpoint, updateEndpoint } from './endpoint.repository.js'

const REASON_TEXT: Record<DisableReason, string> = {
  gone: 'the receiver answered 410 Gone',
  failing: 'every attempt failed for the whole retry schedule',
}

/**
 * Switches an endpoint off because of how its receiver behaves, records why (an audit event that
 * other subscriptions can hear: `WEBHOOK_DISABLED`, `SSF_STREAM_DISABLED`) and ends its pending
 * deliveries. Its owner turns it back on (PATCH `active: true`, or the stream's status).
 */
export async function disableEndpoint(
  ctx: Context,
  endpointId: string,
  reason: DisableReason,
  lastResponseCode: number | null,
): Promise<boolean> {
  const now = new Date(ctx.clock())
  return transact(ctx, async ({ trx }) => {
    const row = await lockEndpoint(trx, endpointId)
    if (!row || row.status === 'disabled') return false
    await updateEndpoint(trx, endpointId, {
      status: 'disabled',
      status_reason: REASON_TEXT[reason],
      updated_at: now,
    })
    const ended = await endPending(trx, endpointId, 'failed', 'endpoint_disabled', now)
    const webhook = row.kind === 'webhook'
    await recordAuditEvent(
      trx,
      {
        type: webhook ? 'webhook.disabled' : 'ssf_stream.disabled',
        organizationId: row.organization_id,
        actor: 'system',
        clientId: row.client_id,
        data: {
          [webhook ? 'webhookId' : 'streamId']: row.id,
          reason,
          lastResponseCode,
          endedDeliveries: ended,
        },
      },
      now,
    )
    return true
  })
}
