import { ERROR_CODES, type ErrorCode } from '../errors.js'
import { CLIENT_ERRORS } from './error-handler.js'
import { WIRE, type DetailsForm } from './error-wire.js'

const DETAILS: Record<DetailsForm, string> = {
  nest: '`{message, error, statusCode}`',
  none: '(absent)',
  fields: '`{errors: [{property, constraints}]}`',
  message: 'the message',
}

/** `docs/errors.md`, generated from the registry (`npm run docs:errors`); a test keeps it in sync. */
export function renderErrorsDoc(): string {
  const lines = [
    '# Errors',
    '',
    '<!-- Generated from src/errors.ts and src/http/error-wire.ts by `npm run docs:errors`. Do not edit by hand. -->',
    '',
    'Every refusal has a stable code inside Tessera. The code decides the wire form; the message is',
    "Cal.com's text where Cal.com has one. Why a request was refused in detail (which check of a",
    'refresh token failed, for example) is logged with the request id and recorded in the audit',
    'trail where it matters, never sent: the hidden-reason refusals are a security feature.',
    '',
    "On the Cal.com-compatible endpoints an error is Cal.com's envelope:",
    '',
    '```json',
    '{"status":"error","timestamp":"…","path":"/v2/…","error":{"code":"…","message":"…","details":…}}',
    '```',
    '',
    'On `/v2/oauth/token`, `/v2/oauth/revoke` and `/v2/oauth/introspect` it is an RFC 6749 §5.2 body,',
    '`{"error":"…","error_description":"…"}`, with `Cache-Control: no-store`. Those endpoints also',
    'answer errors of their own parameters (`invalid_request`, `unsupported_grant_type`,',
    '`invalid_scope`, `invalid_client` for missing or malformed client authentication) directly.',
    '',
    '| code | status | envelope `error.code` | `error.details` | RFC 6749 (status, `error`) | when |',
    '| --- | --- | --- | --- | --- | --- |',
  ]
  for (const code of Object.keys(ERROR_CODES) as ErrorCode[]) {
    const wire = WIRE[code]
    const oauth = `${wire.oauth.status} \`${wire.oauth.error}\``
    lines.push(
      `| \`${code}\` | ${wire.status} | \`${wire.calcom}\` | ${DETAILS[wire.details]} | ${oauth} | ${ERROR_CODES[code]} |`,
    )
  }
  lines.push(
    '',
    '## Refused before routing',
    '',
    "Requests Node's HTTP parser refuses get the envelope (without `details`) on a closed connection:",
    '',
    '| status | envelope `error.code` | when |',
    '| --- | --- | --- |',
  )
  for (const known of Object.values(CLIENT_ERRORS)) {
    lines.push(`| ${known.status} | \`${known.code}\` | ${known.message} |`)
  }
  lines.push('| 400 | `BadRequestException` | Malformed HTTP request |', '')
  return lines.join('\n')
}
