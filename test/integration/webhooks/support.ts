import type { TestApp } from '../../helpers/test-app.js'

export interface CreatedWebhook {
  id: string
  secret: string
  subscriberUrl: string
  triggers: string[]
  active: boolean
}

/** A client-level webhook through Cal.com's endpoint, with the client secret. */
export async function createWebhook(
  t: TestApp,
  client: { clientId: string; clientSecret: string },
  body: Record<string, unknown>,
): Promise<CreatedWebhook> {
  const res = await t.request({
    method: 'POST',
    url: `/v2/oauth-clients/${client.clientId}/webhooks`,
    headers: { 'x-cal-secret-key': client.clientSecret },
    payload: { active: true, ...body },
  })
  if (res.status !== 201) throw new Error(`create webhook: ${res.status} ${res.text}`)
  return res.body.data as CreatedWebhook
}

export async function deliveryLog(
  t: TestApp,
  client: { clientId: string; clientSecret: string },
  webhookId: string,
) {
  const res = await t.request({
    method: 'GET',
    url: `/v2/oauth-clients/${client.clientId}/webhooks/${webhookId}/deliveries`,
    headers: { 'x-cal-secret-key': client.clientSecret },
  })
  if (res.status !== 200) throw new Error(`delivery log: ${res.status} ${res.text}`)
  return res.body.data.deliveries as {
    id: string
    messageId: string
    status: string
    outcome: string | null
    attempts: number
    nextAttemptAt: string | null
    triggerEvent: string | null
    attemptLog: {
      attempt: number
      succeeded: boolean
      responseCode: number | null
      responseBody: string | null
      latencyMs: number
      error: string | null
    }[]
  }[]
}

export function forceRefresh(
  t: TestApp,
  client: { clientId: string; clientSecret: string },
  userId: number,
) {
  return t.request({
    method: 'POST',
    url: `/v2/oauth-clients/${client.clientId}/users/${userId}/force-refresh`,
    headers: { 'x-cal-secret-key': client.clientSecret },
  })
}

/** Lets private-network receivers in (tests listen on loopback). */
export const LOOPBACK_ENV = { TESSERA_WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' }
