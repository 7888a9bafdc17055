import type { Command } from '../command.js'

export const docsConfig: Command = {
  words: ['docs-config'],
  summary: 'print docs/configuration.md, or .env.example with --env-example (both from the schema)',
  options: { 'env-example': { type: 'boolean' } },
  async run({ values }) {
    const { renderConfigurationDoc, renderEnvExample } = await import('../../config/docs.js')
    process.stdout.write(values['env-example'] ? renderEnvExample() : renderConfigurationDoc())
    return 0
  },
}
