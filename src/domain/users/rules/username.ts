/**
 * Usernames of managed users are derived from their stored email, the way Cal.com derives them, so
 * integrators that predict a user's username (Cal.com's own e2e does) get the same answer here.
 */

const COMBINING_MARKS = /\p{M}/gu
// "Emoji" is taken as Extended_Pictographic: unlike \p{Emoji} it does not include `#`, `*` and the
// ASCII digits, so those are treated as the plain characters they are.
const NOT_SLUG_CHARACTER = /[^\p{L}\p{N}\s\p{Extended_Pictographic}.]+/gu
const SEPARATORS = /[\s_#]+/gu

/**
 * Cal.com's slug rule, step by step. Note that runs of dashes are not collapsed (`a - b` gives
 * `a---b`); the rule never did, and the derived usernames have to match.
 */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .trim()
    .normalize('NFD') // splits "é" into "e" + a combining accent, which the next step drops
    .replace(COMBINING_MARKS, '')
    .replace(NOT_SLUG_CHARACTER, '-')
    .replace(SEPARATORS, '-')
    .replace(/^-+/, '')
    .replace(/\.{2,}/g, '.')
    .replace(/^\.+/, '')
    .replace(/-+$/, '')
    .replace(/\.+$/, '')
}

/**
 * `local-firstlabel-secondlabel`, slugified. Only the first two domain labels are used, so
 * `a@mail.example.co.uk` gives `a-mail-example`; a one-label domain contributes just that label.
 */
export function managedUsername(suffixedEmail: string): string {
  const [local = '', domain = ''] = suffixedEmail.split('@')
  const labels = domain.split('.').slice(0, 2)
  return slugify([local, ...labels].join('-'))
}
