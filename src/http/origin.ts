/**
 * Cal.com's origin rule for browser calls with an access token: the `Origin` must equal one of the
 * client's redirect URIs, or match one where `*` stands for any run of characters (anchored).
 */
export function isOriginAllowed(origin: string, redirectUris: readonly string[]): boolean {
  return redirectUris.some((pattern) => {
    if (!pattern.includes('*')) return pattern === origin
    const regex = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`)
    return regex.test(origin)
  })
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
