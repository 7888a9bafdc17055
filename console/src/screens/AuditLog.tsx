import { useState } from 'preact/hooks'
import { auditPage, verifyChain, type AuditFilters } from '../api/audit.js'
import type { Identity } from '../api/identity.js'
import { Empty } from '../components/Empty.js'
import { ErrorMessage } from '../components/ErrorMessage.js'
import { Field } from '../components/Field.js'
import { Loading } from '../components/Loading.js'
import { Time } from '../components/Time.js'
import { useAction } from '../components/use-action.js'
import { useLoad } from '../components/use-load.js'

const EMPTY: AuditFilters = { clientId: '', types: '', userId: '', since: '', until: '' }

/**
 * The tamper-evident audit log, newest first: filters (client, type, user, time), keyset paging,
 * and the hash chain's verification. Operator: every event; API key: one client's at a time.
 */
export function AuditLog({ identity }: { identity: Identity }) {
  const operator = identity.whoami.kind === 'operator'
  const initialClient = new URLSearchParams(location.search).get('client') ?? ''
  const [draft, setDraft] = useState<AuditFilters>({ ...EMPTY, clientId: initialClient })
  const [filters, setFilters] = useState<AuditFilters>(draft)
  // cursors of the pages before the current one, to go back
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined])
  const cursor = cursors[cursors.length - 1]
  const clients = useLoad(
    async () => (operator ? [] : await identity.organization!.oauthClients.list()),
    [],
  )
  const needsClient = !operator && filters.clientId === ''
  const page = useLoad(
    async () => (needsClient ? null : auditPage(identity, filters, cursor)),
    [filters, cursor],
  )
  const set = (key: keyof AuditFilters) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value
    setDraft((d) => ({ ...d, [key]: value }))
  }

  return (
    <>
      <h1>Audit log</h1>
      <ChainStatus identity={identity} />
      <form
        class="inline"
        aria-label="Audit filters"
        onSubmit={(e) => {
          e.preventDefault()
          setFilters(draft)
          setCursors([undefined])
        }}
      >
        {operator ? (
          <Field label="Client id">
            {(id) => <input id={id} value={draft.clientId} onInput={set('clientId')} />}
          </Field>
        ) : (
          <Field label="Client">
            {(id) => (
              <select id={id} value={draft.clientId} onChange={set('clientId')}>
                <option value="">Choose a client…</option>
                {(clients.data ?? []).map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label="Event types" hint="Comma-separated, e.g. token.force_refreshed,user.created">
          {(id, hint) => (
            <input id={id} aria-describedby={hint} value={draft.types} onInput={set('types')} />
          )}
        </Field>
        <Field label="User id">
          {(id) => (
            <input
              id={id}
              inputMode="numeric"
              pattern="[0-9]*"
              value={draft.userId}
              onInput={set('userId')}
            />
          )}
        </Field>
        <Field label="From">
          {(id) => (
            <input id={id} type="datetime-local" value={draft.since} onInput={set('since')} />
          )}
        </Field>
        <Field label="Until">
          {(id) => (
            <input id={id} type="datetime-local" value={draft.until} onInput={set('until')} />
          )}
        </Field>
        <button type="submit" class="primary">
          Apply filters
        </button>
      </form>
      <ErrorMessage error={clients.error} />
      {needsClient ? (
        <Empty>Choose a client to see its events and those of its managed users.</Empty>
      ) : null}
      <ErrorMessage error={page.error} />
      {page.loading && !page.data ? <Loading what="events" /> : null}
      {page.data && page.data.events.length === 0 ? (
        <Empty>No events match these filters.</Empty>
      ) : null}
      {page.data && page.data.events.length > 0 ? (
        <div class="table-wrap">
          <table aria-busy={page.loading}>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Type</th>
                <th scope="col">Actor</th>
                <th scope="col">Client</th>
                <th scope="col">User</th>
                <th scope="col">Details</th>
                <th scope="col">Chain</th>
              </tr>
            </thead>
            <tbody>
              {page.data.events.map((event) => (
                <tr key={event.id}>
                  <td>
                    <Time value={event.occurredAt} />
                  </td>
                  <td>
                    <code>{event.type}</code>
                  </td>
                  <td>{event.actor}</td>
                  <td>{event.clientId ?? ''}</td>
                  <td>{event.userId ?? ''}</td>
                  <td>
                    <code class="small">{JSON.stringify(event.data)}</code>
                  </td>
                  <td>{event.sealed ? `#${event.chainSeq}` : 'sealing…'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {page.data ? (
        <div class="pager" role="group" aria-label="Pages of events">
          <button
            type="button"
            disabled={cursors.length === 1}
            onClick={() => setCursors((c) => c.slice(0, -1))}
          >
            Newer events
          </button>
          <button
            type="button"
            disabled={!page.data.nextCursor}
            onClick={() => setCursors((c) => [...c, page.data!.nextCursor ?? undefined])}
          >
            Older events
          </button>
        </div>
      ) : null}
    </>
  )
}

function ChainStatus({ identity }: { identity: Identity }) {
  const [result, setResult] = useState<Awaited<ReturnType<typeof verifyChain>> | null>(null)
  const verify = useAction(async () => setResult(await verifyChain(identity)))
  if (identity.whoami.kind === 'api_key' && !identity.canWrite) return null
  return (
    <section class="panel" aria-labelledby="chain">
      <h2 id="chain">Hash chain</h2>
      <p data-testid="chain-status">
        {result === null ? (
          'Not verified yet in this session.'
        ) : result.ok ? (
          <span class="status-ok">
            Verified: {result.chains.reduce((n, c) => n + c.links, 0)} links in{' '}
            {result.chains.length} chain{result.chains.length === 1 ? '' : 's'}, intact.
          </span>
        ) : (
          <span class="status-bad">
            Broken: {result.problem?.message ?? 'a link does not match'} (chain{' '}
            {result.problem?.chainId}, seq {result.problem?.seq})
          </span>
        )}
      </p>
      <button type="button" onClick={() => void verify.run()} disabled={verify.busy}>
        {verify.busy ? 'Verifying…' : 'Verify chain'}
      </button>
      <ErrorMessage error={verify.error} />
    </section>
  )
}
