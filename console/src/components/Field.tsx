import type { ComponentChildren } from 'preact'
import { useId } from 'preact/hooks'

interface Props {
  label: string
  hint?: string
  /** Receives the id the label points at. */
  children: (id: string, describedBy: string | undefined) => ComponentChildren
}

/** A labelled form control with an optional hint the control is described by. */
export function Field({ label, hint, children }: Props) {
  const id = useId()
  const hintId = hint ? `${id}-hint` : undefined
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children(id, hintId)}
      {hint ? (
        <small id={hintId} class="muted">
          {hint}
        </small>
      ) : null}
    </div>
  )
}
