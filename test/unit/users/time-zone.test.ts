import { describe, expect, it } from 'vitest'
import {
  canonicalTimeZone,
  capitaliseTimeZone,
  isValidTimeZone,
  normaliseTimeZone,
} from '../../../src/domain/users/rules/time-zone.js'

describe('capitaliseTimeZone', () => {
  it.each([
    ['america/new_york', 'America/New_York'],
    ['America/New_york', 'America/New_York'],
    ['AMERICA/NEW_YORK', 'America/New_York'],
    ['europe/rome', 'Europe/Rome'],
    ['Europe/London', 'Europe/London'],
    ['america/argentina/buenos_aires', 'America/Argentina/Buenos_Aires'],
    ['utc', 'UTC'],
    ['gmt', 'GMT'],
    ['est', 'EST'],
    ['etc/utc', 'Etc/UTC'],
    ['etc/gmt+5', 'Etc/GMT+5'],
    ['Etc/GMT-14', 'Etc/GMT-14'],
    ['America/Port-au-Prince', 'America/Port-au-prince'],
    // "est" inside a word is not the zone abbreviation
    ['europe/budapest', 'Europe/Budapest'],
    ['EST5EDT', 'Est5edt'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(capitaliseTimeZone(input)).toBe(expected)
  })
})

describe('isValidTimeZone', () => {
  it.each([
    'America/New_York',
    'Europe/Rome',
    'Europe/London',
    'UTC',
    'Etc/GMT+5',
    'US/Eastern',
    'Asia/Kolkata',
    // Intl ignores case, so capitalisation quirks do not reject real zones
    'America/Port-au-prince',
    'Est5edt',
  ])('accepts %s', (zone) => {
    expect(isValidTimeZone(zone)).toBe(true)
  })

  it.each([
    '',
    'Narnia/Woods',
    'incorrect-time-zone',
    'Incorrect-Time-Zone',
    '+01:00',
    '+0100',
    'Europe/London ',
    ' Europe/London',
    'Europe/Lon\u0000don',
    'Europe\\London',
    'Europe/../London',
    `Europe/${'A'.repeat(58)}`,
  ])('rejects %j', (zone) => {
    expect(isValidTimeZone(zone)).toBe(false)
  })
})

describe('normaliseTimeZone', () => {
  it.each([
    ['america/new_york', 'America/New_York'],
    ['America/New_york', 'America/New_York'],
    ['Europe/Rome', 'Europe/Rome'],
    ['utc', 'UTC'],
    ['etc/gmt+5', 'Etc/GMT+5'],
    // zones whose IANA spelling word-by-word capitalisation would break
    ['Europe/Isle_of_Man', 'Europe/Isle_of_Man'],
    ['europe/isle_of_man', 'Europe/Isle_of_Man'],
    ['America/Port-au-Prince', 'America/Port-au-Prince'],
    ['africa/dar_es_salaam', 'Africa/Dar_es_Salaam'],
    ['ANTARCTICA/DUMONTDURVILLE', 'Antarctica/DumontDUrville'],
    ['Asia/Ust-Nera', 'Asia/Ust-Nera'],
    ['antarctica/mcmurdo', 'Antarctica/McMurdo'],
    // aliases are never renamed to their canonical zone; unlisted names keep Cal.com's casing
    ['US/Eastern', 'Us/Eastern'],
    ['Asia/Kolkata', 'Asia/Kolkata'],
  ])('%j → %j', (input, expected) => {
    expect(normaliseTimeZone(input)).toBe(expected)
  })

  it.each(['', 'Narnia/Woods', 'incorrect-time-zone', '+01:00', 'Europe/London '])(
    'returns null for %j',
    (input) => {
      expect(normaliseTimeZone(input)).toBeNull()
    },
  )
})

describe('canonicalTimeZone', () => {
  it('returns the canonical spelling of a valid zone', () => {
    expect(canonicalTimeZone('america/new_york')).toBe('America/New_York')
    expect(canonicalTimeZone('America/Port-au-prince')).toBe('America/Port-au-Prince')
    expect(canonicalTimeZone('utc')).toBe('UTC')
  })

  it('returns null for an invalid zone', () => {
    expect(canonicalTimeZone('Narnia/Woods')).toBeNull()
    expect(canonicalTimeZone('')).toBeNull()
  })
})
