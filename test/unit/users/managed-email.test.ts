import { describe, expect, it } from 'vitest'
import {
  isEmailAddress,
  normaliseFilterEmail,
  parseEmailsFilter,
  suffixEmail,
} from '../../../src/domain/users/rules/managed-email.js'

const CLIENT = 'cluo37fwd0001khkzqqynkpj3'

describe('suffixEmail', () => {
  it('tags the local part with the client id', () => {
    expect(suffixEmail('alice@example.com', CLIENT)).toBe(
      'alice+cluo37fwd0001khkzqqynkpj3@example.com',
    )
  })

  it('is idempotent for an address that already carries the tag', () => {
    const stored = `alice+${CLIENT}@example.com`
    expect(suffixEmail(stored, CLIENT)).toBe(stored)
    expect(suffixEmail(suffixEmail('bob@example.com', CLIENT), CLIENT)).toBe(
      `bob+${CLIENT}@example.com`,
    )
  })

  it('keeps an existing plus tag and adds the client tag after it', () => {
    expect(suffixEmail('alice+news@example.com', CLIENT)).toBe(`alice+news+${CLIENT}@example.com`)
  })

  it('tags again when the id appears but not as `+<id>@`', () => {
    expect(suffixEmail(`${CLIENT}@example.com`, CLIENT)).toBe(`${CLIENT}+${CLIENT}@example.com`)
    expect(suffixEmail(`a+${CLIENT}x@example.com`, CLIENT)).toBe(
      `a+${CLIENT}x+${CLIENT}@example.com`,
    )
  })

  it('drops anything after a second @', () => {
    expect(suffixEmail('a@b.com@c.com', CLIENT)).toBe(`a+${CLIENT}@b.com`)
  })

  it('does not change case', () => {
    expect(suffixEmail('Alice@Example.COM', 'id1')).toBe('Alice+id1@Example.COM')
  })
})

describe('normaliseFilterEmail', () => {
  it('suffixes and lower-cases an original address', () => {
    expect(normaliseFilterEmail('Alice@Example.COM', CLIENT)).toBe(`alice+${CLIENT}@example.com`)
  })

  it('uses an already-stored address as given, lower-cased', () => {
    expect(normaliseFilterEmail(`Alice+${CLIENT}@Example.com`, CLIENT)).toBe(
      `alice+${CLIENT}@example.com`,
    )
  })

  it('treats the client id anywhere in the address as already normalised', () => {
    expect(normaliseFilterEmail(`${CLIENT}@example.com`, CLIENT)).toBe(`${CLIENT}@example.com`)
    expect(normaliseFilterEmail(`x@${CLIENT}.com`, CLIENT)).toBe(`x@${CLIENT}.com`)
  })

  it('matches the client id regardless of the address case', () => {
    expect(normaliseFilterEmail(`a+${CLIENT.toUpperCase()}@x.com`, CLIENT)).toBe(
      `a+${CLIENT}@x.com`,
    )
  })
})

describe('isEmailAddress', () => {
  it.each([
    'alice@example.com',
    'Alice@Example.COM',
    'amy.farrah.fowler+clientid@test.com',
    `pineapple-pizza+${CLIENT}@gmail.com`,
    'a@mail.example.co.uk',
    "o'brien@example.ie",
    'x_y-z!#$%&*/=?^`{|}~@example.org',
    '1234@123.example.com',
    'a@b-c.de',
    'jos\u00e9@example.com',
    'user@m\u00fcnchen.de',
    'user@example.xn--p1ai',
    `${'a'.repeat(64)}@example.com`,
  ])('accepts %s', (email) => {
    expect(isEmailAddress(email)).toBe(true)
  })

  it.each([
    ['empty', ''],
    ['no @', 'alice.example.com'],
    ['two @', 'a@b@example.com'],
    ['empty local part', '@example.com'],
    ['empty domain', 'alice@'],
    ['single-label domain', 'alice@localhost'],
    ['leading dot', '.alice@example.com'],
    ['trailing dot', 'alice.@example.com'],
    ['double dot', 'al..ice@example.com'],
    ['space', 'al ice@example.com'],
    ['leading space', ' alice@example.com'],
    ['NUL', 'al\u0000ice@example.com'],
    ['control character', 'al\u0007ice@example.com'],
    ['tab', 'alice@exam\tple.com'],
    ['newline', 'alice@example.com\n'],
    ['zero-width space', 'al\u200bice@example.com'],
    ['quoted local part', '"alice"@example.com'],
    ['parenthesis', 'ali(ce)@example.com'],
    ['comma', 'a,b@example.com'],
    ['IP literal', 'alice@[127.0.0.1]'],
    ['IP address domain', 'alice@127.0.0.1'],
    ['numeric TLD', 'alice@example.123'],
    ['one-letter TLD', 'alice@example.c'],
    ['label with leading hyphen', 'alice@-example.com'],
    ['label with trailing hyphen', 'alice@example-.com'],
    ['empty label', 'alice@example..com'],
    ['trailing dot in domain', 'alice@example.com.'],
    ['underscore in domain', 'alice@ex_ample.com'],
    ['local part over 64 bytes', `${'a'.repeat(65)}@example.com`],
    ['multibyte local part over 64 bytes', `${'\u00e9'.repeat(33)}@example.com`],
    ['label over 63 characters', `a@${'b'.repeat(64)}.com`],
  ])('rejects %s', (_, email) => {
    expect(isEmailAddress(email)).toBe(false)
  })

  it('limits the whole address to 254 bytes', () => {
    const domain = `${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(5)}.com`
    const fits = `${'a'.repeat(254 - domain.length - 1)}@${domain}`
    expect(fits).toHaveLength(254)
    expect(isEmailAddress(fits)).toBe(true)
    expect(isEmailAddress(`a${fits}`)).toBe(false)
  })
})

describe('parseEmailsFilter', () => {
  it('splits on commas and trims each entry', () => {
    expect(parseEmailsFilter(' a@example.com , B@Example.com')).toEqual([
      'a@example.com',
      'B@Example.com',
    ])
  })

  it('keeps duplicates and order', () => {
    expect(parseEmailsFilter('b@x.com,a@x.com,b@x.com')).toEqual(['b@x.com', 'a@x.com', 'b@x.com'])
  })

  it('returns a single address as a one-item list', () => {
    expect(parseEmailsFilter(`a+${CLIENT}@x.com`)).toEqual([`a+${CLIENT}@x.com`])
  })

  it('reports the first invalid entry, trimmed', () => {
    expect(parseEmailsFilter('a@x.com, nope ,also-bad')).toEqual({ invalid: 'nope' })
  })

  it('reports an empty entry among real ones as invalid', () => {
    expect(parseEmailsFilter('a@x.com,,b@x.com')).toEqual({ invalid: '' })
    expect(parseEmailsFilter('a@x.com,')).toEqual({ invalid: '' })
  })

  it('reports a space-decoded plus sign as invalid', () => {
    // An unencoded `+` in a query string arrives as a space.
    expect(parseEmailsFilter(`a ${CLIENT}@x.com`)).toEqual({ invalid: `a ${CLIENT}@x.com` })
  })

  it.each(['', ' ', ',', ' , ,, '])('reports %j as empty', (raw) => {
    expect(parseEmailsFilter(raw)).toEqual({ empty: true })
  })
})
