import { VARIABLE_GROUPS, variables, type VariableSchema } from './schema.js'

/**
 * `docs/configuration.md` and `.env.example`, both generated from the schema
 * (`npm run docs:config`); a test keeps the files in sync.
 */
export function renderConfigurationDoc(): string {
  const lines = [
    '# Configuration',
    '',
    '<!-- Generated from src/config/schema.ts by `npm run docs:config`. Do not edit by hand. -->',
    '',
    'Tessera reads these environment variables once, at start. A bad value stops start-up with a',
    'message naming the variable. `.env.example` lists the same variables.',
    '',
    'A `.env` file in the working directory is read at start when present (`npm start` and the',
    'CLI): copy `.env.example` to `.env` and uncomment what you change. A variable set in the real',
    'environment wins over the same variable in `.env`.',
    '',
  ]
  for (const group of VARIABLE_GROUPS) {
    lines.push(
      `## ${group[0]!.toUpperCase()}${group.slice(1)}`,
      '',
      '| variable | default | meaning |',
      '| --- | --- | --- |',
    )
    for (const { name, schema } of variables().filter((v) => v.schema.group === group)) {
      const def = schema.default === undefined ? '(unset)' : `\`${String(schema.default)}\``
      const range =
        schema.type === 'integer'
          ? ` Range ${schema.minimum}–${schema.maximum}.`
          : schema.enum
            ? ` One of ${schema.enum.map((x) => `\`${x}\``).join(', ')}.`
            : ''
      const meaning = `${schema.description}${range}`.replace(/\|/g, '\\|')
      lines.push(`| \`${name}\` | ${def} | ${meaning} |`)
    }
    lines.push('')
  }
  return lines.join('\n')
}

/** `.env.example`: every variable commented out at its default, under its description. */
export function renderEnvExample(): string {
  const lines = [
    '# Tessera configuration. Every variable is optional; the values shown are the defaults.',
    '# Copy this file to .env in the working directory (never commit it) and uncomment what you',
    '# change: npm start and the CLI read it at start. Variables set in the real environment win.',
    '# Generated from src/config/schema.ts by `npm run docs:config`; docs/configuration.md has ranges.',
  ]
  for (const group of VARIABLE_GROUPS) {
    lines.push('', `# --- ${group} ---`)
    for (const { name, schema } of variables().filter((v) => v.schema.group === group)) {
      lines.push(
        ...wrap(schema.description, 98).map((l) => `# ${l}`),
        `# ${name}=${example(schema)}`,
      )
    }
  }
  return `${lines.join('\n')}\n`
}

function example(schema: VariableSchema): string {
  return schema.default === undefined ? '' : String(schema.default)
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else {
      line = line === '' ? word : `${line} ${word}`
    }
  }
  if (line !== '') lines.push(line)
  return lines
}
