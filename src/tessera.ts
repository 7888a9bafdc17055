import pino, { type Logger } from 'pino'
import { configWarnings, type Config } from './config/config.js'
import { systemClock, type Clock, type Context } from './context.js'
import { loadMasterKey, MasterKeyError, type ServerKeys } from './crypto/master-key.js'
import { openDatabase, type Database } from './db/database.js'
import { migrateToLatest } from './db/migrate.js'
import { whileDatabaseUnavailable } from './db/wait-for-database.js'
import { startSealer } from './domain/audit/sealer.js'
import { ChangeFeed } from './domain/changes/change-feed.js'
import { ClientService } from './domain/clients/client.service.js'
import { ImportService } from './domain/import/import.service.js'
import { deliveryObserver } from './domain/events/delivery-metrics.js'
import { createEventDelivery, type EventDelivery } from './domain/events/event-delivery.js'
import type { Resolver } from './domain/events/outbound/address-policy.js'
import { KeyRing } from './domain/keys/key-ring.js'
import { startMaintenance } from './domain/maintenance.js'
import { Metrics } from './domain/metrics.js'
import { OperatorKey } from './domain/organizations/operator-key.js'
import { OrganizationService } from './domain/organizations/organization.service.js'
import { createRateLimiter, type RateLimiter } from './domain/rate-limit/rate-limiter.js'
import { Readiness } from './health/readiness.js'
import { SaturationSensor } from './health/saturation.js'
import type { StartupProgress } from './health/startup-progress.js'
import { timeConnectionAcquire } from './metrics/acquire-metrics.js'
import { registerGauges } from './metrics/gauges.js'
import { AccessTokenVerifier } from './domain/tokens/access-verifier.js'
import { RefreshService } from './domain/tokens/refresh.js'
import { RevokedFamilies } from './domain/tokens/revoked-families.js'
import { RotationBatcher } from './domain/tokens/rotation-batcher.js'
import { SessionService } from './domain/tokens/session.service.js'
import { TokenInspector } from './domain/tokens/token-inspector.js'
import { TokenIssuer } from './domain/tokens/token-issuer.js'
import { ManagedUserService } from './domain/users/managed-user.service.js'
import { FaultLog } from './faults/fault-log.js'
import { countFaults } from './faults/fault-metrics.js'

/** Everything a running instance is made of; the HTTP app and the CLI are thin layers over it. */
export interface Tessera {
  readonly ctx: Context
  readonly metrics: Metrics
  readonly keyRing: KeyRing
  readonly operatorKey: OperatorKey
  readonly organizations: OrganizationService
  readonly clients: ClientService
  readonly users: ManagedUserService
  /** Cal.com Platform organizations moved in with their ids and secrets. */
  readonly imports: ImportService
  readonly issuer: TokenIssuer
  readonly refresh: RefreshService
  readonly sessions: SessionService
  readonly verifier: AccessTokenVerifier
  readonly inspector: TokenInspector
  readonly revokedFamilies: RevokedFamilies
  readonly limiter: RateLimiter
  /** Webhooks, Shared Signals streams and the outbox that delivers to them. */
  readonly events: EventDelivery
  /** `/health/ready`'s checks, and the draining flag a SIGTERM sets. */
  readonly readiness: Readiness
  /** Told of every request answered; says when requests saturate the process (deliveries yield). */
  readonly saturation: SaturationSensor
  /** Set when this start generated the operator key: print it once. */
  readonly generatedOperatorKey: string | null
  /** Seals pending audit events now (tests and shutdown). */
  sealAudit(): Promise<number>
  close(): Promise<void>
}

export interface CreateOptions {
  readonly logger?: Logger
  readonly clock?: Clock
  /** An already open database (tests); otherwise opened from the configuration. */
  readonly database?: Database
  /** Background jobs (audit sealing, pruning, event delivery); tests drive them by hand. */
  readonly background?: boolean
  /** Tests: the name resolution outbound deliveries use (DNS rebinding). */
  readonly resolver?: Resolver
  /** Told each step and every wait for the database, for the probes that answer meanwhile. */
  readonly progress?: StartupProgress
}

const MASTER_KEY_CHECK = 'master_key_check'

