import type { RequestSpec, Transport } from '../http/transport.js'
import type { AuditEvent, AuditPage } from '../types.js'

export interface AuditListOptions {
  /** 1–500, default 100. */
  readonly limit?: number
  /** `nextCursor` of the previous page. */
  readonly cursor?: string
  /** Only these event types (e.g. `token.reuse_detected`). */
  readonly types?: readonly string[]
  readonly signal?: AbortSignal
}

/** One page of audit events from `path`, newest first. */
export function auditPage(
  transport: Transport,
  path: string,
  headers: Readonly<Record<string, string>>,
  options: AuditListOptions,
  extraQuery: RequestSpec['query'] = {},
): Promise<AuditPage> {
  return transport.data({
    method: 'GET',
    path,
    query: {
      ...extraQuery,
      limit: options.limit,
      cursor: options.cursor,
      types: options.types?.join(','),
    },
    headers,
    idempotent: true,
    signal: options.signal,
  })
}

/** Every event, page after page, newest first. */
export async function* auditEvents(
  fetchPage: (cursor: string | undefined) => Promise<AuditPage>,
): AsyncGenerator<AuditEvent> {
  let cursor: string | undefined
  do {
    const page = await fetchPage(cursor)
    yield* page.events
    cursor = page.nextCursor ?? undefined
  } while (cursor !== undefined)
}
