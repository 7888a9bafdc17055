/** Every suite runs on the embedded database, and also on PostgreSQL when TEST_DATABASE_URL is set. */
export type Backend = 'pglite' | 'postgres'

export const BACKENDS: readonly Backend[] = process.env.TEST_DATABASE_URL
  ? ['pglite', 'postgres']
  : ['pglite']
