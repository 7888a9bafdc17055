import pino from 'pino'
import { expect, it } from 'vitest'
import { expectError } from '../../helpers/expect-error.js'
import { describeApp } from '../../helpers/fixture.js'

// Operators test expiry paths with lifetimes of a second; the start warns, it does not refuse.
const lines: string[] = []

describeApp(
  'a refresh-token lifetime of 1 s',
  {
    clock: Date.UTC(2026, 0, 1),
    env: { TESSERA_ACCESS_TOKEN_TTL_SECONDS: '1', TESSERA_REFRESH_TOKEN_TTL_SECONDS: '1' },
    logger: pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) }),
  },
  (t) => {
    it('starts with a warning naming the variable and the reuse interval it undercuts', () => {
      const warnings = lines
        .map((line) => JSON.parse(line) as { level: number; variable?: string; msg: string })
        .filter((entry) => entry.variable === 'TESSERA_REFRESH_TOKEN_TTL_SECONDS')
      expect(warnings.length).toBeGreaterThanOrEqual(1)
      expect(warnings[0]?.level).toBe(40)
      expect(warnings[0]?.msg).toContain('TESSERA_REFRESH_REUSE_INTERVAL_SECONDS')
    })

    it('issues tokens that expire after exactly 1 s, after which refresh is refused', async () => {
      const client = await t.createClient()
      const issuedAt = t.clock()
      const created = await t.createUser(client)
      expect(created.refreshTokenExpiresAt).toBe(issuedAt + 1_000)
      t.clock.advance(1_001)
      const res = await t.refresh(client, created.refreshToken)
      expectError(res, 400, 'BadRequestException', 'Invalid refresh token')
    })
  },
)
