/** True for a PostgreSQL unique violation, optionally on one named constraint (pg and PGlite alike). */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string }
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint)
}

/** An error without connection strings or parameters, for logs. */
export function safeError(err: unknown): { message: string; code?: string } {
  const e = err as { message?: string; code?: string }
  return { message: String(e?.message ?? err), ...(e?.code ? { code: e.code } : {}) }
}
