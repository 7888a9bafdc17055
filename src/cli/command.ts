import type { ParseArgsConfig } from 'node:util'
import type { Output } from './output.js'

/** What a command is run with: its parsed options and positionals, and where to write. */
export interface CommandInput {
  readonly values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>
  readonly positionals: readonly string[]
  readonly env: NodeJS.ProcessEnv
  readonly out: Output
}

/** One `tessera` command. Its module in commands/ owns its options, help and behaviour. */
export interface Command {
  /** The words that name it: `['signing-keys', 'rotate']`. */
  readonly words: readonly string[]
  /** What follows the words in the usage line, e.g. `[--org <id>]`. */
  readonly synopsis?: string
  /** One line (or a few, joined by "\n") for the usage. */
  readonly summary: string
  /** `node:util` parseArgs options, besides the global ones. */
  readonly options?: NonNullable<ParseArgsConfig['options']>
  /** Positional arguments it takes (named for messages, `?` at the end: optional). */
  readonly positionals?: readonly string[]
  /** Listed under "Remote commands" (they talk to a running server over HTTP). */
  readonly remote?: boolean
  run(input: CommandInput): Promise<number>
}

/** A usage problem: exit 2 with this message (no usage dump: the message says what to fix). */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** The command named by the leading words of argv (the longest match), and the rest. */
export function findCommand(
  commands: readonly Command[],
  argv: readonly string[],
): { command: Command; rest: string[] } | null {
  let best: Command | null = null
  for (const command of commands) {
    const matches = command.words.every((word, i) => argv[i] === word)
    if (matches && (!best || command.words.length > best.words.length)) best = command
  }
  return best ? { command: best, rest: argv.slice(best.words.length) } : null
}
