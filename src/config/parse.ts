import { variables, type Environment, type VariableSchema } from './schema.js'

type Raw = Readonly<Record<string, string | undefined>>
type Value = string | number | boolean

/**
 * Reads every variable of the schema from `raw` (an empty value counts as unset), applies the
 * defaults and checks kinds and ranges. Returns the typed environment, or every problem at once,
 * each naming its variable. Messages never echo a secret or a URL (which may carry a password).
 */
export function parseEnvironment(raw: Raw): { env: Environment } | { problems: string[] } {
  const problems: string[] = []
  const env: Record<string, Value> = {}
  for (const { name, schema } of variables()) {
    const given = raw[name] === '' ? undefined : raw[name]
    if (given === undefined) {
      if (schema.default !== undefined) env[name] = schema.default
      continue
    }
    const parsed = parseValue(schema, given)
    if (typeof parsed === 'object') problems.push(`${name}: ${parsed.problem}`)
    else env[name] = parsed
  }
  // Every field was checked against its schema above, so the record is an Environment.
  return problems.length > 0 ? { problems } : { env: env as Environment }
}

function parseValue(schema: VariableSchema, text: string): Value | { problem: string } {
  if (schema.enum) {
    return schema.enum.includes(text)
      ? text
      : { problem: `expected one of ${schema.enum.join(', ')}, got "${text}"` }
  }
  switch (schema.type) {
    case 'integer': {
      if (!/^\d+$/.test(text.trim())) return { problem: `expected a whole number, got "${text}"` }
      const n = Number(text.trim())
      if (!Number.isSafeInteger(n)) return { problem: `"${text}" is too large` }
      if (schema.minimum !== undefined && n < schema.minimum) {
        return { problem: `must be at least ${schema.minimum}` }
      }
      if (schema.maximum !== undefined && n > schema.maximum) {
        return { problem: `must be at most ${schema.maximum}` }
      }
      return n
    }
    case 'boolean': {
      const t = text.trim().toLowerCase()
      if (['true', '1', 'yes', 'on'].includes(t)) return true
      if (['false', '0', 'no', 'off'].includes(t)) return false
      return { problem: `expected true or false, got "${text}"` }
    }
    default:
      if (schema.format === 'uri' && !URL.canParse(text)) return { problem: 'not a valid URL' }
      if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(text)) {
        return { problem: schema.problem ?? `does not match ${schema.pattern}` }
      }
      return text
  }
}
