import { useState } from 'preact/hooks'
import type { CreatedOrganization } from '@tessera/sdk'
import type { Identity } from '../../api/identity.js'
import { Empty } from '../../components/Empty.js'
import { ErrorMessage } from '../../components/ErrorMessage.js'
import { Field } from '../../components/Field.js'
import { Link } from '../../components/Link.js'
import { Loading } from '../../components/Loading.js'
import { SecretOnce } from '../../components/SecretOnce.js'
import { Time } from '../../components/Time.js'
import { useAction } from '../../components/use-action.js'
import { useLoad } from '../../components/use-load.js'

/** Every organization of the instance; create one (its OWNER key shown once). */
export function Organizations({ identity }: { identity: Identity }) {
  const operator = identity.operator!
  const list = useLoad(() => operator.organizations.list(), [])
  const [name, setName] = useState('')
  const [created, setCreated] = useState<CreatedOrganization | null>(null)
  const create = useAction(async () => {
    setCreated(await operator.organizations.create(name.trim()))
    setName('')
    list.reload()
  })

  return (
    <>
      <h1>Organizations</h1>
      <section aria-labelledby="create-org">
        <h2 id="create-org">Create an organization</h2>
        <form
          class="inline"
          onSubmit={(e) => {
            e.preventDefault()
            void create.run()
          }}
        >
          <Field label="Organization name">
            {(id) => (
              <input
                id={id}
                required
                maxLength={255}
                value={name}
                onInput={(e) => setName(e.currentTarget.value)}
              />
            )}
          </Field>
          <button type="submit" class="primary" disabled={create.busy || name.trim() === ''}>
            Create organization
          </button>
        </form>
        <ErrorMessage error={create.error} />
        {created ? (
          <div class="created" role="status">
            <p>
              Created <strong>{created.name}</strong> (id {created.id}). Its first key has the OWNER
              role: hand it to the organization.
            </p>
            <SecretOnce label="OWNER API key" value={created.apiKey} />
          </div>
        ) : null}
      </section>
      <section aria-labelledby="org-list">
        <h2 id="org-list">All organizations</h2>
        {list.loading && !list.data ? <Loading what="organizations" /> : null}
        <ErrorMessage error={list.error} />
        {list.data?.length === 0 ? (
          <Empty>
            No organizations yet. Create the first one above; its OWNER key is shown once.
          </Empty>
        ) : null}
        {list.data && list.data.length > 0 ? (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Id</th>
                  <th scope="col">Name</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {list.data.map((org) => (
                  <tr key={org.id}>
                    <td>{org.id}</td>
                    <td>
                      <Link to={`/organizations/${org.id}`}>{org.name}</Link>
                    </td>
                    <td>
                      <Time value={org.createdAt} />
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
