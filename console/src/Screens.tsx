import type { Identity } from './api/identity.js'
import { Link } from './components/Link.js'
import { match } from './router.js'
import { OrganizationKeys } from './screens/operator/OrganizationKeys.js'
import { Organizations } from './screens/operator/Organizations.js'
import { Clients } from './screens/organization/Clients.js'

interface Props {
  identity: Identity
  path: string
}

/** The screen for `path`, among those the signed-in key's kind may open. */
export function Screens({ identity, path }: Props) {
  const screen =
    identity.whoami.kind === 'operator'
      ? operatorScreen(identity, path)
      : organizationScreen(identity, path)
  return screen ?? <NotFound path={path} />
}

function operatorScreen(identity: Identity, path: string) {
  if (match('/organizations', path)) return <Organizations identity={identity} />
  const org = match('/organizations/:orgId', path)
  if (org && /^\d+$/.test(org.orgId!)) {
    return <OrganizationKeys key={org.orgId} identity={identity} orgId={Number(org.orgId)} />
  }
  return null
}

function organizationScreen(identity: Identity, path: string) {
  if (match('/clients', path)) return <Clients identity={identity} />
  return null
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