/** Opens the database, migrates it, loads keys and builds every service. */
export async function createTessera(
  configured: Config,
  options: CreateOptions = {},
): Promise<Tessera> {
  let config = configured
  const logger = options.logger ?? pino({ level: config.logLevel })
  const clock = options.clock ?? systemClock
  for (const { variable, message } of configWarnings(config)) logger.warn({ variable }, message)
  const keys = loadMasterKey(config.masterKey, config.dataDir)
  const metrics = new Metrics()
  const faults = new FaultLog(logger)
  countFaults(faults, metrics)
  const database =
    options.database ??
    (await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      poolSize: config.dbPoolSize,
      logger,
      faults,
      timeouts: config.dbTimeouts,
      heartbeatMs: config.changeFeedHeartbeatMs,
    }))
  timeConnectionAcquire(metrics, database)
  // Every step below is idempotent, so a database that goes away during start-up is waited for.
  const { progress } = options
  const untilAvailable = <T>(step: () => Promise<T>, what: string) =>
    whileDatabaseUnavailable(step, faults, what, progress)
  try {
    config = await untilAvailable(async () => {
      const migration = await migrateToLatest(database.db)
      if (migration.error) throw migration.error
      await checkMasterKey(database, keys)
      return resolveIssuer(database, config)
    }, 'migrations')
    progress?.migrated()

    const changes = new ChangeFeed(database, faults)
    const ctx: Context = { config, logger, database, keys, clock, changes, faults }
    const keyRing = new KeyRing(ctx)
    const revokedFamilies = new RevokedFamilies(ctx)
    progress?.step('change feed')
    await changes.start()
    await untilAvailable(() => keyRing.ensureActive(config.signingAlg), 'signing keys')
    await untilAvailable(() => revokedFamilies.load(), 'revoked token families')

    const operatorKey = new OperatorKey(ctx)
    const generatedOperatorKey = await untilAvailable(() => operatorKey.ensure(), 'operator key')
    const issuer = new TokenIssuer(ctx, keyRing)
    progress?.step('rate limiter and background jobs')
    const limiter = await createRateLimiter({
      config: config.rateLimit,
      redisUrl: config.redisUrl,
      redisTimeouts: config.redisTimeouts,
      clock,
      logger,
      onRedisError: () => faults.tally('redis'),
    })
    const sealer = startSealer({
      db: database.db,
      faults,
      intervalMs: options.background === false ? 0 : 250,
    })
    const maintenance =
      options.background === false ? null : startMaintenance(ctx, { keyRing, revokedFamilies })
    const saturation = new SaturationSensor(config.webhooks.yieldAbovePercent)
    const events = createEventDelivery(ctx, {
      keyRing,
      background: options.background !== false,
      observer: deliveryObserver(metrics),
      load: saturation,
      ...(options.resolver ? { resolver: options.resolver } : {}),
    })

    registerGauges(metrics, { database, poolSize: config.dbPoolSize, changes, events })
    return {
      ctx,
      metrics,
      keyRing,
      operatorKey,
      organizations: new OrganizationService(ctx),
      clients: new ClientService(ctx),
      users: new ManagedUserService(ctx, issuer, metrics),
      imports: new ImportService(ctx),
      issuer,
      refresh: new RefreshService(
        ctx,
        issuer,
        metrics,
        // Two statements in flight keep PostgreSQL busy while the next batch gathers (measured:
        // 1 and 2 beat 4 at concurrency 16 and 64, docs/performance.md); one process cannot
        // produce refreshes faster than two slots of up to 128 rotations absorb. Embedded: one
        // session, one statement at a time.
        new RotationBatcher(
          database.sql,
          database.kind === 'pglite' ? 1 : Math.min(2, config.dbPoolSize),
          128,
          clock,
        ),
      ),
      sessions: new SessionService(ctx),
      verifier: new AccessTokenVerifier(ctx, keyRing, revokedFamilies, metrics),
      inspector: new TokenInspector(ctx, keyRing),
      revokedFamilies,
      limiter,
      events,
      readiness: new Readiness({ database, changes }),
      saturation,
      generatedOperatorKey,
      sealAudit: () => sealer.sealNow(),
      async close() {
        maintenance?.stop()
        await events.close()
        await sealer.stop()
        await limiter.close()
        await changes.stop()
        await database.close()
      },
    }
  } catch (err) {
    await database.close().catch(() => {})
    throw err
  }
}

/** The issuer (and default audience) of tokens: configured, or remembered from the first start. */
async function resolveIssuer(database: Database, config: Config): Promise<Config> {
  if (config.issuerConfigured) return config
  await database.db
    .insertInto('instance_settings')
    .values({ key: 'default_issuer', value: config.issuer })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute()
  const { value } = await database.db
    .selectFrom('instance_settings')
    .select('value')
    .where('key', '=', 'default_issuer')
    .executeTakeFirstOrThrow()
  return Object.freeze({
    ...config,
    issuer: value,
    audience: config.audienceConfigured ? config.audience : value,
  })
}

/**
 * Refuses to run with a master key other than the one the database was first used with: every
 * stored secret hash and every encrypted signing key would silently stop matching.
 */
async function checkMasterKey(database: Database, keys: ServerKeys): Promise<void> {
  await database.db
    .insertInto('instance_settings')
    .values({ key: MASTER_KEY_CHECK, value: keys.check })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute()
  const row = await database.db
    .selectFrom('instance_settings')
    .select('value')
    .where('key', '=', MASTER_KEY_CHECK)
    .executeTakeFirstOrThrow()
  if (row.value !== keys.check) {
    throw new MasterKeyError(
      keys.source === 'environment'
        ? 'TESSERA_MASTER_KEY is not the key this database was set up with'
        : 'TESSERA_MASTER_KEY is unset and the key in TESSERA_DATA_DIR/master.key is not the one this database was set up with: set TESSERA_MASTER_KEY to the instance key',
    )
  }
}
