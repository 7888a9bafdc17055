import type { ComponentChildren } from 'preact'
import { useRef, useState } from 'preact/hooks'
import { ErrorMessage } from './ErrorMessage.js'

interface Props {
  /** The button that opens the confirmation. */
  label: string
  /** What will happen, in the dialog. */
  children: ComponentChildren
  /** The confirming button's text, e.g. "Delete client". */
  confirm: string
  action: () => Promise<unknown>
  danger?: boolean
  disabled?: boolean
  class?: string
}

/**
 * A destructive action behind a modal confirmation (the native dialog: focus is trapped and
 * Escape cancels). A failure stays in the dialog, in the API's words.
 */
export function ConfirmButton({
  label,
  children,
  confirm,
  action,
  danger,
  disabled,
  ...rest
}: Props) {
  const dialog = useRef<HTMLDialogElement>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  return (
    <>
      <button
        type="button"
        class={`${danger ? 'danger' : ''} ${rest.class ?? ''}`.trim() || undefined}
        disabled={disabled}
        onClick={() => {
          setError(null)
          dialog.current?.showModal()
        }}
      >
        {label}
      </button>
      <dialog ref={dialog} aria-label={label}>
        <div class="dialog-body">{children}</div>
        <ErrorMessage error={error} />
        <div class="actions">
          <button type="button" onClick={() => dialog.current?.close()} disabled={busy}>
            Cancel
          </button>
          <button
            type="button"
            class={danger ? 'danger' : 'primary'}
            disabled={busy}
            onClick={async () => {
              setBusy(true)
              setError(null)
              try {
                await action()
                dialog.current?.close()
              } catch (err) {
                setError(err)
              } finally {
                setBusy(false)
              }
            }}
          >
            {confirm}
          </button>
        </div>
      </dialog>
    </>
  )
}
