import { useEffect, useState } from 'preact/hooks'

/** Where the server mounts the console; every in-app path is relative to it. */
export const BASE = '/console'
const EVENT = 'console:navigate'

function currentPath(): string {
  const path = location.pathname
  if (!path.startsWith(BASE)) return '/'
  const rest = path.slice(BASE.length)
  return rest === '' ? '/' : rest
}

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  history[options.replace ? 'replaceState' : 'pushState'](null, '', BASE + path)
  dispatchEvent(new Event(EVENT))
  window.scrollTo(0, 0)
}

/** The current in-app path, re-rendering on links, back and forward. */
export function usePath(): string {
  const [path, setPath] = useState(currentPath)
  useEffect(() => {
    const update = () => setPath(currentPath())
    addEventListener('popstate', update)
    addEventListener(EVENT, update)
    return () => {
      removeEventListener('popstate', update)
      removeEventListener(EVENT, update)
    }
  }, [])
  return path
}

/** `/clients/:id` against `/clients/abc` gives `{id: "abc"}`; null when it does not match. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean)
  const got = path.split('/').filter(Boolean)
  if (want.length !== got.length) return null
  const params: Record<string, string> = {}
  for (let i = 0; i < want.length; i++) {
    const segment = want[i]!
    if (segment.startsWith(':')) params[segment.slice(1)] = decodeURIComponent(got[i]!)
    else if (segment !== got[i]) return null
  }
  return params
}
