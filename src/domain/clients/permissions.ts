/** Cal.com's platform permission names and bits; `*` means all ten. */
export const PERMISSIONS = [
  'EVENT_TYPE_READ',
  'EVENT_TYPE_WRITE',
  'BOOKING_READ',
  'BOOKING_WRITE',
  'SCHEDULE_READ',
  'SCHEDULE_WRITE',
  'APPS_READ',
  'APPS_WRITE',
  'PROFILE_READ',
  'PROFILE_WRITE',
] as const

export type Permission = (typeof PERMISSIONS)[number]
const ALL_PERMISSIONS_MASK = (1 << PERMISSIONS.length) - 1

function permissionBit(name: Permission): number {
  return 1 << PERMISSIONS.indexOf(name)
}

/** ORs the named bits together; `*` anywhere in the list grants all of them. */
export function toPermissionMask(names: readonly (Permission | '*')[]): number {
  let mask = 0
  for (const name of names) mask |= name === '*' ? ALL_PERMISSIONS_MASK : permissionBit(name)
  return mask
}

/** The names of the set bits, in bit order (how Cal.com reads them back). */
export function toPermissionNames(mask: number): Permission[] {
  return PERMISSIONS.filter((_, bit) => (mask & (1 << bit)) !== 0)
}

export function hasPermission(mask: number, name: Permission): boolean {
  return (mask & permissionBit(name)) !== 0
}
