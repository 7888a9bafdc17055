/** The days a managed user's week may start on, spelt as Cal.com stores them. */
export const WEEK_DAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const

export type WeekDay = (typeof WEEK_DAYS)[number]

const WEEK_DAY_SET: ReadonlySet<unknown> = new Set(WEEK_DAYS)

/** Exact, case-sensitive match: `monday` is rejected, as Cal.com's enum check rejects it. */
export function isWeekDay(value: unknown): value is WeekDay {
  return WEEK_DAY_SET.has(value)
}
