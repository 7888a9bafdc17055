import { describe, expect, it } from 'vitest'
import { LOCALES, isLocale } from '../../../src/domain/users/rules/locales.js'

describe('LOCALES', () => {
  it('is the 43-value Cal.com enum in documented order', () => {
    // prettier-ignore
    expect(LOCALES).toEqual([
      'ar', 'ca', 'de', 'es', 'eu', 'he', 'id', 'ja', 'lv', 'pl', 'ro', 'sr', 'th', 'vi', 'az',
      'cs', 'el', 'es-419', 'fi', 'hr', 'it', 'km', 'nl', 'pt', 'ru', 'sv', 'tr', 'zh-CN', 'bg',
      'da', 'en', 'et', 'fr', 'hu', 'iw', 'ko', 'no', 'pt-BR', 'sk', 'ta', 'uk', 'zh-TW', 'bn',
    ])
    expect(LOCALES).toHaveLength(43)
    expect(new Set(LOCALES).size).toBe(43)
  })
})

describe('isLocale', () => {
  it.each(['en', 'pt-BR', 'zh-CN', 'zh-TW', 'es-419', 'iw', 'bn'])('accepts %s', (locale) => {
    expect(isLocale(locale)).toBe(true)
  })

  it.each(['EN', 'pt-br', 'pt_BR', 'zh', 'en-US', 'fr ', '', 'xx', null, undefined, 1, ['en']])(
    'rejects %j',
    (locale) => {
      expect(isLocale(locale)).toBe(false)
    },
  )
})
