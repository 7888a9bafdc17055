/**
 * The NOTIFY channel of the schema a connection works in, as SQL. Channels are database-wide, and
 * a database may hold several Tessera schemas (staging and production, or one per test); each
 * hears only its own. Hashed because a channel name has at most 63 bytes, as a schema name does.
 */
export const NOTIFY_CHANNEL_SQL =
  "'tessera_' || left(encode(sha256(convert_to(current_schema(), 'UTF8')), 'hex'), 24)"
