import { Fragment } from 'preact'
import { useState } from 'preact/hooks'
import type { ManagedUser, UpdateManagedUserInput } from '@tessera/sdk'
import type { Identity } from '../../api/identity.js'
import { ConfirmButton } from '../../components/ConfirmButton.js'
import { ErrorMessage } from '../../components/ErrorMessage.js'
import { Field } from '../../components/Field.js'
import { Link } from '../../components/Link.js'
import { Loading } from '../../components/Loading.js'
import { Time } from '../../components/Time.js'
import { useAction } from '../../components/use-action.js'
import { useLoad } from '../../components/use-load.js'
import { navigate } from '../../router.js'
import { Sessions } from './Sessions.js'

interface Props {
  identity: Identity
  clientId: string
  userId: number
}

/** One managed user: profile (view, edit), force-refresh, delete, and its sessions. */
export function UserDetail({ identity, clientId, userId }: Props) {
  const users = identity.organization!.users(clientId)
  const user = useLoad(() => users.get(userId), [clientId, userId])
  const [editing, setEditing] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  const [sessionsVersion, setSessionsVersion] = useState(0)
  const base = `/clients/${encodeURIComponent(clientId)}`

  return (
    <>
      <p class="crumbs">
        <Link to="/clients">OAuth clients</Link> / <Link to={base}>{clientId}</Link> /{' '}
        <Link to={`${base}/users`}>Managed users</Link> /
      </p>
      <h1>{user.data ? user.data.name || user.data.email : `Managed user ${userId}`}</h1>
      {user.loading && !user.data ? <Loading what="the user" /> : null}
      <ErrorMessage error={user.error} />
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      {user.data && editing ? (
        <EditProfile
          user={user.data}
          onCancel={() => setEditing(false)}
          onSave={async (changes) => {
            // the server checks each field and answers a 400 naming what it refuses
            await users.update(userId, changes as UpdateManagedUserInput)
            setEditing(false)
            setNotice('Profile saved.')
            user.reload()
          }}
        />
      ) : null}
      {user.data && !editing ? <Profile user={user.data} /> : null}
      {user.data && !editing ? (
        <div class="actions">
          <button
            type="button"
            onClick={() => {
              setNotice(null)
              setEditing(true)
            }}
          >
            Edit profile
          </button>
          <ConfirmButton
            label="Force refresh"
            confirm="Force refresh"
            action={async () => {
              await users.forceRefresh(userId)
              setNotice(
                'Force-refreshed: every earlier session is revoked and a new token pair was issued (the platform gets its tokens from its own force-refresh call; they are not shown here).',
              )
              setSessionsVersion((v) => v + 1)
            }}
          >
            <p>
              Force refresh <strong>{user.data.email}</strong>? Every current session is revoked
              (its tokens stop working at once) and a new session starts.
            </p>
          </ConfirmButton>
          <ConfirmButton
            label="Delete user"
            confirm="Delete user"
            danger
            action={async () => {
              await users.delete(userId)
              navigate(`${base}/users`)
            }}
          >
            <p>
              Delete <strong>{user.data.email}</strong>? Its sessions end and its tokens stop
              working. This cannot be undone.
            </p>
          </ConfirmButton>
        </div>
      ) : null}
      {user.data ? (
        <Sessions key={sessionsVersion} identity={identity} clientId={clientId} userId={userId} />
      ) : null}
    </>
  )
}

function Profile({ user }: { user: ManagedUser }) {
  const rows: [string, string | number | null][] = [
    ['Id', user.id],
    ['Email', user.email],
    ['Name', user.name],
    ['Username', user.username],
    ['Time zone', user.timeZone],
    ['Week start', user.weekStart],
    ['Time format', user.timeFormat],
    ['Locale', user.locale],
    ['Bio', user.bio],
    ['Avatar URL', user.avatarUrl],
  ]
  return (
    <dl class="facts">
      {rows.map(([label, value]) => (
        <Fragment key={label}>
          <dt>{label}</dt>
          <dd>{value === null || value === '' ? <span class="muted">—</span> : String(value)}</dd>
        </Fragment>
      ))}
      <dt>Created</dt>
      <dd>
        <Time value={user.createdDate} />
      </dd>
    </dl>
  )
}

interface ProfileChanges {
  email?: string
  name?: string
  timeZone?: string
  weekStart?: string
  locale?: string
  bio?: string
  avatarUrl?: string
}

function EditProfile({
  user,
  onSave,
  onCancel,
}: {
  user: ManagedUser
  onSave: (changes: ProfileChanges) => Promise<void>
  onCancel: () => void
}) {
  const fields = [
    ['email', 'Email', user.email],
    ['name', 'Name', user.name ?? ''],
    ['timeZone', 'Time zone', user.timeZone],
    ['weekStart', 'Week start', user.weekStart],
    ['locale', 'Locale', user.locale ?? ''],
    ['bio', 'Bio', user.bio ?? ''],
    ['avatarUrl', 'Avatar URL', user.avatarUrl ?? ''],
  ] as const
  const [values, setValues] = useState<Record<string, string>>(
    Object.fromEntries(fields.map(([key, , value]) => [key, value])),
  )
  const save = useAction(async () => {
    // only what changed is sent
    const changes: Record<string, string> = {}
    for (const [key, , initial] of fields) {
      if (values[key] !== initial) changes[key] = values[key]!.trim()
    }
    await onSave(changes)
  })
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        void save.run()
      }}
    >
      {fields.map(([key, label]) => (
        <Field key={key} label={label}>
          {(id) => (
            <input
              id={id}
              value={values[key]}
              onInput={(e) => {
                const value = e.currentTarget.value
                setValues((v) => ({ ...v, [key]: value }))
              }}
            />
          )}
        </Field>
      ))}
      <ErrorMessage error={save.error} />
      <div class="actions">
        <button type="submit" class="primary" disabled={save.busy}>
          Save profile
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
