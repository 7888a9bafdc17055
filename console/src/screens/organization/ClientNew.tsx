import { useState } from 'preact/hooks'
import type { Identity } from '../../api/identity.js'
import { Link } from '../../components/Link.js'
import { SecretOnce } from '../../components/SecretOnce.js'
import { ClientForm } from './ClientForm.js'

/** Create a client; its secret is shown once, here. */
export function ClientNew({ identity }: { identity: Identity }) {
  const organization = identity.organization!
  const [created, setCreated] = useState<{ clientId: string; clientSecret: string } | null>(null)
  return (
    <>
      <p class="crumbs">
        <Link to="/clients">OAuth clients</Link> /
      </p>
      <h1>New OAuth client</h1>
      {created ? (
        <div class="created" role="status">
          <p>
            Client created: <code>{created.clientId}</code>
          </p>
          <SecretOnce label="Client secret" value={created.clientSecret} />
          <p>
            <Link to={`/clients/${encodeURIComponent(created.clientId)}`}>Open the client</Link>
          </p>
        </div>
      ) : (
        <ClientForm
          submitLabel="Create client"
          onSubmit={async (values) => setCreated(await organization.oauthClients.create(values))}
        />
      )}
    </>
  )
}
