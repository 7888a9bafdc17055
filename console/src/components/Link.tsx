import type { ComponentChildren } from 'preact'
import { BASE, navigate } from '../router.js'

interface Props {
  to: string
  children: ComponentChildren
  class?: string
  current?: boolean
}

/** An in-app link: a real href (open in a new tab works), navigated without a reload. */
export function Link({ to, children, class: className, current }: Props) {
  return (
    <a
      href={BASE + to}
      class={className}
      aria-current={current ? 'page' : undefined}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return
        event.preventDefault()
        navigate(to)
      }}
    >
      {children}
    </a>
  )
}
