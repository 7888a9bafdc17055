import type { Identity } from './api/identity.js'
import { Link } from './components/Link.js'
import { match } from './router.js'
import { AuditLog } from './screens/AuditLog.js'
import { Health } from './screens/operator/Health.js'
import { OrganizationKeys } from './screens/operator/OrganizationKeys.js'
import { Organizations } from './screens/operator/Organizations.js'
import { SigningKeys } from './screens/operator/SigningKeys.js'
import { ClientDetail } from './screens/organization/ClientDetail.js'
import { ClientNew } from './screens/organization/ClientNew.js'
import { Clients } from './screens/organization/Clients.js'
import { UserDetail } from './screens/organization/UserDetail.js'
import { Users } from './screens/organization/Users.js'
import { WebhookDetail } from './screens/webhooks/WebhookDetail.js'
import { Webhooks } from './screens/webhooks/Webhooks.js'

interface Props {
  identity: Identity
  path: string
}

/** The screen for `path`, among those the signed-in key's kind and role may open. */
export function Screens({ identity, path }: Props) {
  const screen =
    identity.whoami.kind === 'operator'
      ? operatorScreen(identity, path)
      : organizationScreen(identity, path)
  return screen ?? sharedScreen(identity, path) ?? <NotFound path={path} />
}

/** Screens both kinds of key have, each at its own level. */
function sharedScreen(identity: Identity, path: string) {
  if (match('/audit', path)) return <AuditLog identity={identity} />
  if (match('/webhooks', path)) return <Webhooks identity={identity} />
  const webhook = match('/webhooks/:webhookId', path)
  if (webhook)
    return <WebhookDetail key={path} identity={identity} webhookId={webhook.webhookId!} />
  return null
}

function operatorScreen(identity: Identity, path: string) {
  if (match('/organizations', path)) return <Organizations identity={identity} />
  const org = match('/organizations/:orgId', path)
  if (org && /^\d+$/.test(org.orgId!)) {
    return <OrganizationKeys key={org.orgId} identity={identity} orgId={Number(org.orgId)} />
  }
  if (match('/signing-keys', path)) return <SigningKeys identity={identity} />
  if (match('/health', path)) return <Health identity={identity} />
  return null
}

function organizationScreen(identity: Identity, path: string) {
  if (match('/clients', path)) return <Clients identity={identity} />
  if (match('/clients/new', path)) {
    return identity.canWrite ? <ClientNew identity={identity} /> : <ReadOnly />
  }
  const client = match('/clients/:clientId', path)
  if (client) return <ClientDetail key={path} identity={identity} clientId={client.clientId!} />
  const users = match('/clients/:clientId/users', path)
  if (users) return <Users key={path} identity={identity} clientId={users.clientId!} />
  const user = match('/clients/:clientId/users/:userId', path)
  if (user && /^\d+$/.test(user.userId!)) {
    return (
      <UserDetail
        key={path}
        identity={identity}
        clientId={user.clientId!}
        userId={Number(user.userId)}
      />
    )
  }
  return null
}

function ReadOnly() {
  return (
    <>
      <h1>Read-only key</h1>
      <p>
        This MEMBER key can read but not change anything. Sign in with an OWNER or ADMIN key to do
        this. <Link to="/clients">Back to the clients</Link>.
      </p>
    </>
  )
}

function NotFound({ path }: { path: string }) {
  return (
    <>
      <h1>Not found</h1>
      <p>
        There is no screen at <code>{path}</code> for this key. <Link to="/">Go to the start</Link>.
      </p>
    </>
  )
}
