import { describeError } from '../api/errors.js'

/** A failed call, in the API's own words. */
export function ErrorMessage({ error }: { error: unknown }) {
  if (error === null || error === undefined) return null
  return (
    <p role="alert" class="error">
      {describeError(error)}
    </p>
  )
}
