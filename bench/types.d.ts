// Types of the benchmark (JavaScript checked by `tsc` through JSDoc; see README.md "Code").
// Nothing here runs: Node loads the .mjs files, TypeScript reads these declarations.

import type { IncomingHttpHeaders } from 'node:http'
import type pg from 'pg'
import type { ChildServer, Stopped } from '../test/helpers/processes.mjs'
import type { machineInfo } from './lib/proc-stats.mjs'

/** The command line, parsed and checked (`lib/options.mjs`). */
export interface Options {
  help?: boolean
  modes: string[]
  concurrency: number[]
  duration: number
  warmup: number
  rounds: number
  users: number
  alg: 'EdDSA' | 'HS256' | 'ES256'
  embedded: boolean
  baseline: boolean
  scale: boolean
  /** The webhook rows (phases/webhooks.mjs); `--no-webhooks` turns them off. */
  webhooks: boolean
  /** The TESSERA_WORKERS=1/2 rows (phases/workers.mjs); `--no-workers` turns them off. */
  workers: boolean
  /** The embedded cold-start and RSS rows (phases/embedded.mjs); `--no-embedded-rows` turns them off. */
  embeddedRows: boolean
  scaleUsers: number
  scaleEvents: number
  maxRequests: number
  timeoutMs: number
  keepDatabases: boolean
  prewarm: number
  nodeArgs: string[]
}

/** A provisioned user as a virtual user (VU) drives it; the load mutates its token state. */
export interface Vu {
  index: number
  clientId: string
  clientSecret: string
  userId?: number
  refreshToken?: string
  accessToken?: string
  /** Set when the VU saw an error: its token state is unknown, it takes no further part. */
  retired?: { mode: string; reason: string; at: string }
  /** Users this VU created (mode `create`). */
  created?: number
  generation?: number
}

/** A provisioned user with its first token pair. */
export type User = Vu & { userId: number; refreshToken: string; accessToken: string }

/** A server under test: Tessera, the baseline, or Tessera on the scale database. */
export interface Target {
  name: string
  baseUrl: string
  proc: ChildServer
  pid: number | undefined
  /** The PostgreSQL postmaster, when it runs on this machine (for the pg CPU column). */
  pgPid: number | null
  /** The target's own database, whose backends' CPU is measured; null in embedded mode. */
  dbName: string | null
  logPath: string
  readyMs?: number
  clientId: string
  clientSecret: string
  organizationId?: number
  apiKey?: string
  vus: User[]
  canaries: User[]
  /** Fingerprints of every refresh token this target handed out (a repeat is an error). */
  seen: Set<string>
  logOffset: number
  logMessages: Record<string, number>
}

/** What one closed-loop run returns (`lib/load.mjs`). */
export interface LoadResult {
  mode: string
  concurrency: number
  warmupMs: number
  durationMs: number
  windowMs: number
  requests: number
  ok: number
  okWarmup: number
  errors: number
  errorsByKind: Record<string, number>
  warmupErrors: number
  warmupErrorsByKind: Record<string, number>
  vusRetired: number
  capped: boolean
  watchdogFired: boolean
  rps: number
  latencyMs: {
    mean: number | null
    p50: number | null
    p90: number | null
    p99: number | null
    max: number | null
  }
  errorSamples: ErrorSample[]
}

/** One of the first errors of a run, for the report. */
export interface ErrorSample {
  phase: 'warmup' | 'measure'
  vu: number
  error: string
  status?: number
  body?: string
  message?: string
  requestId?: string | string[]
  at: string
}

export interface ServerLogScan {
  errors: number
  warnings: number
  other: number
  samples: string[]
  offset: number
}

/** One measured cell: a target × mode × concurrency × round. */
export interface Cell extends LoadResult {
  target: string
  round: number
  vusUsed: number
  cpu: {
    wallMs: number
    serverMs: number | null
    pgMs: number | null
    pgServerMs: number | null
    loadgenMs: number | null
    serverMsPerReq: number | null
    pgMsPerReq: number | null
    pgServerMsPerReq: number | null
    loadgenMsPerReq: number | null
    /** WAL written during the window (the whole PostgreSQL cluster's), and per request. */
    walBytes: number | null
    walBytesPerReq: number | null
    otherCores: number | null
  }
  peakRssMB: number | null
  peakRssScope: 'cell' | 'process lifetime'
  serverLog: Omit<ServerLogScan, 'offset'>
  serverExited?: unknown
}

