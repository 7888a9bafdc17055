import { OrganizationClient, TesseraClient, type ImportDocument } from '@tessera/sdk'

type ImportedClient = ImportDocument['clients'][number]

export interface CalcomSource {
  /** Cal.com's API (`https://api.cal.com`), or another Tessera: the same wire. */
  readonly baseUrl: string
  readonly clientId: string
  /** The client's secret: reads its users (`x-cal-secret-key`) and is imported as it is. */
  readonly clientSecret: string
  /** An API key of the client's organization: reads the client's own record. */
  readonly apiKey: string
}

/** Cal.com's documented maximum is 250, but older deployments cap `limit` at 100. */
const PAGE = 100

/**
 * One OAuth client and all its managed users, read from Cal.com's Platform API with the
 * customer's credentials: `GET /v2/oauth-clients/{clientId}` (with the organization's API key) and
 * `GET /v2/oauth-clients/{clientId}/users` page by page (`limit`/`offset`, with the secret).
 */
export async function readCalcomClient(
  source: CalcomSource,
  progress: (users: number) => void = () => {},
): Promise<ImportedClient> {
  const organization = new OrganizationClient({ baseUrl: source.baseUrl, apiKey: source.apiKey })
  const record = await organization.oauthClients.get(source.clientId)
  const client = new TesseraClient({
    baseUrl: source.baseUrl,
    clientId: source.clientId,
    clientSecret: source.clientSecret,
  })
  const users: ImportedClient['users'] = []
  for (let offset = 0; ; offset += PAGE) {
    const page = await client.users.list({ limit: PAGE, offset })
    users.push(...page)
    progress(users.length)
    if (page.length < PAGE) break
  }
  return {
    id: record.id,
    secret: source.clientSecret,
    name: record.name,
    redirectUris: record.redirectUris,
    permissions: record.permissions,
    logo: record.logo,
    bookingRedirectUri: record.bookingRedirectUri ?? null,
    bookingCancelRedirectUri: record.bookingCancelRedirectUri ?? null,
    bookingRescheduleRedirectUri: record.bookingRescheduleRedirectUri ?? null,
    areEmailsEnabled: record.areEmailsEnabled,
    areDefaultEventTypesEnabled: record.areDefaultEventTypesEnabled,
    areCalendarEventsEnabled: record.areCalendarEventsEnabled,
    createdAt: record.createdAt,
    users,
  }
}
