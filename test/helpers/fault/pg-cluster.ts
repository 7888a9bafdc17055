import { execFile } from 'node:child_process'
import { appendFileSync, chownSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { freePort } from '../server-process.js'
import { ManagedProcess, removeOnExit } from './child-process.js'
import { PG_BIN } from './tools.js'
import { unprivilegedUser } from './unprivileged-user.js'

const run = promisify(execFile)

export type StopMode = 'smart' | 'fast' | 'immediate'

/** The postmaster's shutdown signals (PostgreSQL docs, "Shutting Down the Server"). */
const STOP_SIGNAL: Record<StopMode, NodeJS.Signals> = {
  smart: 'SIGTERM',
  fast: 'SIGINT',
  immediate: 'SIGQUIT',
}

export interface PgClusterOptions {
  /** Extra `postgresql.conf` settings, e.g. `{ max_connections: 50 }`. */
  readonly settings?: Readonly<Record<string, string | number>>
}

export interface Backend {
  readonly pid: number
  readonly database: string | null
  readonly applicationName: string
  readonly state: string | null
  readonly query: string
}

/**
 * A throwaway PostgreSQL 15 cluster for fault tests: its own directory and free port, run as an
 * unprivileged user, and every fault an operator meets: stop (smart, fast, immediate), crash,
 * restart, terminated and stopped backends, held locks, a synchronous standby to promote.
 * Durability settings are relaxed (fsync off): the faults here kill processes, not the machine,
 * so the page cache keeps every committed write and crash recovery behaves as in production.
 */
export class PgCluster {
  #process: ManagedProcess | null = null
  readonly #cleanup: () => void

  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly settings: Readonly<Record<string, string | number>>,
  ) {
    this.#cleanup = removeOnExit(dir)
  }

  get dataDir(): string {
    return join(this.dir, 'data')
  }

  /** initdb into a fresh directory and start. */
  static async create(options: PgClusterOptions = {}): Promise<PgCluster> {
    const dir = makeDirectory('tessera-pg-')
    const cluster = new PgCluster(dir, await freePort(), options.settings ?? {})
    try {
      await asUser(`${PG_BIN}/initdb`, [
        '-D',
        cluster.dataDir,
        '-U',
        'postgres',
        '--auth=trust',
        '--no-sync',
        '--encoding=UTF8',
        '--locale=C',
      ])
      // streaming replication needs WAL senders and a slot for a standby; both cost nothing idle
      appendFileSync(
        join(cluster.dataDir, 'postgresql.conf'),
        'wal_level = replica\nmax_wal_senders = 4\nhot_standby = on\n',
      )
      await cluster.start()
      return cluster
    } catch (err) {
      await cluster.destroy()
      throw err
    }
  }

  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`
  }

  get running(): boolean {
    return this.#process?.running ?? false
  }

  /** The postmaster's pid while it runs. */
  get pid(): number | null {
    return this.running ? this.#process!.pid : null
  }

  /** Starts the postmaster and resolves when it accepts connections (after any crash recovery). */
  async start(): Promise<void> {
    if (this.running) throw new Error('cluster already running')
    const user = unprivilegedUser()
    const args = ['-D', this.dataDir, ...this.#settingArgs()]
    const proc = ManagedProcess.spawn(`${PG_BIN}/postgres`, args, {
      env: { PATH: process.env.PATH ?? '', LC_ALL: 'C' },
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
    })
    this.#process = proc
    await proc.waitForLine(
      /database system is ready to accept (read-only )?connections/,
      60_000,
      `PostgreSQL on port ${this.port} to accept connections`,
    )
  }

  /** Stops the server (fast: rolls back open transactions, closes connections). */
  async stop(mode: StopMode = 'fast'): Promise<void> {
    const proc = this.#process
    if (!proc?.running) return
    proc.signal(STOP_SIGNAL[mode])
    await proc.exited
  }

  /** kill -9 of the postmaster and every backend: what a machine or container crash leaves. */
  async crash(): Promise<void> {
    const proc = this.#process
    if (!proc?.running) return
    proc.signalGroup('SIGKILL')
    await proc.exited
  }

  async restart(mode: StopMode = 'fast'): Promise<void> {
    await this.stop(mode)
    await this.start()
  }

  /** Server log so far (for failure messages). */
  log(): string {
    return this.#process?.tail() ?? ''
  }

  /** Runs one statement on a short-lived connection. */
  async query<R extends pg.QueryResultRow = Record<string, unknown>>(
    text: string,
    values: unknown[] = [],
    database = 'postgres',
  ): Promise<R[]> {
    const client = new pg.Client({ connectionString: this.url(database) })
    client.on('error', () => {}) // a fault test may kill this session too
    await client.connect()
    try {
      return (await client.query<R>(text, values)).rows
    } finally {
      await client.end().catch(() => {})
    }
  }

  async createDatabase(name: string): Promise<string> {
    await this.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`)
    return this.url(name)
  }

  /** Client backends (not the replication or background ones), optionally of one database. */
  async backends(database?: string): Promise<Backend[]> {
    const rows = await this.query<{
      pid: number
      datname: string | null
      application_name: string
      state: string | null
      query: string
    }>(
      `SELECT pid, datname, application_name, state, query FROM pg_stat_activity
        WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()
          AND ($1::text IS NULL OR datname = $1)`,
      [database ?? null],
    )
    return rows.map((r) => ({
      pid: r.pid,
      database: r.datname,
      applicationName: r.application_name,
      state: r.state,
      query: r.query,
    }))
  }

  /** pg_terminate_backend on every matching client backend (an administrator's or a proxy's reset). */
  async terminateBackends(
    database?: string,
    filter: (backend: Backend) => boolean = () => true,
  ): Promise<number> {
    const pids = (await this.backends(database)).filter(filter).map((b) => b.pid)
    if (pids.length)
      await this.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) pid', [pids])
    return pids.length
  }

  /**
   * Stops (SIGSTOP) or resumes (SIGCONT) backends: the connection stays open and silent, as
   * behind a network partition or a hung host, without the reset a termination sends.
   */
  signalBackends(pids: readonly number[], signal: 'SIGSTOP' | 'SIGCONT'): void {
    for (const pid of pids) process.kill(pid, signal)
  }

  /**
   * Holds a lock in an open transaction until released, e.g. `ACCESS EXCLUSIVE` on
   * `token_families` to stall every refresh.
   */
  async lock(
    table: string,
    database: string,
    mode = 'ACCESS EXCLUSIVE',
    searchPath?: string,
  ): Promise<{ release(): Promise<void> }> {
    const client = new pg.Client({ connectionString: this.url(database) })
    client.on('error', () => {})
    await client.connect()
    if (searchPath) await client.query(`SET search_path TO ${pg.escapeIdentifier(searchPath)}`)
    await client.query('BEGIN')
    await client.query(`LOCK TABLE ${table} IN ${mode} MODE`)
    return {
      async release() {
        await client.query('ROLLBACK').catch(() => {})
        await client.end().catch(() => {})
      },
    }
  }

  /**
   * A streaming standby of this cluster, started and caught up. Synchronous: every commit on the
   * primary waits until the standby has it (so a failover loses nothing acknowledged).
   */
  async createStandby(options: { synchronous?: boolean } = {}): Promise<PgCluster> {
    const name = `standby_${this.port}`
    const standby = new PgCluster(
      makeDirectory('tessera-pg-standby-'),
      await freePort(),
      this.settings,
    )
    try {
      await asUser(`${PG_BIN}/pg_basebackup`, [
        '-D',
        standby.dataDir,
        '-d',
        `host=127.0.0.1 port=${this.port} user=postgres application_name=${name}`,
        '--write-recovery-conf',
        '--wal-method=stream',
        '--checkpoint=fast',
        '--no-sync',
      ])
      await standby.start()
      if (options.synchronous !== false) {
        await this.query(`ALTER SYSTEM SET synchronous_standby_names = '${name}'`)
        await this.query('SELECT pg_reload_conf()')
        await waitUntil(async () => {
          const [row] = await this.query<{ sync_state: string }>(
            'SELECT sync_state FROM pg_stat_replication WHERE application_name = $1',
            [name],
          )
          return row?.sync_state === 'sync'
        }, `standby ${name} to be synchronous`)
      }
      return standby
    } catch (err) {
      await standby.destroy()
      throw err
    }
  }

  /** Promotes a standby to primary and resolves once it accepts writes. */
  async promote(): Promise<void> {
    const [row] = await this.query<{ promoted: boolean }>('SELECT pg_promote(true, 30) AS promoted')
    if (!row?.promoted)
      throw new Error(`standby on port ${this.port} was not promoted:\n${this.log()}`)
  }

  async destroy(): Promise<void> {
    const proc = this.#process
    if (proc?.running) {
      proc.signalGroup('SIGKILL')
      await proc.exited
    }
    this.#cleanup()
  }

  #settingArgs(): string[] {
    const settings: Record<string, string | number> = {
      port: this.port,
      listen_addresses: '127.0.0.1',
      unix_socket_directories: '',
      fsync: 'off',
      shared_buffers: '32MB',
      max_connections: 100,
      ...this.settings,
    }
    return Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])
  }
}

function makeDirectory(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  const user = unprivilegedUser()
  if (user) chownSync(dir, user.uid, user.gid)
  return dir
}

async function asUser(command: string, args: string[]): Promise<void> {
  const user = unprivilegedUser()
  try {
    await run(command, args, {
      env: { PATH: process.env.PATH ?? '', LC_ALL: 'C' },
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
    })
  } catch (err) {
    const e = err as { stderr?: string; message: string }
    throw new Error(`${command} failed: ${e.stderr || e.message}`)
  }
}

async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  // polling is the only way to observe replication state; 50 ms keeps it quick
  while (Date.now() < deadline) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`timed out waiting for ${what}`)
}
