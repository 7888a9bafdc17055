import { useState } from 'preact/hooks'
import type { CreatedApiKey } from '@tessera/sdk'
import type { Identity, Role } from '../../api/identity.js'
import { ConfirmButton } from '../../components/ConfirmButton.js'
import { Empty } from '../../components/Empty.js'
import { ErrorMessage } from '../../components/ErrorMessage.js'
import { Field } from '../../components/Field.js'
import { Link } from '../../components/Link.js'
import { Loading } from '../../components/Loading.js'
import { SecretOnce } from '../../components/SecretOnce.js'
import { Time } from '../../components/Time.js'
import { useAction } from '../../components/use-action.js'
import { useLoad } from '../../components/use-load.js'

interface ApiKeyRow {
  id: string
  role: Role
  name: string | null
  createdAt: string
  revokedAt: string | null
}

/** One organization's API keys: issue (shown once), revoke. */
export function OrganizationKeys({ identity, orgId }: { identity: Identity; orgId: number }) {
  const operator = identity.operator!
  const org = useLoad(
    async () => (await operator.organizations.list()).find((o) => o.id === orgId) ?? null,
    [orgId],
  )
  const keys = useLoad(
    () => identity.rest.data<ApiKeyRow[]>({ path: `/v2/admin/organizations/${orgId}/api-keys` }),
    [orgId],
  )
  const [role, setRole] = useState<Role>('MEMBER')
  const [name, setName] = useState('')
  const [issued, setIssued] = useState<CreatedApiKey | null>(null)
  const issue = useAction(async () => {
    setIssued(
      await operator.apiKeys.create(orgId, { role, ...(name.trim() ? { name: name.trim() } : {}) }),
    )
    setName('')
    keys.reload()
  })

  return (
    <>
      <p class="crumbs">
        <Link to="/organizations">Organizations</Link> /
      </p>
      <h1>{org.data ? org.data.name : `Organization ${orgId}`}: API keys</h1>
      <ErrorMessage error={org.error} />
      <section aria-labelledby="issue-key">
        <h2 id="issue-key">Issue a key</h2>
        <form
          class="inline"
          onSubmit={(e) => {
            e.preventDefault()
            void issue.run()
          }}
        >
          <Field
            label="Role"
            hint="OWNER and ADMIN keys manage clients and users; MEMBER keys read."
          >
            {(id, hint) => (
              <select
                id={id}
                aria-describedby={hint}
                value={role}
                onChange={(e) => setRole(e.currentTarget.value as Role)}
              >
                <option value="OWNER">OWNER</option>
                <option value="ADMIN">ADMIN</option>
                <option value="MEMBER">MEMBER</option>
              </select>
            )}
          </Field>
          <Field label="Key name (optional)">
            {(id) => (
              <input
                id={id}
                maxLength={255}
                value={name}
                onInput={(e) => setName(e.currentTarget.value)}
              />
            )}
          </Field>
          <button type="submit" class="primary" disabled={issue.busy}>
            Issue key
          </button>
        </form>
        <ErrorMessage error={issue.error} />
        {issued ? (
          <div class="created" role="status">
            <p>
              Issued a {issued.role} key{issued.name ? <> named {issued.name}</> : null}.
            </p>
            <SecretOnce label={`${issued.role} API key`} value={issued.key} />
          </div>
        ) : null}
      </section>
      <section aria-labelledby="key-list">
        <h2 id="key-list">Keys</h2>
        {keys.loading && !keys.data ? <Loading what="API keys" /> : null}
        <ErrorMessage error={keys.error} />
        {keys.data?.length === 0 ? <Empty>No keys. Issue one above.</Empty> : null}
        {keys.data && keys.data.length > 0 ? (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Role</th>
                  <th scope="col">Created</th>
                  <th scope="col">State</th>
                  <th scope="col">
                    <span class="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {keys.data.map((key) => (
                  <tr key={key.id}>
                    <td>{key.name ?? <span class="muted">unnamed ({key.id.slice(0, 8)})</span>}</td>
                    <td>{key.role}</td>
                    <td>
                      <Time value={key.createdAt} />
                    </td>
                    <td>
                      {key.revokedAt ? (
                        <>
                          revoked <Time value={key.revokedAt} />
                        </>
                      ) : (
                        'active'
                      )}
                    </td>
                    <td>
                      {key.revokedAt ? null : (
                        <ConfirmButton
                          label="Revoke"
                          confirm="Revoke key"
                          danger
                          action={async () => {
                            await operator.apiKeys.revoke(orgId, key.id)
                            keys.reload()
                          }}
                        >
                          <p>
                            Revoke the {key.role} key {key.name ? `“${key.name}”` : key.id}? It
                            stops working at once, for every script and console using it.
                          </p>
                        </ConfirmButton>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </>
  )
}
