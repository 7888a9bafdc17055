/**
 * The entries of `values` that are set (not `undefined`): the columns a partial update writes.
 * `null` stays, it clears a column. One entity's mapping from its fields to its columns is then
 * written once, as an object literal, and serves both its insert and its update.
 */
export function definedColumns<T extends Record<string, unknown>>(
  values: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>
  }
}