/** One row of the summary table: medians over rounds of a target × mode × concurrency. */
export interface SummaryRow {
  target: string
  mode: string
  concurrency: number
  rounds: number
  rps: number | null
  rpsMin: number | null
  rpsMax: number | null
  p50: number | null
  p90: number | null
  p99: number | null
  ok: number
  errors: number
  errorsByKind: Record<string, number>
  vusUsed: number | null
  vusRetired: number
  serverCpuMsPerReq: number | null
  pgCpuMsPerReq: number | null
  loadgenCpuMsPerReq: number | null
  otherCpuCores: number | null
  peakRssMB: number | null
  serverLogErrors: number
  xBaseline?: number | null
}

/** `results/latest.json`: everything a run measured. Phases add their own parts. */
export interface Result {
  tool: 'tessera-bench'
  version: 1
  stamp: string
  startedAt: string
  finishedAt?: string
  loadavgEnd?: number[]
  command: string[]
  config: Record<string, unknown> & {
    modes: string[]
    concurrency: number[]
    duration: number
    warmup: number
    rounds: number
    users: number
    canaries: number
    alg: string
    embedded: boolean
  }
  machine: ReturnType<typeof machineInfo>
  project: { commit: string | null; dirtyFiles: number }
  postgres:
    (Record<string, string> & { postmasterPid?: number | null; cpuMeasured?: boolean }) | null
  tessera: TargetRecord | null
  baseline: TargetRecord | null
  prewarm?: Record<string, unknown>[]
  cells: Cell[]
  summary: SummaryRow[]
  probes: Record<string, ProbeResult>
  /** `--scale`: the seeding, the comparison and the storage figures (`phases/scale.mjs`). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a large record read by the report only
  scale: Record<string, any> | null
  /** Results of phases added later, by phase name (see README.md "Adding a row"). */
  sections: Record<string, unknown>
  findings: string[]
  error?: { message: string; status?: number; body?: string }
}

/** What the result keeps about a server under test (or why it did not run). */
export interface TargetRecord {
  skipped?: string
  storage?: 'embedded' | 'postgresql'
  database?: string | null
  pid?: number | undefined
  log?: string
  readyMs?: number
  logMessages?: Record<string, number>
  shutdown?: Stopped & { logErrorsAtShutdown: number; samples: string[] }
  peakRssLifetimeNote?: string
}

/** What `lib/probes.mjs` found; its fields are documented there. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- probe details vary per probe
export type ProbeResult = Record<string, any> & { pass?: boolean; skipped?: string }

/** The state of one bench run that every phase reads and extends (`lib/run-context.mjs`). */
export interface Run {
  readonly opts: Options
  readonly result: Result
  /** `DATABASE_URL`, or null (embedded only). */
  readonly databaseUrl: string | null
  /** Connected to `databaseUrl` for CREATE DATABASE and pg_stat_activity; null without one. */
  admin: pg.Client | null
  readonly stamp: string
  /** Lower case stamp for database names. */
  readonly dbSuffix: string
  readonly keys: { admin: string; master: string }
  readonly targets: Target[]
  log(...parts: unknown[]): void
  /** Registers an undo step (stop a server, drop a database); run newest first at the end or on Ctrl-C. */
  defer(step: () => Promise<unknown> | unknown): void
}

/**
 * A step of the run. `run` measures and records under `result` (a new phase: under
 * `result.sections[name]`); `markdown` renders its section of the report; `findings` returns lines
 * for the report's "Findings".
 */
export interface Phase {
  readonly name: string
  run(run: Run): Promise<void>
  markdown?(result: Result): string
  findings?(result: Result): string[]
}

/** A load mode: what a VU sends and what counts as a correct answer (`lib/modes.mjs`). */
export interface Mode {
  /** Runs on provisioned users' tokens (refresh, verify…) rather than creating its own. */
  usesTokens: boolean
  /** The status a correct answer has. */
  status: number
  /** False when the baseline server has no equivalent route: the mode measures Tessera alone. */
  baseline?: boolean
  request(vu: Vu, state: LoadState): HttpRequest
  /** Null when the body is right (updating the VU's token state), or a short reason. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- an answer body, checked field by field
  accept(json: any, vu: Vu, state: LoadState): string | null
}

/** Shared by a load run's VUs: the target's seen refresh tokens and a tag unique to the run. */
export interface LoadState {
  seen: Set<string>
  tag: string
}

export interface HttpRequest {
  method: string
  path: string
  headers?: Record<string, string | number>
  body?: string
}

export interface HttpResponse {
  status: number
  text: string
  headers: IncomingHttpHeaders
}
