import { describe, expect, it } from 'vitest'
import { managedUsername, slugify } from '../../../src/domain/users/rules/username.js'

const CLIENT = 'cluo37fwd0001khkzqqynkpj3'

describe('slugify', () => {
  it.each([
    // 1. lower-case and trim
    ['  Hello  ', 'hello'],
    // 2. diacritics removed
    ['Jos\u00e9 \u00c5ngstr\u00f6m', 'jose-angstrom'],
    ['cr\u00e8me.br\u00fbl\u00e9e', 'creme.brulee'],
    // 3. runs of other characters become one dash; letters, digits, dots and emoji stay
    ['a+b', 'a-b'],
    ['a+/=b', 'a-b'],
    ['a@b!c', 'a-b-c'],
    ['a-b', 'a-b'],
    ['a+-b', 'a-b'],
    ['a*b', 'a-b'],
    ['\u00f8rsted', '\u00f8rsted'],
    ['\u043f\u0440\u0438\u0432\u0435\u0442', '\u043f\u0440\u0438\u0432\u0435\u0442'],
    ['\u6771\u4eac2024', '\u6771\u4eac2024'],
    ['pizza\u{1f355}party', 'pizza\u{1f355}party'],
    // 4. whitespace, underscores and hashes become dashes; dash runs are not collapsed
    ['a b', 'a-b'],
    ['a \t b', 'a-b'],
    ['a_b#c', 'a-b-c'],
    ['a__b', 'a-b'],
    ['a - b', 'a---b'],
    // 5. leading dashes removed
    ['--a', 'a'],
    ['+a', 'a'],
    // 6. repeated dots collapsed
    ['a...b', 'a.b'],
    // 7. leading dots removed
    ['..a', 'a'],
    ['.-a', '-a'],
    // 8. trailing dashes, then trailing dots, removed
    ['a--', 'a'],
    ['a.', 'a'],
    ['a.-', 'a'],
    ['a-.', 'a-'],
    ['a..', 'a'],
    // degenerate
    ['', ''],
    ['---', ''],
    ['...', ''],
  ])('%j → %j', (input, expected) => {
    expect(slugify(input)).toBe(expected)
  })
})

describe('managedUsername', () => {
  it('matches the Cal.com reference example', () => {
    expect(managedUsername('amy.farrah.fowler+clientid@test.com')).toBe(
      'amy.farrah.fowler-clientid-test-com',
    )
  })

  it('uses only the first two domain labels', () => {
    expect(managedUsername('a@mail.example.co.uk')).toBe('a-mail-example')
  })

  it('keeps dashes and the client id from a suffixed address', () => {
    expect(managedUsername(`pineapple-pizza+${CLIENT}@gmail.com`)).toBe(
      `pineapple-pizza-${CLIENT}-gmail-com`,
    )
  })

  it('uses a single-label domain on its own', () => {
    expect(managedUsername('a+id@localhost')).toBe('a-id-localhost')
  })

  it('lower-cases the result', () => {
    expect(managedUsername('Bob.Smith+ID@Example.ORG')).toBe('bob.smith-id-example-org')
  })

  it('slugifies unusual local parts', () => {
    expect(managedUsername(`..x__y+${CLIENT}@a.b`)).toBe(`x-y-${CLIENT}-a-b`)
  })
})
