import type { Command } from '../command.js'

export const migrate: Command = {
  words: ['migrate'],
  summary: 'apply database migrations (also done at every start)',
  async run({ env, out }) {
    // loaded here: remote commands start without the database drivers
    const [{ default: pino }, { loadConfig }, { openDatabase }, { migrateToLatest }] =
      await Promise.all([
        import('pino'),
        import('../../config/config.js'),
        import('../../db/database.js'),
        import('../../db/migrate.js'),
      ])
    const config = loadConfig(env)
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
      for (const r of result.results ?? []) out.line(`${r.status}: ${r.migrationName}`)
      if (result.error) throw result.error
      if ((result.results ?? []).length === 0) out.line('up to date')
      return 0
    } finally {
      await database.close()
    }
  },
}
