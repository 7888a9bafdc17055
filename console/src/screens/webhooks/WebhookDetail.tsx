import { useMemo, useState } from 'preact/hooks'
import type { Identity } from '../../api/identity.js'
import { WebhookApi, type Delivery } from '../../api/webhooks.js'
import { ConfirmButton } from '../../components/ConfirmButton.js'
import { Empty } from '../../components/Empty.js'
import { ErrorMessage } from '../../components/ErrorMessage.js'
import { Link } from '../../components/Link.js'
import { Loading } from '../../components/Loading.js'
import { Time } from '../../components/Time.js'
import { useAction } from '../../components/use-action.js'
import { useLoad } from '../../components/use-load.js'
import { navigate } from '../../router.js'
import { webhookState } from './Webhooks.js'

/** One endpoint: pause/resume, delete, test ping, and its delivery log with redelivery. */
export function WebhookDetail({ identity, webhookId }: { identity: Identity; webhookId: string }) {
  const api = useMemo(() => new WebhookApi(identity), [identity])
  const webhook = useLoad(() => api.get(webhookId), [api, webhookId])
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined])
  const cursor = cursors[cursors.length - 1]
  const log = useLoad(() => api.deliveries(webhookId, cursor), [api, webhookId, cursor])
  const [notice, setNotice] = useState<string | null>(null)
  const ping = useAction(async () => {
    await api.ping(webhookId)
    setNotice('Test ping queued: it appears in the delivery log below.')
    setCursors([undefined])
    log.reload()
  })
  const toggle = useAction(async (active: boolean) => {
    await api.update(webhookId, { active })
    webhook.reload()
  })

  return (
    <>
      <p class="crumbs">
        <Link to="/webhooks">Webhooks</Link> /
      </p>
      <h1>Webhook endpoint</h1>
      {webhook.loading && !webhook.data ? <Loading what="the endpoint" /> : null}
      <ErrorMessage error={webhook.error} />
      {webhook.data ? (
        <>
          <dl class="facts">
            <dt>URL</dt>
            <dd>
              <code>{webhook.data.subscriberUrl}</code>
            </dd>
            <dt>Triggers</dt>
            <dd>{webhook.data.triggers.join(', ')}</dd>
            <dt>State</dt>
            <dd data-testid="webhook-state">{webhookState(webhook.data)}</dd>
            <dt>Created</dt>
            <dd>
              <Time value={webhook.data.createdAt} />
            </dd>
          </dl>
          {identity.canWrite ? (
            <div class="actions">
              <button type="button" disabled={ping.busy} onClick={() => void ping.run()}>
                Send test ping
              </button>
              <button
                type="button"
                disabled={toggle.busy}
                onClick={() => void toggle.run(!webhook.data!.active)}
              >
                {webhook.data.active ? 'Pause' : 'Resume'}
              </button>
              <ConfirmButton
                label="Delete endpoint"
                confirm="Delete endpoint"
                danger
                action={async () => {
                  await api.delete(webhookId)
                  navigate('/webhooks')
                }}
              >
                <p>
                  Delete the endpoint <code>{webhook.data.subscriberUrl}</code> and its delivery
                  log? Pending deliveries are dropped.
                </p>
              </ConfirmButton>
            </div>
          ) : null}
          <ErrorMessage error={ping.error ?? toggle.error} />
          {notice ? (
            <p class="notice" role="status">
              {notice}
            </p>
          ) : null}
        </>
      ) : null}
      <section aria-labelledby="deliveries">
        <div class="title-row">
          <h2 id="deliveries">Delivery log</h2>
          <button type="button" onClick={() => log.reload()}>
            Refresh log
          </button>
        </div>
        <ErrorMessage error={log.error} />
        {log.loading && !log.data ? <Loading what="deliveries" /> : null}
        {log.data?.deliveries.length === 0 ? (
          <Empty>No deliveries yet. Send a test ping to try the endpoint.</Empty>
        ) : null}
        {log.data && log.data.deliveries.length > 0 ? (
          <div class="table-wrap">
            <table aria-busy={log.loading}>
              <thead>
                <tr>
                  <th scope="col">Created</th>
                  <th scope="col">Event</th>
                  <th scope="col">Status</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Last answer</th>
                  <th scope="col">
                    <span class="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {log.data.deliveries.map((delivery) => (
                  <DeliveryRow
                    key={delivery.id}
                    delivery={delivery}
                    canWrite={identity.canWrite}
                    onRedeliver={async () => {
                      await api.redeliver(webhookId, delivery.id)
                      log.reload()
                    }}
                  />
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {log.data ? (
          <div class="pager" role="group" aria-label="Pages of deliveries">
            <button
              type="button"
              disabled={cursors.length === 1}
              onClick={() => setCursors((c) => c.slice(0, -1))}
            >
              Newer deliveries
            </button>
            <button
              type="button"
              disabled={!log.data.nextCursor}
              onClick={() => setCursors((c) => [...c, log.data!.nextCursor ?? undefined])}
            >
              Older deliveries
            </button>
          </div>
        ) : null}
      </section>
    </>
  )
}

function DeliveryRow({
  delivery,
  canWrite,
  onRedeliver,
}: {
  delivery: Delivery
  canWrite: boolean
  onRedeliver: () => Promise<void>
}) {
  const redeliver = useAction(onRedeliver)
  const last = delivery.attemptLog[delivery.attemptLog.length - 1]
  return (
    <tr>
      <td>
        <Time value={delivery.createdAt} />
      </td>
      <td>
        <code>{delivery.triggerEvent ?? delivery.kind}</code>
      </td>
      <td>
        {delivery.status}
        {delivery.outcome ? <span class="muted"> ({delivery.outcome})</span> : null}
      </td>
      <td>{delivery.attempts}</td>
      <td>
        {last
          ? last.responseCode !== null
            ? `HTTP ${last.responseCode} in ${last.latencyMs} ms`
            : (last.error ?? 'no answer')
          : '—'}
      </td>
      <td>
        {canWrite && delivery.status !== 'pending' ? (
          <button type="button" disabled={redeliver.busy} onClick={() => void redeliver.run()}>
            Redeliver
          </button>
        ) : null}
        <ErrorMessage error={redeliver.error} />
      </td>
    </tr>
  )
}
