/**
 * `payloadTemplate`: Cal.com renders it with Handlebars; Tessera with a small, safe subset of it.
 * Only `{{path.to.value}}` placeholders (and `{{{…}}}`, read the same way): no helpers, blocks,
 * partials or expressions, so a template can select data but never run code or reach past the
 * event (only own properties are read: `{{constructor}}` is empty).
 *
 * - A template that is JSON is rendered as JSON: placeholders are filled inside its strings and
 *   the result is always valid JSON (a string that is exactly one placeholder takes the value
 *   with its type: `"{{userId}}"` becomes `42`). Sent as `application/json`.
 * - Any other template is text, sent as `application/x-www-form-urlencoded` as Cal.com does;
 *   values are form-encoded, so a value cannot add fields.
 */

const PLACEHOLDER = /\{\{\{?\s*([^{}]*?)\s*\}?\}\}/g
const PATH = /^[A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z0-9_$]+)*$/
const MAX_TEMPLATE_LENGTH = 64 * 1024

export type TemplateCheck = { readonly ok: true } | { readonly ok: false; readonly problem: string }

/** Whether a template uses only what this renderer supports; the problem, for a 400, if not. */
export function checkTemplate(template: string): TemplateCheck {
  if (template.length > MAX_TEMPLATE_LENGTH) {
    return {
      ok: false,
      problem: `payloadTemplate must be at most ${MAX_TEMPLATE_LENGTH} characters`,
    }
  }
  for (const match of template.matchAll(PLACEHOLDER)) {
    const expression = match[1]!
    if (!PATH.test(expression)) {
      const shown = expression.length > 40 ? `${expression.slice(0, 37)}...` : expression
      return {
        ok: false,
        problem: `payloadTemplate supports {{variable}} placeholders only (such as {{triggerEvent}} or {{data.reason}}); "{{${shown}}}" is not one`,
      }
    }
  }
  const rest = template.replace(PLACEHOLDER, '')
  if (rest.includes('{{') || rest.includes('}}')) {
    return { ok: false, problem: 'payloadTemplate has an unclosed or malformed {{ placeholder }}' }
  }
  return { ok: true }
}

export interface RenderedTemplate {
  readonly body: string
  readonly contentType: 'application/json' | 'application/x-www-form-urlencoded'
}

/** Renders a checked template against the event's fields (`context`). */
export function renderTemplate(
  template: string,
  context: Record<string, unknown>,
): RenderedTemplate {
  const json = parseJson(template)
  if (json !== undefined) {
    return { body: JSON.stringify(fillJson(json, context)), contentType: 'application/json' }
  }
  return {
    body: template.replace(PLACEHOLDER, (_m, path: string) =>
      encodeURIComponent(asText(lookup(context, path))),
    ),
    contentType: 'application/x-www-form-urlencoded',
  }
}

function fillJson(value: unknown, context: Record<string, unknown>): unknown {
  if (typeof value === 'string') {
    const whole = /^\{\{\{?\s*([^{}]*?)\s*\}?\}\}$/.exec(value)
    if (whole) return lookup(context, whole[1]!) ?? null
    return value.replace(PLACEHOLDER, (_m, path: string) => asText(lookup(context, path)))
  }
  if (Array.isArray(value)) return value.map((item) => fillJson(item, context))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, fillJson(item, context)]),
    )
  }
  return value
}

/** Own properties only, so nothing outside the event's data can be named. */
function lookup(context: Record<string, unknown>, path: string): unknown {
  let current: unknown = context
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, segment)) {
      return undefined
    }
    current = (current as Record<string, unknown>)[segment]
  }
  return current
}

function asText(value: unknown): string {
  if (value === undefined || value === null) return ''
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}
