import { sql, type Kysely } from 'kysely'

/**
 * The outbox's two bookkeeping statements as functions, for two settings that must hold for them
 * alone (docs/adr/0009-event-outbox.md):
 *
 * - **Claims walk the due index in order and stop at their limit.** As a plain statement, the
 *   planner judged the partial index by statistics taken when the table was small (a queue's
 *   statistics are always stale): under a burst it chose a bitmap scan of every due row and a
 *   sort, so each claim read the whole backlog and grew slower as the backlog grew. Bitmap scans
 *   are off inside the claim.
 * - **Their commits do not wait for the disk** (`synchronous_commit = off`, for this transaction
 *   only). Losing either in a PostgreSQL crash only repeats a delivery, which at-least-once
 *   allows and receivers deduplicate (`webhook-id`): a lost claim leaves the row due, a lost
 *   outcome leaves its lease to run out. Waiting for the flush would put two more WAL flushes per
 *   batch in the queue that every refresh's commit waits in. The event and its deliveries are
 *   still written, synchronously, by the transaction that records the event.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION tessera_claim_deliveries(
      p_owner uuid, p_now timestamptz, p_lease_until timestamptz, p_limit integer
    ) RETURNS SETOF event_deliveries
    LANGUAGE plpgsql
    SET search_path FROM CURRENT
    AS $claim$
    BEGIN
      PERFORM set_config('synchronous_commit', 'off', true),
              set_config('enable_bitmapscan', 'off', true);
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

    -- Outcomes of many attempts at once, only where p_owner still holds the lease (one that ran
    -- out may belong to another worker now: its outcome wins). The log keeps the last 50 attempts.
    CREATE FUNCTION tessera_record_delivery_outcomes(
      p_owner uuid, p_now timestamptz, p_ids uuid[], p_statuses text[], p_next_ms bigint[],
      p_outcomes text[], p_entries text[]
    ) RETURNS SETOF uuid
    LANGUAGE plpgsql
    SET search_path FROM CURRENT
    AS $record$
    BEGIN
      PERFORM set_config('synchronous_commit', 'off', true);
      RETURN QUERY
      UPDATE event_deliveries d
         SET status = i.status,
             attempts = d.attempts + (CASE WHEN i.entry IS NULL THEN 0 ELSE 1 END),
             round_attempts = d.round_attempts + (CASE WHEN i.entry IS NULL THEN 0 ELSE 1 END),
             next_attempt_at = CASE WHEN i.next_ms IS NULL THEN NULL
               ELSE timestamptz 'epoch' + i.next_ms * interval '1 millisecond' END,
             outcome = i.outcome,
             finished_at = CASE WHEN i.status = 'pending' THEN NULL ELSE p_now END,
             lease_owner = NULL, lease_until = NULL,
             attempt_log = CASE WHEN i.entry IS NULL THEN d.attempt_log
               ELSE (CASE WHEN jsonb_array_length(d.attempt_log) >= 50
                          THEN d.attempt_log - 0 ELSE d.attempt_log END) || jsonb_build_array(i.entry::jsonb) END
        FROM unnest(p_ids, p_statuses, p_next_ms, p_outcomes, p_entries)
             AS i (id, status, next_ms, outcome, entry)
       WHERE d.id = i.id AND d.lease_owner = p_owner
      RETURNING d.id;
    END
    $record$;
  `.execute(db)
}
