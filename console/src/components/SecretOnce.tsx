import { useId } from 'preact/hooks'
import { CopyButton } from './CopyButton.js'

/**
 * A secret the server returns once (API key, client secret, webhook secret): shown here with a
 * copy button and never again. Leaving the screen forgets it.
 */
export function SecretOnce({ label, value }: { label: string; value: string }) {
  const id = useId()
  return (
    <div class="secret" role="region" aria-label={label}>
      <label for={id}>{label}</label>
      <div class="secret-row">
        <input
          id={id}
          readOnly
          value={value}
          spellcheck={false}
          autoComplete="off"
          onFocus={(e) => e.currentTarget.select()}
        />
        <CopyButton value={value} label={`Copy ${label.toLowerCase()}`} />
      </div>
      <p class="warning">Copy it now: it is shown only this once and cannot be displayed again.</p>
    </div>
  )
}
