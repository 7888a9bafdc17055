/**
 * Whether the request a piece of work serves has been given up on (answered 503 at its
 * deadline). Work that has not started yet checks it and does not start.
 */
export interface Deadline {
  readonly aborted: boolean
}
