#!/usr/bin/env node
import pino from 'pino'
import { ConfigError, loadConfig, type Config } from '../config/config.js'
import { renderConfigurationDoc } from '../config/docs.js'
import { MasterKeyError } from '../crypto/master-key.js'
import { DataDirLockedError } from '../db/data-dir-lock.js'
import { openDatabase } from '../db/database.js'
import { migrateToLatest } from '../db/migrate.js'
import { verifyAuditChains } from '../domain/audit/verify.js'
import { runMaintenance } from '../domain/maintenance.js'
import { createTessera, type Tessera } from '../tessera.js'

const USAGE = `Usage: tessera <command>

Commands:
  migrate                      apply database migrations (also done at every start)
  signing-keys rotate          make a new key sign access tokens; the old one keeps verifying
                               until its last token expires (same as POST /v2/admin/signing-keys/rotate)
  audit verify [--org <id>]    check the audit hash chains; exit 1 and name the first altered
                               or missing row if one was tampered with
  operator-key reset           replace a generated operator key (not with TESSERA_ADMIN_KEY)
  prune                        delete expired sessions, retired keys and old audit events now
  docs-config                  print docs/configuration.md (generated from the variable list)

Reads the same environment variables as the server (see docs/configuration.md). In embedded mode
(no DATABASE_URL) stop the server first: the embedded database serves one process at a time.`

async function main(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv
  if (!command || command === '--help' || command === 'help') {
    ;(command ? process.stdout : process.stderr).write(`${USAGE}\n`)
    return command ? 0 : 2
  }
  if (command === 'docs-config') {
    process.stdout.write(renderConfigurationDoc())
    return 0
  }
  const config = loadConfig(process.env)
  switch (command) {
    case 'migrate':
      return migrate(config)
    case 'signing-keys':
      if (sub !== 'rotate') break
      return withTessera(config, async (t) => {
        const result = await t.keyRing.rotate('operator:cli')
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
        return 0
      })
    case 'audit':
      if (sub !== 'verify') break
      return withTessera(config, async (t) => {
        const org = flag(rest, '--org')
        if (org !== undefined && !/^\d+$/.test(org)) {
          process.stderr.write('--org takes an organization id (0: instance events)\n')
          return 2
        }
        await t.sealAudit()
        const report = await verifyAuditChains(
          t.ctx.database.db,
          org !== undefined ? { chainId: Number(org) } : {},
        )
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
        if (report.problem) process.stderr.write(`audit chain broken: ${report.problem.message}\n`)
        return report.ok ? 0 : 1
      })
    case 'operator-key':
      if (sub !== 'reset') break
      if (config.adminKey) {
        process.stderr.write('TESSERA_ADMIN_KEY is set: change that variable instead.\n')
        return 1
      }
      return withTessera(
        config,
        async (t) => {
          const key = await t.operatorKey.reset()
          process.stdout.write(`New operator key (shown once, store it now):\n\n  ${key}\n\n`)
          return 0
        },
        { announceGeneratedKey: false },
      )
    case 'prune':
      return withTessera(config, async (t) => {
        const report = await runMaintenance(t.ctx, {
          keyRing: t.keyRing,
          revokedFamilies: t.revokedFamilies,
        })
        process.stdout.write(`${JSON.stringify(report)}\n`)
        if (report.auditBlocked.length > 0) {
          process.stderr.write(`audit pruning stopped: ${report.auditBlocked.join('; ')}\n`)
          return 1
        }
        return 0
      })
  }
  process.stderr.write(`Unknown command: ${argv.join(' ')}\n\n${USAGE}\n`)
  return 2
}

async function migrate(config: Config): Promise<number> {
  const logger = pino({ level: config.logLevel })
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: 1,
    logger,
    // this command reports the migrations it applies: a new data directory gets them one by one
    seedFromImage: false,
  })
  try {
    const result = await migrateToLatest(database.db)
    for (const r of result.results ?? []) process.stdout.write(`${r.status}: ${r.migrationName}\n`)
    if (result.error) throw result.error
    if ((result.results ?? []).length === 0) process.stdout.write('up to date\n')
    return 0
  } finally {
    await database.close()
  }
}

async function withTessera(
  config: Config,
  run: (t: Tessera) => Promise<number>,
  options: { announceGeneratedKey: boolean } = { announceGeneratedKey: true },
): Promise<number> {
  const tessera = await createTessera(config, {
    logger: pino({ level: config.logLevel === 'info' ? 'warn' : config.logLevel }),
    background: false,
  })
  try {
    // stderr: stdout stays the command's own (JSON) output
    if (tessera.generatedOperatorKey && options.announceGeneratedKey) {
      process.stderr.write(
        `Generated operator key (shown once, store it now):\n\n  ${tessera.generatedOperatorKey}\n\n`,
      )
    }
    return await run(tessera)
  } finally {
    await tessera.close()
  }
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name)
  if (i < 0) return undefined
  // a flag given without its value is a usage error, not "every chain"
  return args[i + 1] ?? ''
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    const known =
      err instanceof ConfigError ||
      err instanceof MasterKeyError ||
      err instanceof DataDirLockedError
    process.stderr.write(
      `tessera: ${known ? (err as Error).message : String((err as Error)?.stack ?? err)}\n`,
    )
    process.exit(1)
  })
