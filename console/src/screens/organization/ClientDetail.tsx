import { useState } from 'preact/hooks'
import type { OAuthClient } from '@tessera/sdk'
import { searchUsers, secretStatus } from '../../api/extras.js'
import type { Identity } from '../../api/identity.js'
import { ConfirmButton } from '../../components/ConfirmButton.js'
import { ErrorMessage } from '../../components/ErrorMessage.js'
import { Link } from '../../components/Link.js'
import { Loading } from '../../components/Loading.js'
import { SecretOnce } from '../../components/SecretOnce.js'
import { Time } from '../../components/Time.js'
import { useLoad } from '../../components/use-load.js'
import { navigate } from '../../router.js'
import { ClientForm } from './ClientForm.js'

/** One client: its settings, edit, secret rotation with grace, delete. */
export function ClientDetail({ identity, clientId }: { identity: Identity; clientId: string }) {
  const organization = identity.organization!
  const client = useLoad(() => organization.oauthClients.get(clientId), [clientId])
  const [editing, setEditing] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)

  return (
    <>
      <p class="crumbs">
        <Link to="/clients">OAuth clients</Link> /
      </p>
      <h1>{client.data ? client.data.name : 'OAuth client'}</h1>
      {client.loading && !client.data ? <Loading what="the client" /> : null}
      <ErrorMessage error={client.error} />
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      {client.data ? (
        <>
          <nav aria-label="Client sections" class="sub">
            <ul>
              <li>
                <Link to={`/clients/${encodeURIComponent(clientId)}/users`}>Managed users</Link>
              </li>
              <li>
                <Link to={`/audit?client=${encodeURIComponent(clientId)}`}>Audit log</Link>
              </li>
            </ul>
          </nav>
          {editing ? (
            <section aria-labelledby="edit-client">
              <h2 id="edit-client">Edit</h2>
              <ClientForm
                initial={client.data}
                submitLabel="Save changes"
                onCancel={() => setEditing(false)}
                onSubmit={async (values) => {
                  await organization.oauthClients.update(clientId, values)
                  setEditing(false)
                  setNotice('Saved.')
                  client.reload()
                }}
              />
            </section>
          ) : (
            <Facts client={client.data} />
          )}
          {identity.canWrite && !editing ? (
            <div class="actions">
              <button
                type="button"
                onClick={() => {
                  setNotice(null)
                  setEditing(true)
                }}
              >
                Edit
              </button>
              <DeleteClient identity={identity} client={client.data} />
            </div>
          ) : null}
          <SecretRotation identity={identity} clientId={clientId} />
        </>
      ) : null}
    </>
  )
}

function Facts({ client }: { client: OAuthClient }) {
  return (
    <dl class="facts">
      <dt>Client id</dt>
      <dd>
        <code>{client.id}</code>
      </dd>
      <dt>Created</dt>
      <dd>
        <Time value={client.createdAt} />
      </dd>
      <dt>Permissions</dt>
      <dd>{client.permissions.length > 0 ? client.permissions.join(', ') : 'none'}</dd>
      <dt>Redirect URIs</dt>
      <dd>
        {client.redirectUris.length > 0 ? (
          <ul class="plain">
            {client.redirectUris.map((uri) => (
              <li key={uri}>
                <code>{uri}</code>
              </li>
            ))}
          </ul>
        ) : (
          'none'
        )}
      </dd>
      <dt>Emails enabled</dt>
      <dd>{client.areEmailsEnabled ? 'yes' : 'no'}</dd>
    </dl>
  )
}

function DeleteClient({ identity, client }: { identity: Identity; client: OAuthClient }) {
  const users = useLoad(
    async () => (await searchUsers(identity.rest, client.id, { limit: 1, offset: 0 })).total,
    [client.id],
  )
  const count = users.data
  return (
    <ConfirmButton
      label="Delete client"
      confirm="Delete client and its users"
      danger
      action={async () => {
        await identity.organization!.oauthClients.delete(client.id)
        navigate('/clients')
      }}
    >
      <p>
        Delete <strong>{client.name}</strong>?{' '}
        {count === undefined
          ? 'Its managed users are deleted with it.'
          : count === 1
            ? '1 managed user is deleted with it, and its tokens stop working.'
            : `${count} managed users are deleted with it, and their tokens stop working.`}{' '}
        This cannot be undone.
      </p>
      <ErrorMessage error={users.error} />
    </ConfirmButton>
  )
}

function SecretRotation({ identity, clientId }: { identity: Identity; clientId: string }) {
  const organization = identity.organization!
  const status = useLoad(() => secretStatus(identity.rest, clientId), [clientId])
  const [secret, setSecret] = useState<string | null>(null)
  const grace = status.data?.previousSecretExpiresAt ?? null
  const inGrace = grace !== null && new Date(grace).getTime() > Date.now()

  return (
    <section aria-labelledby="secret">
      <h2 id="secret">Client secret</h2>
      <p class="muted">
        The secret is shown once, when created or rotated. Rotating issues a new one; the previous
        one keeps working for a grace period so deployments can switch without downtime.
      </p>
      <ErrorMessage error={status.error} />
      {secret ? <SecretOnce label="New client secret" value={secret} /> : null}
      <p data-testid="grace">
        {inGrace ? (
          <>
            The previous secret keeps working until <Time value={grace} />.
          </>
        ) : (
          'No previous secret is accepted.'
        )}
      </p>
      {identity.canWrite ? (
        <div class="actions">
          <ConfirmButton
            label="Rotate secret"
            confirm="Rotate secret"
            action={async () => {
              const rotated = await organization.oauthClients.rotateSecret(clientId)
              setSecret(rotated.clientSecret)
              status.reload()
            }}
          >
            <p>
              Issue a new secret? The current one keeps working until the grace period ends (or you
              end it early).
            </p>
          </ConfirmButton>
          {inGrace ? (
            <ConfirmButton
              label="End grace now"
              confirm="Stop accepting the previous secret"
              danger
              action={async () => {
                await organization.oauthClients.revokePreviousSecret(clientId)
                status.reload()
              }}
            >
              <p>Stop accepting the previous secret now? Anything still using it gets 401.</p>
            </ConfirmButton>
          ) : null}
        </div>
      ) : null}
    </section>
  )
}
