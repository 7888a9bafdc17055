import { useMemo, useState } from 'preact/hooks'
import type { Identity } from '../../api/identity.js'
import { WebhookApi, type Webhook } from '../../api/webhooks.js'
import { Empty } from '../../components/Empty.js'
import { ErrorMessage } from '../../components/ErrorMessage.js'
import { Field } from '../../components/Field.js'
import { Link } from '../../components/Link.js'
import { Loading } from '../../components/Loading.js'
import { SecretOnce } from '../../components/SecretOnce.js'
import { Time } from '../../components/Time.js'
import { useAction } from '../../components/use-action.js'
import { useLoad } from '../../components/use-load.js'
import { TRIGGER_GROUPS } from './triggers.js'

/** Webhook endpoints of the organization (API key) or the instance (operator); create one. */
export function Webhooks({ identity }: { identity: Identity }) {
  const api = useMemo(() => new WebhookApi(identity), [identity])
  const list = useLoad(() => api.list(), [api])
  const [created, setCreated] = useState<Webhook | null>(null)
  const scope =
    identity.whoami.kind === 'operator'
      ? 'every event of the instance'
      : 'the organization’s events'
  return (
    <>
      <h1>Webhooks</h1>
      <p class="muted">
        Endpoints that receive {scope}, signed for Cal.com (<code>X-Cal-Signature-256</code>) and
        Standard Webhooks, retried for about three days.
      </p>
      {identity.canWrite ? (
        <CreateWebhook
          api={api}
          onCreated={(webhook) => {
            setCreated(webhook)
            list.reload()
          }}
        />
      ) : null}
      {created?.secret ? (
        <div class="created" role="status">
          <p>
            Endpoint created for <code>{created.subscriberUrl}</code>.
          </p>
          <SecretOnce label="Signing secret" value={created.secret} />
        </div>
      ) : null}
      {list.loading && !list.data ? <Loading what="webhooks" /> : null}
      <ErrorMessage error={list.error} />
      {list.data?.length === 0 ? (
        <Empty>
          No endpoints yet.{' '}
          {identity.canWrite ? 'Add one above; send it a test ping from its page.' : ''}
        </Empty>
      ) : null}
      {list.data && list.data.length > 0 ? (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Endpoint</th>
                <th scope="col">Triggers</th>
                <th scope="col">State</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((webhook) => (
                <tr key={webhook.id}>
                  <td>
                    <Link to={`/webhooks/${webhook.id}`}>{webhook.subscriberUrl}</Link>
                  </td>
                  <td>{webhook.triggers.join(', ')}</td>
                  <td>{webhookState(webhook)}</td>
                  <td>
                    <Time value={webhook.createdAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  )
}

export function webhookState(webhook: Webhook): string {
  if (webhook.disabledReason) return `disabled: ${webhook.disabledReason}`
  return webhook.active ? 'active' : 'paused'
}

function CreateWebhook({ api, onCreated }: { api: WebhookApi; onCreated: (w: Webhook) => void }) {
  const [url, setUrl] = useState('')
  const [triggers, setTriggers] = useState<string[]>([])
  const create = useAction(async () => {
    onCreated(await api.create({ subscriberUrl: url.trim(), triggers, active: true }))
    setUrl('')
    setTriggers([])
  })
  return (
    <details class="panel">
      <summary>Add an endpoint</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void create.run()
        }}
      >
        <Field
          label="Endpoint URL"
          hint="http(s); private and loopback addresses are refused unless the operator allows them."
        >
          {(id, hint) => (
            <input
              id={id}
              type="url"
              required
              aria-describedby={hint}
              value={url}
              onInput={(e) => setUrl(e.currentTarget.value)}
            />
          )}
        </Field>
        {TRIGGER_GROUPS.map((group) => (
          <fieldset key={group.label}>
            <legend>{group.label}</legend>
            <div class="checks">
              {group.triggers.map((trigger) => (
                <label key={trigger}>
                  <input
                    type="checkbox"
                    checked={triggers.includes(trigger)}
                    onChange={(e) => {
                      const on = e.currentTarget.checked
                      setTriggers((t) => (on ? [...t, trigger] : t.filter((x) => x !== trigger)))
                    }}
                  />
                  {trigger}
                </label>
              ))}
            </div>
          </fieldset>
        ))}
        <ErrorMessage error={create.error} />
        <button type="submit" class="primary" disabled={create.busy}>
          Add endpoint
        </button>
      </form>
    </details>
  )
}
