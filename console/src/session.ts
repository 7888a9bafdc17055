/**
 * The pasted key lives in this tab's sessionStorage only: no cookie (so no CSRF surface), gone when
 * the tab closes, and forgotten on sign-out.
 */
const STORAGE_KEY = 'tessera.console.key'

export function storedKey(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY)
  } catch {
    return null
  }
}

export function storeKey(key: string): void {
  sessionStorage.setItem(STORAGE_KEY, key)
}

export function forgetKey(): void {
  sessionStorage.removeItem(STORAGE_KEY)
}
