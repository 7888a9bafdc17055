import { sql, type Kysely } from 'kysely'

/**
 * Events out: webhook endpoints and Shared Signals streams (one table, `kind` tells them apart),
 * and the outbox of their deliveries. A delivery row is created by a trigger on `audit_events`,
 * in the transaction that records the event, whichever statement inserts it (the batched
 * rotation included), so an event that exists always has its deliveries (docs/adr, outbox).
 *
 * No foreign keys from deliveries to endpoints or events: a key check locks the referenced row
 * (KEY SHARE), and every refresh would lock the one endpoint row subscribed to it, which turns
 * into multixact contention under load. Deleting an endpoint deletes its deliveries explicitly;
 * the worker drops a delivery whose endpoint or event is gone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE event_endpoints (
      id uuid PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('webhook', 'ssf_stream')),
      -- client: events of one OAuth client; organization: of every client of it; instance: all
      scope text NOT NULL CHECK (scope IN ('client', 'organization', 'instance')),
      organization_id integer REFERENCES organizations (id) ON DELETE CASCADE,
      -- no foreign key: a deleted client's endpoints still deliver the events of its deletion
      client_id text,
      url text NOT NULL,
      status text NOT NULL CHECK (status IN ('enabled', 'paused', 'disabled')),
      status_reason text,
      -- audit event types that fan out to this endpoint
      event_types text[] NOT NULL,
      payload_template text,
      description text,
      -- SSF: the receiver's events_requested, as it sent them
      events_requested text[],
      -- webhook signing secret, or an SSF stream's authorization header (sealed box)
      secret bytea,
      previous_secret bytea,
      previous_secret_expires_at timestamptz,
      last_success_at timestamptz,
      last_verification_at timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      CHECK ((scope = 'instance') = (organization_id IS NULL)),
      CHECK ((scope = 'client') = (client_id IS NOT NULL))
    );
    -- one subscription per URL and owner (Cal.com's rule), race-free
    CREATE UNIQUE INDEX event_endpoints_url_idx
      ON event_endpoints (kind, scope, coalesce(client_id, ''), coalesce(organization_id, 0), url);
    CREATE INDEX event_endpoints_client_idx ON event_endpoints (client_id, created_at)
      WHERE client_id IS NOT NULL;
    CREATE INDEX event_endpoints_organization_idx ON event_endpoints (organization_id, created_at)
      WHERE scope = 'organization';

    CREATE TABLE event_deliveries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      endpoint_id uuid NOT NULL,
      -- event: an audit event; ping: a test message; verification, stream_updated: SSF events
      kind text NOT NULL DEFAULT 'event',
      event_id bigint,
      -- what a delivery that is not an audit event carries
      payload jsonb,
      status text NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'delivered', 'failed', 'discarded')),
      attempts integer NOT NULL DEFAULT 0,
      -- attempts since the schedule last started (a redelivery starts it again)
      round_attempts integer NOT NULL DEFAULT 0,
      max_attempts integer,
      created_at timestamptz NOT NULL,
      next_attempt_at timestamptz,
      lease_owner uuid,
      lease_until timestamptz,
      finished_at timestamptz,
      outcome text,
      attempt_log jsonb NOT NULL DEFAULT '[]'
    ) WITH (fillfactor = 80);
    -- room in each page so that taking a lease (no indexed column changes) stays a HOT update
    -- what is due: only pending rows, in the order they fall due
    CREATE INDEX event_deliveries_due_idx ON event_deliveries (next_attempt_at) WHERE status = 'pending';
    CREATE INDEX event_deliveries_endpoint_idx ON event_deliveries (endpoint_id, created_at, id);

    -- The fan-out. Statement-level with a transition table: one INSERT … SELECT per statement
    -- that records events, however many rows it wrote. Four disjoint branches, each an index
    -- probe: the client's endpoints, its organization's, the operator's (every event), and the
    -- one public instance event (a signing-key rotation) for anyone subscribed to it. A paused
    -- SSF stream holds its events: they wait at +infinity until it is enabled again.
    CREATE FUNCTION tessera_fan_out_events() RETURNS trigger
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $fan_out$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM event_endpoints WHERE status <> 'disabled') THEN
        RETURN NULL;
      END IF;
      INSERT INTO event_deliveries (endpoint_id, event_id, created_at, next_attempt_at)
      SELECT ep.id, e.id, e.occurred_at, CASE WHEN ep.status = 'paused' THEN 'infinity' ELSE e.occurred_at END
        FROM recorded_events e
        JOIN event_endpoints ep ON ep.client_id = e.client_id
       WHERE ep.status <> 'disabled' AND e.type = ANY (ep.event_types)
      UNION ALL
      SELECT ep.id, e.id, e.occurred_at, CASE WHEN ep.status = 'paused' THEN 'infinity' ELSE e.occurred_at END
        FROM recorded_events e
        JOIN event_endpoints ep ON ep.organization_id = e.organization_id AND ep.scope = 'organization'
       WHERE ep.status <> 'disabled' AND e.type = ANY (ep.event_types)
      UNION ALL
      SELECT ep.id, e.id, e.occurred_at, CASE WHEN ep.status = 'paused' THEN 'infinity' ELSE e.occurred_at END
        FROM recorded_events e
        JOIN event_endpoints ep ON ep.scope = 'instance'
       WHERE ep.status <> 'disabled' AND e.type = ANY (ep.event_types)
      UNION ALL
      SELECT ep.id, e.id, e.occurred_at, CASE WHEN ep.status = 'paused' THEN 'infinity' ELSE e.occurred_at END
        FROM recorded_events e
        JOIN event_endpoints ep ON ep.scope <> 'instance'
       WHERE e.organization_id IS NULL AND e.type = 'signing_key.rotated'
         AND ep.status <> 'disabled' AND e.type = ANY (ep.event_types);
      RETURN NULL;
    END
    $fan_out$;

    CREATE TRIGGER audit_events_fan_out AFTER INSERT ON audit_events
      REFERENCING NEW TABLE AS recorded_events
      FOR EACH STATEMENT EXECUTE FUNCTION tessera_fan_out_events();
  `.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER audit_events_fan_out ON audit_events;
    DROP FUNCTION tessera_fan_out_events();
    DROP TABLE event_deliveries, event_endpoints;
  `.execute(db)
}
