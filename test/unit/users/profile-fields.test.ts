import { describe, expect, it } from 'vitest'
import { checkProfileFields } from '../../../src/domain/users/rules/profile-fields.js'
import type { ProfileInput } from '../../../src/domain/users/rules/profile-fields.js'

const LOCALE_MESSAGE =
  'locale must be one of the following values: ar, ca, de, es, eu, he, id, ja, lv, pl, ro, sr, ' +
  'th, vi, az, cs, el, es-419, fi, hr, it, km, nl, pt, ru, sv, tr, zh-CN, bg, da, en, et, fr, ' +
  'hu, iw, ko, no, pt-BR, sk, ta, uk, zh-TW, bn'
const WEEK_MESSAGE =
  'weekStart must be one of the following values: Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday'
const METADATA_MESSAGE =
  'Metadata must have at most 50 keys, each key up to 40 characters, and values up to 500 characters.'

const minimal = { email: 'alice@example.com', name: 'Alice' }

/** The problems of a body that must fail. */
function problemsOf(input: ProfileInput, mode: 'create' | 'update' = 'update') {
  const result = checkProfileFields(input, mode)
  if (result.ok) throw new Error(`expected problems, got ${JSON.stringify(result.value)}`)
  return result.problems
}

/** The clean value of a body that must pass. */
function valueOf(input: ProfileInput, mode: 'create' | 'update' = 'update') {
  const result = checkProfileFields(input, mode)
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.problems)}`)
  return result.value
}

describe('checkProfileFields: presence', () => {
  it('accepts an empty update and returns nothing', () => {
    expect(checkProfileFields({}, 'update')).toEqual({ ok: true, value: {} })
  })

  it('requires email and name on create', () => {
    expect(problemsOf({}, 'create')).toEqual([
      { property: 'email', constraints: { isString: 'email must be a string' } },
      { property: 'name', constraints: { isString: 'name must be a string' } },
    ])
  })

  it('treats undefined fields as absent', () => {
    const input: ProfileInput = {
      ...minimal,
      bio: undefined,
      locale: undefined,
      metadata: undefined,
    }
    const value = valueOf(input, 'create')
    expect(value).toEqual({ email: 'alice@example.com', name: 'Alice' })
    expect(Object.keys(value)).toEqual(['email', 'name'])
  })

  it('accepts a full create body and normalises it', () => {
    const value = valueOf(
      {
        email: '  Alice@Example.COM ',
        name: 'Alice Liddell',
        timeFormat: '24',
        weekStart: 'Monday',
        timeZone: 'america/new_york',
        locale: 'pt-BR',
        avatarUrl: 'https://cdn.example.com/a.png?size=64',
        bio: 'Down the rabbit hole',
        metadata: { plan: 'pro', seats: 3, trial: false },
        defaultScheduleId: 7,
      },
      'create',
    )
    expect(value).toEqual({
      email: 'alice@example.com',
      name: 'Alice Liddell',
      timeFormat: 24,
      weekStart: 'Monday',
      timeZone: 'America/New_York',
      locale: 'pt-BR',
      avatarUrl: 'https://cdn.example.com/a.png?size=64',
      bio: 'Down the rabbit hole',
      metadata: { plan: 'pro', seats: 3, trial: false },
      defaultScheduleId: 7,
    })
  })

  it('collects every problem in field order', () => {
    expect(
      problemsOf(
        {
          defaultScheduleId: 0,
          metadata: [],
          bio: 5,
          avatarUrl: 'not a url',
          locale: 'xx',
          timeZone: 'Narnia/Woods',
          weekStart: 'Funday',
          timeFormat: 13,
          name: 1,
          email: 'nope',
        },
        'create',
      ).map((p) => p.property),
    ).toEqual([
      'email',
      'name',
      'timeFormat',
      'weekStart',
      'timeZone',
      'locale',
      'avatarUrl',
      'bio',
      'metadata',
      'defaultScheduleId',
    ])
  })
})

describe('checkProfileFields: email', () => {
  it('lower-cases and trims', () => {
    expect(valueOf({ email: ' Bob@EXAMPLE.org\t' }).email).toBe('bob@example.org')
  })

  it.each(['nope', '', '   ', 'a b@example.com', 'a@localhost'])('rejects %j', (email) => {
    expect(problemsOf({ email })).toEqual([
      { property: 'email', constraints: { isEmail: 'email must be an email' } },
    ])
  })

  it.each([null, 42, true, ['a@example.com'], { at: 'x' }])('rejects non-string %j', (email) => {
    expect(problemsOf({ email }, 'update')).toEqual([
      { property: 'email', constraints: { isString: 'email must be a string' } },
    ])
  })

  it('rejects NUL with its own constraint', () => {
    expect(problemsOf({ email: 'a\u0000@example.com' })).toEqual([
      { property: 'email', constraints: { noNul: 'email must not contain NUL characters' } },
    ])
  })
})

describe('checkProfileFields: name', () => {
  it('keeps the name as given, including an empty one', () => {
    expect(valueOf({ name: '  Zoë  ' }).name).toBe('  Zoë  ')
    expect(valueOf({ name: '' }).name).toBe('')
    expect(valueOf({ name: 'n'.repeat(255) }).name).toHaveLength(255)
  })

  it('rejects more than 255 characters', () => {
    expect(problemsOf({ name: 'n'.repeat(256) })).toEqual([
      {
        property: 'name',
        constraints: { maxLength: 'name must be shorter than or equal to 255 characters' },
      },
    ])
  })

  it.each([null, 7, {}])('rejects non-string %j', (name) => {
    expect(problemsOf({ name })).toEqual([
      { property: 'name', constraints: { isString: 'name must be a string' } },
    ])
  })

  it('rejects NUL', () => {
    expect(problemsOf({ name: 'A\u0000' })).toEqual([
      { property: 'name', constraints: { noNul: 'name must not contain NUL characters' } },
    ])
  })
})

describe('checkProfileFields: timeFormat', () => {
  it.each([
    [12, 12],
    [24, 24],
    ['12', 12],
    ['24', 24],
    [' 24 ', 24],
    ['12.0', 12],
  ])('accepts %j as %j', (timeFormat, expected) => {
    expect(valueOf({ timeFormat }).timeFormat).toBe(expected)
  })

  it.each([0, 13, 12.5, -12, '', 'twelve', '0x0c', '1.2e1', null, true, [12], Number.NaN])(
    'rejects %j',
    (timeFormat) => {
      expect(problemsOf({ timeFormat })).toEqual([
        {
          property: 'timeFormat',
          constraints: { isIn: 'timeFormat must be a number either 12 or 24' },
        },
      ])
    },
  )
})

describe('checkProfileFields: weekStart', () => {
  it('accepts a day on create and update', () => {
    expect(valueOf({ ...minimal, weekStart: 'Sunday' }, 'create').weekStart).toBe('Sunday')
    expect(valueOf({ weekStart: 'Wednesday' }, 'update').weekStart).toBe('Wednesday')
  })

  it.each(['create', 'update'] as const)('rejects an unknown day on %s', (mode) => {
    expect(problemsOf({ ...minimal, weekStart: 'monday' }, mode)).toEqual([
      { property: 'weekStart', constraints: { isIn: WEEK_MESSAGE } },
    ])
  })

  it('rejects null', () => {
    expect(problemsOf({ weekStart: null })).toEqual([
      { property: 'weekStart', constraints: { isIn: WEEK_MESSAGE } },
    ])
  })
})

describe('checkProfileFields: timeZone', () => {
  it.each([
    ['america/new_york', 'America/New_York'],
    ['America/New_york', 'America/New_York'],
    ['europe/rome', 'Europe/Rome'],
    ['utc', 'UTC'],
    // the IANA spelling survives capitalisation (Cal.com stored `America/Port-au-prince`)
    ['America/Port-au-Prince', 'America/Port-au-Prince'],
    ['europe/isle_of_man', 'Europe/Isle_of_Man'],
    // re-cased, never renamed: an alias stays an alias
    ['US/Eastern', 'Us/Eastern'],
  ])('stores %j as %j', (timeZone, expected) => {
    expect(valueOf({ timeZone }).timeZone).toBe(expected)
  })

  it('treats null as absent', () => {
    expect(valueOf({ timeZone: null })).toEqual({})
    expect(valueOf({ ...minimal, timeZone: null }, 'create')).toEqual(minimal)
  })

  it.each(['', 'Narnia/Woods', 'incorrect-time-zone', '+01:00'])('rejects %j', (timeZone) => {
    expect(problemsOf({ timeZone })).toEqual([
      {
        property: 'timeZone',
        constraints: { isTimeZone: 'timeZone must be a valid IANA time-zone' },
      },
    ])
  })

  it('rejects a non-string', () => {
    expect(problemsOf({ timeZone: 0 })).toEqual([
      { property: 'timeZone', constraints: { isString: 'timeZone must be a string' } },
    ])
  })

  it('rejects NUL', () => {
    expect(problemsOf({ timeZone: 'UTC\u0000' })).toEqual([
      { property: 'timeZone', constraints: { noNul: 'timeZone must not contain NUL characters' } },
    ])
  })
})

describe('checkProfileFields: locale', () => {
  it('accepts a listed locale', () => {
    expect(valueOf({ locale: 'zh-TW' }).locale).toBe('zh-TW')
  })

  it.each(['EN', 'en-US', '', null, 1])('rejects %j listing every value', (locale) => {
    expect(problemsOf({ ...minimal, locale }, 'create')).toEqual([
      { property: 'locale', constraints: { isIn: LOCALE_MESSAGE } },
    ])
  })

  it('clears locale, avatarUrl, bio and metadata with null on update only', () => {
    const cleared = { locale: null, avatarUrl: null, bio: null, metadata: null }
    expect(valueOf(cleared)).toEqual(cleared)
    expect(problemsOf({ ...minimal, ...cleared }, 'create').map((p) => p.property)).toEqual([
      'locale',
      'avatarUrl',
      'bio',
      'metadata',
    ])
  })
})

describe('checkProfileFields: avatarUrl', () => {
  it.each([
    'https://example.com/a.png',
    'http://example.com',
    'HTTPS://EXAMPLE.COM/A.PNG',
    'http://localhost:3000/avatar.png',
    'https://user:pw@example.com/a.png',
    `https://example.com/${'a'.repeat(2048 - 20)}`,
  ])('accepts %s as given', (avatarUrl) => {
    expect(valueOf({ avatarUrl }).avatarUrl).toBe(avatarUrl)
  })

  it.each([
    '',
    'example.com/a.png',
    '/relative/a.png',
    'ftp://example.com/a.png',
    'javascript:alert(1)',
    'data:image/png;base64,AAAA',
    'https://',
    'https:///a.png',
    'https:/\\\\example.com/a.png',
    'https://\\\\example.com/a.png',
    'https://exa mple.com/a.png',
    ' https://example.com/a.png',
    'https://example.com/a\n.png',
    `https://example.com/${'a'.repeat(2048 - 19)}`,
  ])('rejects %j', (avatarUrl) => {
    expect(problemsOf({ avatarUrl })).toEqual([
      { property: 'avatarUrl', constraints: { isUrl: 'avatarUrl must be a URL address' } },
    ])
  })

  it('rejects null (on create) and NUL with their own constraints', () => {
    expect(problemsOf({ ...minimal, avatarUrl: null }, 'create')).toEqual([
      { property: 'avatarUrl', constraints: { isString: 'avatarUrl must be a string' } },
    ])
    expect(problemsOf({ avatarUrl: 'https://example.com/\u0000' })).toEqual([
      {
        property: 'avatarUrl',
        constraints: { noNul: 'avatarUrl must not contain NUL characters' },
      },
    ])
  })
})

