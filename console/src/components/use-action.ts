import { useState } from 'preact/hooks'

export interface Action<A extends unknown[]> {
  busy: boolean
  error: unknown
  run: (...args: A) => Promise<void>
  clearError: () => void
}

/** A user-triggered call: busy while it runs (buttons disable), its failure kept to show. */
export function useAction<A extends unknown[]>(
  perform: (...args: A) => Promise<unknown>,
): Action<A> {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  return {
    busy,
    error,
    clearError: () => setError(null),
    run: async (...args: A) => {
      setBusy(true)
      setError(null)
      try {
        await perform(...args)
      } catch (err) {
        setError(err)
      } finally {
        setBusy(false)
      }
    },
  }
}
