import type { EndpointScope } from '../../db/schema.js'
import { validationFailed } from '../../errors.js'
import type { AuditEventType } from '../audit/record.js'
import { parseTriggers } from '../events/event-catalog.js'
import type { AddressPolicy } from '../events/outbound/address-policy.js'
import { checkTemplate } from './template.js'

export interface WebhookInput {
  subscriberUrl?: string
  active?: boolean
  triggers?: string[]
  payloadTemplate?: string | null
  secret?: string
}

/** The checked fields of a create or update; absent ones are unchanged. */
export interface CheckedWebhookInput {
  url?: string
  active?: boolean
  types?: AuditEventType[]
  payloadTemplate?: string | null
  secret?: string
}

const invalid = (property: string, rule: string, message: string) =>
  validationFailed([{ property, constraints: { [rule]: message } }])

/**
 * Checks what a caller sent beyond its JSON schema: the URL against the SSRF rules (resolving its
 * host), the triggers against the catalog and the subscription's scope, the template against
 * what the renderer supports, and a chosen secret's form. Each failure is a 400 naming the field.
 */
export async function checkWebhookInput(
  input: WebhookInput,
  scope: EndpointScope,
  policy: AddressPolicy,
): Promise<CheckedWebhookInput> {
  const checked: CheckedWebhookInput = {}
  if (input.triggers !== undefined) {
    const triggers = parseTriggers(input.triggers, scope)
    if (!triggers.ok) throw invalid('triggers', 'isEnum', triggers.message)
    checked.types = triggers.types
  }
  if (input.payloadTemplate !== undefined) {
    if (input.payloadTemplate !== null) {
      const template = checkTemplate(input.payloadTemplate)
      if (!template.ok) throw invalid('payloadTemplate', 'isTemplate', template.problem)
    }
    // Cal.com stores an empty template as no template
    checked.payloadTemplate = input.payloadTemplate === '' ? null : input.payloadTemplate
  }
  if (input.secret !== undefined) {
    if (input.secret.length === 0 || hasControlCharacters(input.secret)) {
      throw invalid(
        'secret',
        'isSecret',
        'secret must be a non-empty string without control characters',
      )
    }
    checked.secret = input.secret
  }
  if (input.active !== undefined) checked.active = input.active
  if (input.subscriberUrl !== undefined) {
    const url = await policy.checkUrl(input.subscriberUrl)
    if (!url.ok) throw invalid('subscriberUrl', 'isUrl', `subscriberUrl ${url.problem}`)
    checked.url = input.subscriberUrl
  }
  return checked
}

function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x20 || code === 0x7f) return true
  }
  return false
}
