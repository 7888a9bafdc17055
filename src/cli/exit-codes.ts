/**
 * What `tessera` exits with, so scripts can branch without parsing messages (docs/cli.md).
 * 0–2 are what the local commands always returned; 3–6 say why a remote command failed.
 */
export const EXIT = {
  ok: 0,
  /** The command ran and found a problem (a broken audit chain…), or failed unexpectedly. */
  failed: 1,
  /** Unknown command, bad or missing option or argument. */
  usage: 2,
  /** The server refused the credential: missing, wrong, revoked (401) or not allowed (403). */
  unauthorized: 3,
  /** The organization, client, user, session or key does not exist (404). */
  notFound: 4,
  /** The server refused the request as invalid or conflicting (400, 409, other 4xx). */
  refused: 5,
  /** No usable answer: unreachable, timed out, rate limited (429) or a server error (5xx). */
  unavailable: 6,
} as const
