#!/usr/bin/env node
import { parseArgs } from 'node:util'
import { TesseraError } from '@tessera/sdk'
import { loadEnvFile } from '../config/env-file.js'
import { findCommand, UsageError, type Command, type CommandInput } from './command.js'
import { COMMANDS } from './commands/index.js'
import { EXIT } from './exit-codes.js'
import { processOutput, type Output } from './output.js'
import { describeRemoteFailure } from './remote.js'
import { commandHelp, usage } from './usage.js'

/** Errors whose message is the whole story (no stack): configuration, keys, a data dir in use. */
const KNOWN_FAILURES = new Set(['ConfigError', 'MasterKeyError', 'DataDirLockedError'])

/** Options every command takes. */
const GLOBAL_OPTIONS = {
  json: { type: 'boolean' },
  url: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

async function main(argv: string[], env: NodeJS.ProcessEnv, out: Output): Promise<number> {
  const first = argv[0]
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    if (first === undefined) out.error(usage(COMMANDS))
    else out.line(usage(COMMANDS))
    return first === undefined ? EXIT.usage : EXIT.ok
  }
  const found = findCommand(COMMANDS, argv)
  if (!found) {
    out.error(`Unknown command: ${argv.join(' ')}\n\n${usage(COMMANDS)}`)
    return EXIT.usage
  }
  const { command, rest } = found
  const parsed = parseArgs({
    args: rest,
    options: { ...GLOBAL_OPTIONS, ...command.options },
    allowPositionals: true,
    strict: true,
  })
  const values = parsed.values as CommandInput['values']
  const positionals = parsed.positionals
  if (values.help) {
    out.line(commandHelp(command))
    return EXIT.ok
  }
  checkPositionals(command, positionals)
  return command.run({ values, positionals, env, out })
}

/** A command's positionals: each name it lists, those ending in `?` optional. */
function checkPositionals(command: Command, positionals: readonly string[]): void {
  const names = command.positionals ?? []
  const required = names.filter((n) => !n.endsWith('?')).length
  if (positionals.length >= required && positionals.length <= names.length) return
  if (names.length === 0) throw new UsageError(`Unexpected argument: ${positionals[0]}`)
  const shown = names.map((n) => (n.endsWith('?') ? `[<${n.slice(0, -1)}>]` : `<${n}>`))
  throw new UsageError(`${command.words.join(' ')} takes ${shown.join(' ')}`)
}

/** The exit code and message for whatever a command threw. */
function failure(err: unknown): { code: number; message: string } {
  if (err instanceof UsageError) return { code: EXIT.usage, message: err.message }
  // node:util parseArgs: unknown option, missing value…
  const code = (err as { code?: unknown } | null)?.code
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
    return { code: EXIT.usage, message: (err as Error).message }
  }
  if (err instanceof TesseraError) {
    const remote = describeRemoteFailure(err)
    return { code: remote.code, message: `tessera: ${remote.message}` }
  }
  // by name, not class: importing their modules would slow every remote command's start
  const known = err instanceof Error && KNOWN_FAILURES.has(err.name)
  return {
    code: EXIT.failed,
    message: `tessera: ${known ? (err as Error).message : String((err as Error)?.stack ?? err)}`,
  }
}

const out = processOutput()
// the same `.env` as `npm start` (real environment wins), so local commands see the server's settings
loadEnvFile()
// every rejection is turned into an exit code by the catch; process.exit cannot throw
void main(process.argv.slice(2), process.env, out)
  .catch((err: unknown) => {
    const { code, message } = failure(err)
    out.error(message)
    return code
  })
  .then((code) => process.exit(code))