describe('checkProfileFields: bio', () => {
  it('accepts up to 10000 characters', () => {
    expect(valueOf({ bio: '' }).bio).toBe('')
    expect(valueOf({ bio: 'b'.repeat(10_000) }).bio).toHaveLength(10_000)
  })

  it('rejects more than 10000 characters', () => {
    expect(problemsOf({ bio: 'b'.repeat(10_001) })).toEqual([
      {
        property: 'bio',
        constraints: { maxLength: 'bio must be shorter than or equal to 10000 characters' },
      },
    ])
  })

  it('rejects non-strings and NUL', () => {
    expect(problemsOf({ bio: 3 })).toEqual([
      { property: 'bio', constraints: { isString: 'bio must be a string' } },
    ])
    expect(problemsOf({ bio: 'a\u0000b' })).toEqual([
      { property: 'bio', constraints: { noNul: 'bio must not contain NUL characters' } },
    ])
  })
})

describe('checkProfileFields: metadata', () => {
  it('accepts valid metadata', () => {
    expect(valueOf({ metadata: {} }).metadata).toEqual({})
    expect(valueOf({ metadata: { a: 1, b: 'x', c: true } }).metadata).toEqual({
      a: 1,
      b: 'x',
      c: true,
    })
  })

  it.each([null, [], 'x', { k: null }, { k: { n: 1 } }, { ['k'.repeat(41)]: 1 }])(
    'rejects %j with the Cal.com message',
    (metadata) => {
      expect(problemsOf({ ...minimal, metadata }, 'create')).toEqual([
        { property: 'metadata', constraints: { validateMetadata: METADATA_MESSAGE } },
      ])
    },
  )

  it('rejects NUL in a key or a value', () => {
    const problem = {
      property: 'metadata',
      constraints: { noNul: 'metadata must not contain NUL characters' },
    }
    expect(problemsOf({ metadata: { 'a\u0000': 1 } })).toEqual([problem])
    expect(problemsOf({ metadata: { a: 'x\u0000' } })).toEqual([problem])
  })
})

describe('checkProfileFields: defaultScheduleId', () => {
  it.each([1, 42, 2_147_483_647, null])('accepts %j', (defaultScheduleId) => {
    expect(valueOf({ defaultScheduleId })).toEqual({ defaultScheduleId })
  })

  it.each([0, -1, 1.5, 2_147_483_648, '5', true, Number.NaN, {}])(
    'rejects %j',
    (defaultScheduleId) => {
      expect(problemsOf({ defaultScheduleId })).toEqual([
        {
          property: 'defaultScheduleId',
          constraints: {
            isInt: 'defaultScheduleId must be an integer number between 1 and 2147483647',
          },
        },
      ])
    },
  )
})
