import pino from 'pino'
import { afterEach, expect, test, vi } from 'vitest'
import { expectError } from '../../helpers/expect-error.js'
import { describeApp } from '../../helpers/fixture.js'
import { OPERATOR_KEY } from '../../helpers/http.js'

const lines: string[] = []

describeApp(
  'the log of a 5xx',
  { logger: pino({ level: 'error' }, { write: (line: string) => void lines.push(line) }) },
  (t) => {
    afterEach(() => {
      vi.restoreAllMocks()
    })

    test('carries the cause with its stack, under the request id of the response', async () => {
      lines.length = 0
      function listOrganizationsFailing(): never {
        throw new Error('disk on fire')
      }
      vi.spyOn(t.tessera.organizations, 'list').mockImplementation(async () =>
        listOrganizationsFailing(),
      )
      const res = await t.request({
        method: 'GET',
        url: '/v2/admin/organizations',
        headers: { authorization: `Bearer ${OPERATOR_KEY}` },
      })
      expectError(res, 500, 'InternalServerErrorException', 'Internal server error')
      const entry = lines
        .map(
          (line) =>
            JSON.parse(line) as {
              msg: string
              reqId?: string
              err?: { message: string; stack?: string }
            },
        )
        .find((e) => e.msg === 'request failed')
      expect(entry?.reqId).toBe(res.headers['x-request-id'])
      expect(entry?.err?.message).toBe('disk on fire')
      expect(entry?.err?.stack).toContain('listOrganizationsFailing')
    })
  },
)
