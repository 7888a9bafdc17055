import { describe, expect, it } from 'vitest'
import { WEEK_DAYS, isWeekDay } from '../../../src/domain/users/rules/week-start.js'

describe('WEEK_DAYS', () => {
  it('lists Monday to Sunday', () => {
    expect(WEEK_DAYS).toEqual([
      'Monday',
      'Tuesday',
      'Wednesday',
      'Thursday',
      'Friday',
      'Saturday',
      'Sunday',
    ])
  })
})

describe('isWeekDay', () => {
  it.each([...WEEK_DAYS])('accepts %s', (day) => {
    expect(isWeekDay(day)).toBe(true)
  })

  it.each(['monday', 'MONDAY', 'Mon', ' Monday', 'Funday', '', null, undefined, 1, 0])(
    'rejects %j',
    (day) => {
      expect(isWeekDay(day)).toBe(false)
    },
  )
})
