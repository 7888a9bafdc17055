import { describe, expect, it } from 'vitest'
import { validateMetadata } from '../../../src/domain/users/rules/metadata.js'

const MESSAGE =
  'Metadata must have at most 50 keys, each key up to 40 characters, and values up to 500 characters.'

function withKeys(count: number): Record<string, number> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, i]))
}

describe('validateMetadata', () => {
  it.each([
    ['an empty object', {}],
    ['strings, numbers and booleans', { a: 'x', b: 1, c: -2.5, d: true, e: false, f: '' }],
    ['50 keys', withKeys(50)],
    ['a 40-character key', { ['k'.repeat(40)]: 1 }],
    ['a 500-character value', { k: 'v'.repeat(500) }],
    ['an object without a prototype', Object.assign(Object.create(null) as object, { a: 1 })],
    ['a parsed __proto__ key', JSON.parse('{"__proto__": "x"}') as unknown],
  ])('accepts %s', (_, value) => {
    expect(validateMetadata(value)).toBeNull()
  })

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['an array', [1, 2]],
    ['a string', 'meta'],
    ['a number', 3],
    ['a date', new Date(0)],
    ['a map', new Map([['a', 1]])],
    ['51 keys', withKeys(51)],
    ['a 41-character key', { ['k'.repeat(41)]: 1 }],
    ['a 501-character value', { k: 'v'.repeat(501) }],
    ['a null value', { k: null }],
    ['an array value', { k: [1] }],
    ['an object value', { k: { nested: 1 } }],
    ['NaN', { k: Number.NaN }],
    ['Infinity', { k: Number.POSITIVE_INFINITY }],
    ['an undefined value', { k: undefined }],
  ])('rejects %s with the Cal.com message', (_, value) => {
    expect(validateMetadata(value)).toBe(MESSAGE)
  })
})
