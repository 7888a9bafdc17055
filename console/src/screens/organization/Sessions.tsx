import type { Identity } from '../../api/identity.js'
import { ConfirmButton } from '../../components/ConfirmButton.js'
import { Empty } from '../../components/Empty.js'
import { ErrorMessage } from '../../components/ErrorMessage.js'
import { Loading } from '../../components/Loading.js'
import { Time } from '../../components/Time.js'
import { useLoad } from '../../components/use-load.js'

interface Props {
  identity: Identity
  clientId: string
  userId: number
}

/** A managed user's sessions (token families): revoke one, or sign out everywhere. */
export function Sessions({ identity, clientId, userId }: Props) {
  const sessions = identity.organization!.sessions(clientId)
  const list = useLoad(() => sessions.list(userId), [clientId, userId])
  const active = list.data?.filter((s) => !s.revoked) ?? []
  return (
    <section aria-labelledby="sessions">
      <div class="title-row">
        <h2 id="sessions">Sessions</h2>
        {identity.canWrite && active.length > 0 ? (
          <ConfirmButton
            label="Revoke all sessions"
            confirm="Revoke all"
            danger
            action={async () => {
              await sessions.revokeAll(userId)
              list.reload()
            }}
          >
            <p>
              Revoke all {active.length} active session{active.length === 1 ? '' : 's'}? The user is
              signed out everywhere: every access and refresh token stops working at once.
            </p>
          </ConfirmButton>
        ) : null}
      </div>
      {list.loading && !list.data ? <Loading what="sessions" /> : null}
      <ErrorMessage error={list.error} />
      {list.data?.length === 0 ? (
        <Empty>No sessions: the user has no tokens. A force refresh starts one.</Empty>
      ) : null}
      {list.data && list.data.length > 0 ? (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Session</th>
                <th scope="col">Started</th>
                <th scope="col">Last refreshed</th>
                <th scope="col">Generation</th>
                <th scope="col">Refresh token expires</th>
                <th scope="col">Client</th>
                <th scope="col">State</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((session) => (
                <tr key={session.id}>
                  <td>
                    <code title={session.id}>{session.id.slice(0, 8)}</code>
                    <div class="muted">{session.origin.replace('_', ' ')}</div>
                  </td>
                  <td>
                    <Time value={session.createdAt} />
                  </td>
                  <td>
                    <Time value={session.lastRefreshedAt} />
                  </td>
                  <td>{session.generation}</td>
                  <td>
                    <Time value={session.refreshTokenExpiresAt} />
                  </td>
                  <td>
                    <code>{clientId}</code>
                  </td>
                  <td>
                    {session.revoked ? (
                      <>
                        revoked{session.revokedReason ? ` (${session.revokedReason})` : ''}{' '}
                        <Time value={session.revokedAt} />
                      </>
                    ) : (
                      'active'
                    )}
                  </td>
                  <td>
                    {identity.canWrite && !session.revoked ? (
                      <ConfirmButton
                        label="Revoke"
                        confirm="Revoke session"
                        danger
                        action={async () => {
                          await sessions.revoke(userId, session.id)
                          list.reload()
                        }}
                      >
                        <p>
                          Revoke session <code>{session.id}</code>? Its access and refresh tokens
                          stop working at once.
                        </p>
                      </ConfirmButton>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  )
}
