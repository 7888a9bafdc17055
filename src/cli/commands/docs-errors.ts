import type { Command } from '../command.js'

export const docsErrors: Command = {
  words: ['docs-errors'],
  summary: 'print docs/errors.md (generated from the error registry)',
  async run() {
    const { renderErrorsDoc } = await import('../../http/error-docs.js')
    process.stdout.write(renderErrorsDoc())
    return 0
  },
}
