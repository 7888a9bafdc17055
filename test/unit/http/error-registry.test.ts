import { readFileSync } from 'node:fs'
import Fastify from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DomainError, ERROR_CODES, type ErrorCode } from '../../../src/errors.js'
import { renderErrorsDoc } from '../../../src/http/error-docs.js'
import { registerErrorHandling } from '../../../src/http/error-handler.js'
import { WIRE } from '../../../src/http/error-wire.js'

const DETAIL = 'internal-detail-7f3a'
const FIELDS = [{ property: 'name', constraints: { isString: 'name must be a string' } }]

describe('the error registry', () => {
  const lines: string[] = []
  const app = Fastify({
    logger: { level: 'info', stream: { write: (line: string) => void lines.push(line) } },
  })

  beforeAll(async () => {
    registerErrorHandling(app)
    const fail = (request: { params: unknown }): never => {
      const { code } = request.params as { code: ErrorCode }
      throw new DomainError(code, 'What the caller reads', {
        detail: DETAIL,
        fields: FIELDS,
        headers: { 'x-from-error': 'yes' },
      })
    }
    app.get('/calcom/:code', fail)
    app.post('/oauth/:code', { config: { errorFormat: 'oauth' } }, fail)
    await app.ready()
  })
  afterAll(() => app.close())

  it('keeps docs/errors.md in sync with the registry (npm run docs:errors)', () => {
    const file = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8')
    expect(file).toBe(renderErrorsDoc())
  })

  for (const code of Object.keys(ERROR_CODES) as ErrorCode[]) {
    const wire = WIRE[code]

    it(`${code}: ${wire.status} ${wire.calcom} in the envelope, details ${wire.details}`, async () => {
      const res = await app.inject({ method: 'GET', url: `/calcom/${code}` })
      expect(res.statusCode).toBe(wire.status)
      const body = res.json()
      expect(Object.keys(body).sort()).toEqual(['error', 'path', 'status', 'timestamp'])
      expect(body.error.code).toBe(wire.calcom)
      expect(body.error.message).toBe('What the caller reads')
      const details = {
        nest: {
          message: 'What the caller reads',
          error: expect.any(String),
          statusCode: wire.status,
        },
        none: undefined,
        fields: { errors: FIELDS },
        message: 'What the caller reads',
      }[wire.details]
      expect(body.error.details).toEqual(details)
      expect(res.headers['x-from-error']).toBe('yes')
      expect(res.body).not.toContain(DETAIL)
    })

    it(`${code}: ${wire.oauth.status} ${wire.oauth.error} on the RFC endpoints`, async () => {
      const res = await app.inject({ method: 'POST', url: `/oauth/${code}` })
      expect(res.statusCode).toBe(wire.oauth.status)
      expect(res.json()).toEqual({
        error: wire.oauth.error,
        error_description: wire.oauth.description ?? 'What the caller reads',
      })
      expect(res.headers['cache-control']).toBe('no-store')
      expect(res.body).not.toContain(DETAIL)
    })
  }

  it('logs the internal detail of a refusal with its code and request id', async () => {
    lines.length = 0
    await app.inject({ method: 'GET', url: '/calcom/refresh_token_invalid' })
    const entry = lines
      .map(
        (line) =>
          JSON.parse(line) as { msg: string; reqId?: string; code?: string; detail?: string },
      )
      .find((e) => e.msg === 'request refused')
    expect(entry).toMatchObject({ code: 'refresh_token_invalid', detail: DETAIL })
    expect(entry?.reqId).toMatch(/\S/)
  })
})
