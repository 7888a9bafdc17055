import { readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { describe, expect, it } from 'vitest'
import { parseWorkerCount, workersProblem } from '../../../src/cluster/worker-count.js'
import { ConfigError, configWarnings, loadConfig } from '../../../src/config/config.js'
import { renderConfigurationDoc, renderEnvExample } from '../../../src/config/docs.js'
import { variables } from '../../../src/config/schema.js'

describe('configuration', () => {
  it('has defaults that match the contract', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 5555,
      accessTokenTtlSeconds: 3600,
      refreshTokenTtlSeconds: 31_536_000,
      refreshReuseIntervalSeconds: 30,
      signingAlg: 'EdDSA',
      secretRotationGraceSeconds: 86_400,
      databaseUrl: undefined,
      issuer: 'http://127.0.0.1:5555',
      issuerConfigured: false,
    })
    expect(config.dataDir.endsWith('/.tessera')).toBe(true)
    expect(Object.isFrozen(config) && Object.isFrozen(config.rateLimit)).toBe(true)
  })

  it('reports every bad value at once, naming each variable, without echoing secrets or URLs', () => {
    let error: unknown
    try {
      loadConfig({
        PORT: 'eighty',
        TESSERA_ACCESS_TOKEN_TTL_SECONDS: '0',
        TESSERA_SIGNING_ALG: 'RS256',
        TESSERA_MASTER_KEY: 'too-short-secret',
        DATABASE_URL: 'not a url with p@ssword',
        TESSERA_RATE_LIMIT_ENABLED: 'maybe',
      })
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(ConfigError)
    const message = (error as ConfigError).message
    for (const name of [
      'PORT',
      'TESSERA_ACCESS_TOKEN_TTL_SECONDS',
      'TESSERA_SIGNING_ALG',
      'TESSERA_MASTER_KEY',
      'DATABASE_URL',
      'TESSERA_RATE_LIMIT_ENABLED',
    ]) {
      expect(message).toContain(`${name}:`)
    }
    expect(message).not.toContain('too-short-secret')
    expect(message).not.toContain('p@ssword')
  })

  it('accepts a master key as hex or base64url', () => {
    expect(loadConfig({ TESSERA_MASTER_KEY: 'ab'.repeat(32) }).masterKey).toBe('ab'.repeat(32))
    expect(loadConfig({ TESSERA_MASTER_KEY: 'A'.repeat(43) }).masterKey).toBe('A'.repeat(43))
  })

  it('takes TESSERA_WORKERS as a count or auto, and more than one only with PostgreSQL', () => {
    const pg = { DATABASE_URL: 'postgres://localhost/tessera' }
    expect(loadConfig({}).workers).toBe(1)
    expect(loadConfig({ ...pg, TESSERA_WORKERS: '4' }).workers).toBe(4)
    expect(loadConfig({ ...pg, TESSERA_WORKERS: 'auto' }).workers).toBe(availableParallelism())
    expect(() => loadConfig({ TESSERA_WORKERS: '2' })).toThrow(
      'TESSERA_WORKERS: 2 server processes need PostgreSQL',
    )
    expect(() => loadConfig({ ...pg, TESSERA_WORKERS: '0' })).toThrow(
      'TESSERA_WORKERS: must be from 1 to 64',
    )
    expect(() => loadConfig({ ...pg, TESSERA_WORKERS: 'many' })).toThrow(
      'TESSERA_WORKERS: expected a whole number or "auto", got "many"',
    )
    expect(parseWorkerCount('auto', 1)).toBe(1)
    expect(parseWorkerCount('AUTO', 128)).toBe(64)
    expect(workersProblem(2, 'auto', undefined)).toMatch(/^auto \(2 cores\) server processes/)
  })

  it('keeps docs/configuration.md in sync with the variable list (npm run docs:config)', () => {
    const file = readFileSync(new URL('../../../docs/configuration.md', import.meta.url), 'utf8')
    expect(file).toBe(renderConfigurationDoc())
  })

  it('keeps .env.example in sync with the schema (npm run docs:config)', () => {
    const example = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8')
    expect(example).toBe(renderEnvExample())
    for (const { name } of variables())
      expect(example, name).toMatch(new RegExp(`^# ${name}=`, 'm'))
  })

  it('names every variable in the README', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')
    for (const { name } of variables()) expect(readme, name).toContain(name)
  })

  it('applies the ranges of the schema, naming the bound', () => {
    expect(() => loadConfig({ PORT: '65536' })).toThrow('PORT: must be at most 65535')
    expect(() => loadConfig({ TESSERA_DB_POOL_SIZE: '0' })).toThrow(
      'TESSERA_DB_POOL_SIZE: must be at least 1',
    )
    expect(() => loadConfig({ TESSERA_ADMIN_KEY: 'short' })).toThrow(
      'TESSERA_ADMIN_KEY: must be at least 8 characters without spaces',
    )
  })

  it('bounds the Redis calls of the rate limiter, 200 ms and 1 s unless set', () => {
    expect(loadConfig({}).redisTimeouts).toEqual({ commandMs: 200, connectMs: 1000 })
    expect(
      loadConfig({
        TESSERA_REDIS_COMMAND_TIMEOUT_MS: '50',
        TESSERA_REDIS_CONNECT_TIMEOUT_MS: '5000',
      }).redisTimeouts,
    ).toEqual({ commandMs: 50, connectMs: 5000 })
    // under 20 ms an admission's budget (half of it) is below a round trip on a busy host
    expect(() => loadConfig({ TESSERA_REDIS_COMMAND_TIMEOUT_MS: '10' })).toThrow(
      'TESSERA_REDIS_COMMAND_TIMEOUT_MS: must be at least 20',
    )
    expect(() => loadConfig({ TESSERA_REDIS_COMMAND_TIMEOUT_MS: '10001' })).toThrow(
      'TESSERA_REDIS_COMMAND_TIMEOUT_MS: must be at most 10000',
    )
    expect(() => loadConfig({ TESSERA_REDIS_CONNECT_TIMEOUT_MS: '99' })).toThrow(
      'TESSERA_REDIS_CONNECT_TIMEOUT_MS: must be at least 100',
    )
    expect(() => loadConfig({ TESSERA_REDIS_CONNECT_TIMEOUT_MS: '1s' })).toThrow(
      'TESSERA_REDIS_CONNECT_TIMEOUT_MS:',
    )
  })

  it('treats an empty value as unset and parses booleans in their usual spellings', () => {
    expect(loadConfig({ PORT: '' }).port).toBe(5555)
    expect(loadConfig({ TESSERA_TRUST_PROXY: 'Yes' }).trustProxy).toBe(true)
    expect(loadConfig({ TESSERA_RATE_LIMIT_ENABLED: 'off' }).rateLimit.enabled).toBe(false)
  })

  it('refuses more failures than requests in a rate-limit budget', () => {
    expect(() =>
      loadConfig({ TESSERA_RATE_LIMIT_REQUESTS: '10', TESSERA_RATE_LIMIT_FAILURES: '11' }),
    ).toThrow('TESSERA_RATE_LIMIT_FAILURES: must not exceed TESSERA_RATE_LIMIT_REQUESTS')
  })

  it('accepts a refresh-token lifetime of 1 s, with warnings naming what it undercuts', () => {
    const config = loadConfig({
      TESSERA_REFRESH_TOKEN_TTL_SECONDS: '1',
      TESSERA_ACCESS_TOKEN_TTL_SECONDS: '1',
    })
    expect(config.refreshTokenTtlSeconds).toBe(1)
    const warnings = configWarnings(config)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]?.variable).toBe('TESSERA_REFRESH_TOKEN_TTL_SECONDS')
    expect(warnings[0]?.message).toContain('TESSERA_REFRESH_REUSE_INTERVAL_SECONDS')
    expect(() => loadConfig({ TESSERA_REFRESH_TOKEN_TTL_SECONDS: '0' })).toThrow(
      'TESSERA_REFRESH_TOKEN_TTL_SECONDS: must be at least 1',
    )
  })

  it('has no warnings at the defaults', () => {
    expect(configWarnings(loadConfig({}))).toEqual([])
  })
})
