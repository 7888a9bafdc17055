import type { Command } from '../command.js'

export const docsConfig: Command = {
  words: ['docs-config'],
  summary: 'print docs/configuration.md (generated from the variable list)',
  async run() {
    const { renderConfigurationDoc } = await import('../../config/docs.js')
    process.stdout.write(renderConfigurationDoc())
    return 0
  },
}
