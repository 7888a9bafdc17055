import type { AuditPage, AuditVerification } from '@tessera/sdk'
import type { Identity } from './identity.js'

export interface AuditFilters {
  /** Required for organization keys (the API lists a client's events). */
  clientId: string
  types: string
  userId: string
  /** datetime-local values (local time), or '' */
  since: string
  until: string
}

export type { AuditPage, AuditVerification }

const iso = (local: string) => (local ? new Date(local).toISOString() : undefined)

/** One page of audit events, newest first, with the signed-in key's endpoint. */
export function auditPage(identity: Identity, filters: AuditFilters, cursor: string | undefined) {
  const query = {
    limit: 50,
    cursor,
    types: filters.types.replace(/\s+/g, '') || undefined,
    userId: filters.userId.trim() || undefined,
    since: iso(filters.since),
    until: iso(filters.until),
  }
  if (identity.whoami.kind === 'operator') {
    return identity.rest.data<AuditPage>({
      path: '/v2/admin/audit',
      query: { ...query, clientId: filters.clientId.trim() || undefined },
    })
  }
  return identity.rest.data<AuditPage>({
    path: `/v2/oauth-clients/${encodeURIComponent(filters.clientId)}/events`,
    query,
  })
}

/** Verifies the hash chain the key may see: the whole instance, or its organization's. */
export function verifyChain(identity: Identity) {
  const { whoami } = identity
  return identity.rest.data<AuditVerification>({
    method: 'POST',
    path:
      whoami.kind === 'operator'
        ? '/v2/admin/audit/verify'
        : `/v2/organizations/${whoami.organizationId}/audit/verify`,
  })
}
