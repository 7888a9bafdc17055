import { useState } from 'preact/hooks'
import { ErrorMessage } from '../components/ErrorMessage.js'
import { Field } from '../components/Field.js'

interface Props {
  onSignIn: (key: string) => Promise<void>
  /** Why the previous key was dropped (e.g. it was revoked). */
  notice?: string | null
}

/** Paste the operator key or an organization API key; it stays in this tab only. */
export function SignIn({ onSignIn, notice }: Props) {
  const [key, setKey] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  return (
    <main id="main" class="sign-in">
      <h1>Tessera console</h1>
      <p>
        Sign in with the instance's <strong>operator key</strong> (<code>TESSERA_ADMIN_KEY</code>)
        or an <strong>organization API key</strong> (<code>tsr_ak_…</code>).
      </p>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <form
        onSubmit={async (event) => {
          event.preventDefault()
          setBusy(true)
          setError(null)
          try {
            await onSignIn(key.trim())
          } catch (err) {
            setError(err)
            setBusy(false)
          }
        }}
      >
        <Field
          label="Key"
          hint="Kept in this browser tab's session storage only: closing the tab or signing out forgets it."
        >
          {(id, describedBy) => (
            <input
              id={id}
              type="password"
              name="key"
              required
              autoComplete="off"
              spellcheck={false}
              aria-describedby={describedBy}
              value={key}
              onInput={(e) => setKey(e.currentTarget.value)}
            />
          )}
        </Field>
        <ErrorMessage error={error} />
        <button type="submit" class="primary" disabled={busy || key.trim() === ''}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  )
}
