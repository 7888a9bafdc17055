import { describe, expect, it } from 'vitest'
import { parseTriggers, triggerOf, triggersFor } from '../../../src/domain/events/event-catalog.js'
import {
  parseRetrySchedule,
  RetrySchedule,
  DEFAULT_RETRY_SCHEDULE,
} from '../../../src/domain/events/retry-schedule.js'
import { checkTemplate, renderTemplate } from '../../../src/domain/webhooks/template.js'
import { signWebhook, standardKey } from '../../../src/domain/webhooks/signing.js'

describe('retry schedule', () => {
  it("is Standard Webhooks' by default: 10 attempts over about three days", () => {
    const delays = parseRetrySchedule(DEFAULT_RETRY_SCHEDULE) as number[]
    expect(delays).toHaveLength(9)
    expect(delays.reduce((a, b) => a + b, 0) / 3_600_000).toBeCloseTo(75.6, 1)
  })

  it('jitters each delay by at most 20% either way, and gives up after the last', () => {
    const low = new RetrySchedule([10_000, 60_000], () => 0)
    const high = new RetrySchedule([10_000, 60_000], () => 0.999999)
    expect(low.next(1)).toEqual({ retry: true, delayMs: 8_000 })
    expect(high.next(2)).toEqual({ retry: true, delayMs: 72_000 })
    expect(low.next(3)).toEqual({ retry: false })
    expect(low.attempts).toBe(3)
  })

  it('uses a Retry-After instead of the schedule, capped at a day, but still counts the attempt', () => {
    const schedule = new RetrySchedule([5_000])
    expect(schedule.next(1, 120_000)).toEqual({ retry: true, delayMs: 120_000 })
    expect(schedule.next(1, 90 * 86_400_000)).toEqual({ retry: true, delayMs: 86_400_000 })
    expect(schedule.next(2, 1_000)).toEqual({ retry: false })
  })

  it('refuses schedules it cannot read, naming the entry', () => {
    expect(parseRetrySchedule('5s, 2x')).toEqual({
      problem: '"2x" is not a duration like 30s, 5m, 2h or 1d',
    })
    expect(parseRetrySchedule('8d')).toEqual({ problem: '"8d" is longer than 7 days' })
    expect(parseRetrySchedule('0ms,10ms,1s')).toEqual([0, 10, 1_000])
  })
})

describe('trigger catalog', () => {
  it('spells audit types as Cal.com-style triggers and reads both spellings, in the order given', () => {
    expect(triggerOf('token.force_refreshed')).toBe('TOKEN_FORCE_REFRESHED')
    expect(parseTriggers(['user.deleted', 'TOKEN_REVOKED', 'USER_DELETED'], 'client')).toEqual({
      ok: true,
      types: ['user.deleted', 'token.revoked'],
      triggers: ['USER_DELETED', 'TOKEN_REVOKED'],
    })
  })

  it('offers each level only what can reach it', () => {
    expect(triggersFor('client')).not.toContain('API_KEY_CREATED')
    expect(triggersFor('client')).toContain('SIGNING_KEY_ROTATED')
    expect(triggersFor('organization')).toContain('API_KEY_CREATED')
    expect(triggersFor('organization')).not.toContain('ORGANIZATION_CREATED')
    expect(triggersFor('instance')).toContain('ORGANIZATION_CREATED')
  })

  it("names Cal.com's meeting and recording triggers as Cal.com's", () => {
    for (const trigger of [
      'MEETING_ENDED',
      'RECORDING_READY',
      'BOOKING_NO_SHOW_UPDATED',
      'OOO_CREATED',
    ]) {
      const result = parseTriggers([trigger], 'client')
      expect(result.ok).toBe(false)
      expect(!result.ok && result.message).toContain(
        'is a Cal.com booking trigger, and Tessera has no bookings',
      )
    }
  })
})

describe('payload templates', () => {
  const context = {
    triggerEvent: 'USER_DELETED',
    userId: 7,
    data: { reason: 'a "quoted" & odd=value' },
  }

  it('renders JSON templates as JSON: a lone placeholder keeps its type, embedded ones are text', () => {
    expect(
      renderTemplate(
        '{"n":"{{userId}}","t":"user {{userId}}: {{data.reason}}","o":"{{data}}","x":"{{missing.path}}"}',
        context,
      ),
    ).toEqual({
      contentType: 'application/json',
      body: JSON.stringify({ n: 7, t: 'user 7: a "quoted" & odd=value', o: context.data, x: null }),
    })
  })

  it('form-encodes values in other templates, so a value cannot add a field', () => {
    const { body, contentType } = renderTemplate(
      'event={{triggerEvent}}&why={{data.reason}}',
      context,
    )
    expect(contentType).toBe('application/x-www-form-urlencoded')
    expect([...new URLSearchParams(body)]).toEqual([
      ['event', 'USER_DELETED'],
      ['why', 'a "quoted" & odd=value'],
    ])
  })

  it('reads only the event: no prototype, no helpers, no code', () => {
    expect(
      renderTemplate('{"a":"{{constructor}}","b":"{{__proto__.x}}","c":"{{toString}}"}', context)
        .body,
    ).toBe('{"a":null,"b":null,"c":null}')
    for (const template of [
      '{{#each data}}x{{/each}}',
      '{{> partial}}',
      '{{lookup data "x"}}',
      '{{a',
      'x}}',
    ]) {
      expect(checkTemplate(template).ok).toBe(false)
    }
    expect(checkTemplate('{{{ data.reason }}} and {{ userId }}').ok).toBe(true)
  })
})

describe('webhook signatures', () => {
  it('match the Standard Webhooks reference test vector', () => {
    // from the specification's test suite: secret, id, timestamp and body give this signature
    const headers = signWebhook(
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      1614265330,
      '{"test": 2432232314}',
      ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
    )
    expect(headers['webhook-signature']).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=')
  })

  it('keys Standard Webhooks with the decoded whsec_ bytes, or the raw bytes of any other secret', () => {
    expect(standardKey('whsec_AAEC')).toEqual(Buffer.from([0, 1, 2]))
    expect(standardKey('plain secret')).toEqual(Buffer.from('plain secret'))
    expect(standardKey('whsec_not*base64')).toEqual(Buffer.from('whsec_not*base64'))
  })
})
