import type { ImportDocument, ImportReport } from '@tessera/sdk'

type ImportedClient = ImportDocument['clients'][number]

/** Well under the server's 1 MiB body limit, with room for the client record. */
const MAX_PART_BYTES = 768 * 1024

export interface Part {
  readonly document: ImportDocument
  /** The first part of its client: the one whose client outcome counts. */
  readonly firstOfClient: boolean
  readonly users: number
}

/**
 * Splits a document into requests the server takes: each part is one client with as many of its
 * users as fit. Every part repeats the client record (identical, so the server skips it after the
 * first), which keeps each part importable on its own and a dry run right in every part.
 */
export function* parts(document: ImportDocument): Generator<Part> {
  for (const { users = [], ...client } of document.clients as ImportedClient[]) {
    const base = Buffer.byteLength(JSON.stringify(client)) + 64
    let chunk: typeof users = []
    let size = base
    let first = true
    for (const user of users) {
      const bytes = Buffer.byteLength(JSON.stringify(user)) + 1
      if (chunk.length > 0 && size + bytes > MAX_PART_BYTES) {
        yield {
          document: { clients: [{ ...client, users: chunk }] },
          firstOfClient: first,
          users: chunk.length,
        }
        first = false
        chunk = []
        size = base
      }
      chunk.push(user)
      size += bytes
    }
    if (first || chunk.length > 0) {
      yield {
        document: { clients: [{ ...client, users: chunk }] },
        firstOfClient: first,
        users: chunk.length,
      }
    }
  }
}

/** Adds one part's report to the total: a client counts once (its first part), users always. */
export function addReport(total: ImportReport, part: ImportReport, firstOfClient: boolean): void {
  if (firstOfClient) {
    total.clients.created += part.clients.created
    total.clients.unchanged += part.clients.unchanged
    total.clients.conflicts += part.clients.conflicts
  }
  total.users.created += part.users.created
  total.users.unchanged += part.users.unchanged
  total.users.conflicts += part.users.conflicts
  total.conflicts.push(...part.conflicts.filter((c) => c.record === 'user' || firstOfClient))
}

export function emptyReport(dryRun: boolean): ImportReport {
  return {
    dryRun,
    clients: { created: 0, unchanged: 0, conflicts: 0 },
    users: { created: 0, unchanged: 0, conflicts: 0 },
    conflicts: [],
  }
}
