import type { Identity } from '../../api/identity.js'
import { Empty } from '../../components/Empty.js'
import { ErrorMessage } from '../../components/ErrorMessage.js'
import { Link } from '../../components/Link.js'
import { Loading } from '../../components/Loading.js'
import { Time } from '../../components/Time.js'
import { useLoad } from '../../components/use-load.js'

/** The organization's OAuth clients. */
export function Clients({ identity }: { identity: Identity }) {
  const organization = identity.organization!
  const list = useLoad(() => organization.oauthClients.list(), [])
  return (
    <>
      <div class="title-row">
        <h1>OAuth clients</h1>
        {identity.canWrite ? (
          <Link to="/clients/new" class="button primary">
            New client
          </Link>
        ) : null}
      </div>
      {list.loading && !list.data ? <Loading what="clients" /> : null}
      <ErrorMessage error={list.error} />
      {list.data?.length === 0 ? (
        <Empty>
          No OAuth clients yet.{' '}
          {identity.canWrite
            ? 'Create one with “New client”: its secret is shown once.'
            : 'An OWNER or ADMIN key can create one.'}
        </Empty>
      ) : null}
      {list.data && list.data.length > 0 ? (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Client id</th>
                <th scope="col">Redirect URIs</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((client) => (
                <tr key={client.id}>
                  <td>
                    <Link to={`/clients/${encodeURIComponent(client.id)}`}>{client.name}</Link>
                  </td>
                  <td>
                    <code>{client.id}</code>
                  </td>
                  <td>{client.redirectUris.length}</td>
                  <td>
                    <Time value={client.createdAt} />
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
