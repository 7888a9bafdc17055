/** The locales a managed user may have: Cal.com's enum, in its documented order. */
export const LOCALES = [
  'ar',
  'ca',
  'de',
  'es',
  'eu',
  'he',
  'id',
  'ja',
  'lv',
  'pl',
  'ro',
  'sr',
  'th',
  'vi',
  'az',
  'cs',
  'el',
  'es-419',
  'fi',
  'hr',
  'it',
  'km',
  'nl',
  'pt',
  'ru',
  'sv',
  'tr',
  'zh-CN',
  'bg',
  'da',
  'en',
  'et',
  'fr',
  'hu',
  'iw',
  'ko',
  'no',
  'pt-BR',
  'sk',
  'ta',
  'uk',
  'zh-TW',
  'bn',
] as const

export type Locale = (typeof LOCALES)[number]

const LOCALE_SET: ReadonlySet<unknown> = new Set(LOCALES)

/** Exact, case-sensitive match, as Cal.com's enum check is (`pt-br` is not `pt-BR`). */
export function isLocale(value: unknown): value is Locale {
  return LOCALE_SET.has(value)
}
