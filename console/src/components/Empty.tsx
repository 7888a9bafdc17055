import type { ComponentChildren } from 'preact'

/** Nothing to list yet, and what to do about it. */
export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>
}
