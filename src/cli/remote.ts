import {
  AuthenticationError,
  ConnectionError,
  NotFoundError,
  OperatorClient,
  OrganizationClient,
  PermissionDeniedError,
  RateLimitedError,
  ServerError,
  TesseraApiError,
  TesseraClient,
  type TesseraError,
  type ManagedUsers,
  type Sessions,
  type TransportOptions,
} from '@tessera/sdk'
import { UsageError, type CommandInput } from './command.js'
import { EXIT } from './exit-codes.js'

/**
 * Remote commands talk to a running Tessera through the SDK. The URL comes from `--url` or
 * TESSERA_URL; keys only from the environment, never from flags, which shells keep in their
 * history and `ps` shows to every user of the machine.
 */
export function isRemote(input: CommandInput): boolean {
  return input.values.url !== undefined || Boolean(input.env.TESSERA_URL)
}

function transport(input: CommandInput): TransportOptions {
  const url = (input.values.url as string | undefined) ?? input.env.TESSERA_URL
  if (!url) throw new UsageError('Give the server with --url <url> (or TESSERA_URL)')
  try {
    new URL(url)
  } catch {
    throw new UsageError(`--url must be a URL like https://tessera.example.com, not ${url}`)
  }
  return { baseUrl: url }
}

function required(input: CommandInput, variable: string, what: string): string {
  const value = input.env[variable]
  if (!value) throw new UsageError(`Set ${variable} to ${what}`)
  return value
}

export function operatorClient(input: CommandInput): OperatorClient {
  const operatorKey = required(input, 'TESSERA_ADMIN_KEY', 'the operator key')
  return new OperatorClient({ ...transport(input), operatorKey })
}

export function organizationClient(input: CommandInput): OrganizationClient {
  const apiKey = required(input, 'TESSERA_API_KEY', "an organization's API key")
  return new OrganizationClient({ ...transport(input), apiKey })
}

/**
 * Access to one OAuth client's users, sessions and events: with an organization API key
 * (TESSERA_API_KEY, OWNER or ADMIN), or else with that client's secret (TESSERA_CLIENT_SECRET).
 */
export function clientAccess(input: CommandInput, clientId: string) {
  const options = transport(input)
  const apiKey = input.env.TESSERA_API_KEY
  if (apiKey) {
    const org = new OrganizationClient({ ...options, apiKey })
    return {
      users: org.users(clientId) as ManagedUsers,
      sessions: org.sessions(clientId) as Sessions,
      events: (o: Parameters<OrganizationClient['events']>[1]) => org.events(clientId, o),
    }
  }
  const clientSecret = input.env.TESSERA_CLIENT_SECRET
  if (!clientSecret) {
    throw new UsageError(
      "Set TESSERA_API_KEY to an organization's API key, or TESSERA_CLIENT_SECRET to the client's secret",
    )
  }
  const client = new TesseraClient({ ...options, clientId, clientSecret })
  return {
    users: client.users,
    sessions: client.sessions,
    events: (o: Parameters<TesseraClient['events']>[0]) => client.events(o),
  }
}

/** The exit code and message for an error of a remote command. */
export function describeRemoteFailure(err: TesseraError): { code: number; message: string } {
  if (err instanceof TesseraApiError) {
    const where = `HTTP ${err.status} ${err.code}${err.requestId ? `, request ${err.requestId}` : ''}`
    const message = `${err.message} (${where})`
    if (err instanceof AuthenticationError || err instanceof PermissionDeniedError) {
      return { code: EXIT.unauthorized, message }
    }
    if (err instanceof NotFoundError) return { code: EXIT.notFound, message }
    if (err instanceof RateLimitedError || err instanceof ServerError) {
      return { code: EXIT.unavailable, message }
    }
    return { code: EXIT.refused, message }
  }
  if (err instanceof ConnectionError) return { code: EXIT.unavailable, message: err.message }
  return { code: EXIT.failed, message: err.message }
}

/** A positive whole number from an option or argument, or a usage error naming it. */
export function idArgument(name: string, value: string | undefined): number {
  if (
    value === undefined ||
    !/^\d+$/.test(value) ||
    Number(value) < 1 ||
    !Number.isSafeInteger(Number(value))
  ) {
    throw new UsageError(`${name} must be a positive whole number${value ? `, not ${value}` : ''}`)
  }
  return Number(value)
}
