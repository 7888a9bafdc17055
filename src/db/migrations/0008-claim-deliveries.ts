import { sql, type Kysely } from 'kysely'

/**
 * The outbox claim as a function, so that it always walks the due index in order and stops after
 * `p_limit` rows. As a plain statement, the planner judged the partial index by statistics taken
 * when the table was small (a queue's statistics are always stale): under a burst it chose a
 * bitmap scan of every due row and a sort, so each claim read the whole backlog, claims slowed as
 * the backlog grew, and the backlog grew faster (the webhook bench row, docs/performance.md).
 * A function is the one place a setting can hold for one statement without a transaction around
 * it: bitmap scans are switched off inside it only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION tessera_claim_deliveries(
      p_owner uuid, p_now timestamptz, p_lease_until timestamptz, p_limit integer
    ) RETURNS SETOF event_deliveries
    LANGUAGE plpgsql
    SET search_path FROM CURRENT
    SET enable_bitmapscan = off
    AS $claim$
    BEGIN
      RETURN QUERY
      WITH due AS (
        SELECT id FROM event_deliveries
         WHERE status = 'pending' AND next_attempt_at <= p_now
           AND (lease_until IS NULL OR lease_until <= p_now)
         ORDER BY next_attempt_at
         LIMIT p_limit
         FOR UPDATE SKIP LOCKED
      )
      UPDATE event_deliveries d
         SET lease_owner = p_owner, lease_until = p_lease_until
        FROM due WHERE d.id = due.id
      RETURNING d.*;
    END
    $claim$;
  `.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP FUNCTION tessera_claim_deliveries(uuid, timestamptz, timestamptz, integer)`.execute(
    db,
  )
}
