import { TesseraApiError, TesseraError } from '@tessera/sdk'

/** The text to show for a failed call: the API's own message, with its status and code. */
export function describeError(error: unknown): string {
  if (error instanceof TesseraApiError) {
    return `${error.message} (${error.status} ${error.code})`
  }
  if (error instanceof TesseraError || error instanceof Error) return error.message
  return String(error)
}
