/** Cal.com's platform permissions, grouped as its client form shows them. */
export const PERMISSION_GROUPS = [
  { label: 'Event types', read: 'EVENT_TYPE_READ', write: 'EVENT_TYPE_WRITE' },
  { label: 'Bookings', read: 'BOOKING_READ', write: 'BOOKING_WRITE' },
  { label: 'Schedules', read: 'SCHEDULE_READ', write: 'SCHEDULE_WRITE' },
  { label: 'Apps', read: 'APPS_READ', write: 'APPS_WRITE' },
  { label: 'Profile', read: 'PROFILE_READ', write: 'PROFILE_WRITE' },
] as const

export const ALL_PERMISSIONS = PERMISSION_GROUPS.flatMap((g) => [g.read, g.write])
