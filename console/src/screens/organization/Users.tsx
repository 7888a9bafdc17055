import { useEffect, useState } from 'preact/hooks'
import { searchUsers } from '../../api/extras.js'
import type { Identity } from '../../api/identity.js'
import { Empty } from '../../components/Empty.js'
import { ErrorMessage } from '../../components/ErrorMessage.js'
import { Field } from '../../components/Field.js'
import { Link } from '../../components/Link.js'
import { Loading } from '../../components/Loading.js'
import { Pager } from '../../components/Pager.js'
import { Time } from '../../components/Time.js'
import { useAction } from '../../components/use-action.js'
import { useLoad } from '../../components/use-load.js'
import { navigate } from '../../router.js'

const PAGE = 50

/** A client's managed users: search by email or name, one page at a time, create. */
export function Users({ identity, clientId }: { identity: Identity; clientId: string }) {
  const [typed, setTyped] = useState('')
  const [query, setQuery] = useState('')
  const [offset, setOffset] = useState(0)
  // search as you type, once typing pauses
  useEffect(() => {
    const timer = setTimeout(() => {
      setQuery(typed.trim())
      setOffset(0)
    }, 250)
    return () => clearTimeout(timer)
  }, [typed])
  const page = useLoad(
    () => searchUsers(identity.rest, clientId, { q: query, limit: PAGE, offset }),
    [clientId, query, offset],
  )
  const base = `/clients/${encodeURIComponent(clientId)}`

  return (
    <>
      <p class="crumbs">
        <Link to="/clients">OAuth clients</Link> / <Link to={base}>{clientId}</Link> /
      </p>
      <h1>Managed users</h1>
      {identity.canWrite ? <CreateUser identity={identity} clientId={clientId} /> : null}
      <form role="search" onSubmit={(e) => e.preventDefault()}>
        <Field label="Search by email or name">
          {(id) => (
            <input
              id={id}
              type="search"
              value={typed}
              onInput={(e) => setTyped(e.currentTarget.value)}
            />
          )}
        </Field>
      </form>
      <ErrorMessage error={page.error} />
      {page.loading && !page.data ? <Loading what="managed users" /> : null}
      {page.data && page.data.total === 0 ? (
        <Empty>
          {query
            ? `No managed user matches “${query}”.`
            : identity.canWrite
              ? 'No managed users yet. Create one above, or let the platform create them through the API.'
              : 'No managed users yet.'}
        </Empty>
      ) : null}
      {page.data && page.data.total > 0 ? (
        <>
          <Pager
            what="users"
            offset={offset}
            limit={PAGE}
            total={page.data.total}
            shown={page.data.users.length}
            onChange={setOffset}
          />
          <div class="table-wrap">
            <table aria-busy={page.loading}>
              <thead>
                <tr>
                  <th scope="col">Id</th>
                  <th scope="col">Email</th>
                  <th scope="col">Name</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {page.data.users.map((user) => (
                  <tr key={user.id}>
                    <td>
                      <Link to={`${base}/users/${user.id}`}>{user.id}</Link>
                    </td>
                    <td>{user.email}</td>
                    <td>{user.name ?? ''}</td>
                    <td>
                      <Time value={user.createdDate} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </>
  )
}

function CreateUser({ identity, clientId }: { identity: Identity; clientId: string }) {
  const [email, setEmail] = useState('')
  const [name, setName] = useState('')
  const [timeZone, setTimeZone] = useState('')
  const create = useAction(async () => {
    const created = await identity.organization!.users(clientId).create({
      email: email.trim(),
      name: name.trim(),
      ...(timeZone.trim() ? { timeZone: timeZone.trim() } : {}),
    })
    navigate(`/clients/${encodeURIComponent(clientId)}/users/${created.user.id}`)
  })
  return (
    <details class="panel">
      <summary>Create a managed user</summary>
      <form
        class="inline"
        onSubmit={(e) => {
          e.preventDefault()
          void create.run()
        }}
      >
        <Field label="Email">
          {(id) => (
            <input
              id={id}
              type="email"
              required
              value={email}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label="Name">
          {(id) => (
            <input id={id} required value={name} onInput={(e) => setName(e.currentTarget.value)} />
          )}
        </Field>
        <Field label="Time zone (optional)">
          {(id) => (
            <input
              id={id}
              placeholder="Europe/London"
              value={timeZone}
              onInput={(e) => setTimeZone(e.currentTarget.value)}
            />
          )}
        </Field>
        <button type="submit" class="primary" disabled={create.busy}>
          Create user
        </button>
      </form>
      <ErrorMessage error={create.error} />
    </details>
  )
}
