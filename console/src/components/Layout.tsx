import type { ComponentChildren } from 'preact'
import type { Identity } from '../api/identity.js'
import { Link } from './Link.js'

interface Props {
  identity: Identity
  path: string
  onSignOut: () => void
  children: ComponentChildren
}

const OPERATOR_NAV = [
  ['/organizations', 'Organizations'],
  ['/signing-keys', 'Signing keys'],
  ['/audit', 'Audit log'],
  ['/webhooks', 'Webhooks'],
  ['/health', 'Health'],
] as const

const ORGANIZATION_NAV = [
  ['/clients', 'OAuth clients'],
  ['/audit', 'Audit log'],
  ['/webhooks', 'Webhooks'],
] as const

/** Header (who is signed in, with what rights), navigation, and the screen. */
export function Layout({ identity, path, onSignOut, children }: Props) {
  const { whoami } = identity
  const nav = whoami.kind === 'operator' ? OPERATOR_NAV : ORGANIZATION_NAV
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <span class="brand">Tessera console</span>
        <span class="who" data-testid="identity">
          {whoami.kind === 'operator' ? (
            <>
              <strong>Operator</strong> <span class="badge">all organizations</span>
            </>
          ) : (
            <>
              <strong>{whoami.organizationName}</strong>{' '}
              <span class="badge" data-testid="role">
                {whoami.role}
              </span>
              {whoami.role === 'MEMBER' ? <span class="muted"> read-only</span> : null}
            </>
          )}
        </span>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <nav aria-label="Sections">
        <ul>
          {nav.map(([to, label]) => (
            <li key={to}>
              <Link to={to} current={path === to || path.startsWith(`${to}/`)}>
                {label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  )
}
