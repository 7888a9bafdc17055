import { VARIABLES } from './variables.js'

/** `docs/configuration.md`, generated from the variable list; a test keeps the file in sync. */
export function renderConfigurationDoc(): string {
  const lines = [
    '# Configuration',
    '',
    '<!-- Generated from src/config/variables.ts by `npm run docs:config`. Do not edit by hand. -->',
    '',
    'Tessera reads these environment variables once, at start. A bad value stops start-up with a',
    'message naming the variable. `.env.example` lists the same variables.',
    '',
  ]
  for (const group of [...new Set(VARIABLES.map((v) => v.group))]) {
    lines.push(
      `## ${group[0]!.toUpperCase()}${group.slice(1)}`,
      '',
      '| variable | default | meaning |',
      '| --- | --- | --- |',
    )
    for (const v of VARIABLES.filter((x) => x.group === group)) {
      const def = v.default === undefined ? '(unset)' : `\`${v.default}\``
      const range =
        v.kind === 'integer' && v.min !== undefined
          ? ` Range ${v.min}–${v.max}.`
          : v.values
            ? ` One of ${v.values.map((x) => `\`${x}\``).join(', ')}.`
            : ''
      lines.push(`| \`${v.name}\` | ${def} | ${v.description.replace(/\|/g, '\\|')}${range} |`)
    }
    lines.push('')
  }
  return lines.join('\n')
}
