import {
  PostgresDialect,
  sql,
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type Kysely,
  type SchemaMetadata,
  type TableMetadata,
} from 'kysely'

/**
 * What Kysely's migrator needs to know about the database, read from Tessera's own schema only.
 *
 * Kysely's stock PostgreSQL introspector scans every schema and resolves each table by name
 * (`pg_get_serial_sequence`), so a schema that another application drops while Tessera starts
 * makes the scan fail with `schema "…" does not exist`. Tessera only ever looks at the schema
 * it runs in (`current_schema()`), and reads names and columns without resolving them again.
 */
export class CurrentSchemaIntrospector implements DatabaseIntrospector {
  constructor(private readonly db: Kysely<unknown>) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    const { rows } = await sql<{ name: string }>`
      SELECT nspname AS name FROM pg_catalog.pg_namespace ORDER BY nspname
    `.execute(this.db)
    return rows.map((row) => ({ name: row.name }))
  }

  async getTables(): Promise<TableMetadata[]> {
    const { rows } = await sql<{
      schema: string
      table: string
      isView: boolean
      column: string
      dataType: string
      nullable: boolean
      hasDefault: boolean
    }>`
      SELECT ns.nspname AS schema, c.relname AS table, c.relkind = 'v' AS "isView",
             a.attname AS column, t.typname AS "dataType", NOT a.attnotnull AS nullable,
             a.atthasdef AS "hasDefault"
        FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace ns ON ns.oid = c.relnamespace
        JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid
        JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
       WHERE ns.nspname = current_schema()
         AND c.relkind IN ('r', 'v', 'p')
         AND a.attnum > 0
         AND NOT a.attisdropped
       ORDER BY c.relname, a.attnum
    `.execute(this.db)
    const tables = new Map<
      string,
      TableMetadata & { columns: TableMetadata['columns'][number][] }
    >()
    for (const row of rows) {
      let table = tables.get(row.table)
      if (!table) {
        table = { name: row.table, schema: row.schema, isView: row.isView, columns: [] }
        tables.set(row.table, table)
      }
      table.columns.push({
        name: row.column,
        dataType: row.dataType,
        isNullable: row.nullable,
        hasDefaultValue: row.hasDefault,
        isAutoIncrementing: false,
      })
    }
    return [...tables.values()]
  }

  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() }
  }
}

/** Kysely's PostgreSQL dialect, introspecting only the schema Tessera runs in. */
export class TesseraPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new CurrentSchemaIntrospector(db)
  }
}
