import type { Command } from './command.js'

const WIDTH = 29

function entry(command: Command): string {
  const name = [...command.words, command.synopsis].filter(Boolean).join(' ')
  const [first, ...more] = command.summary.split('\n')
  const head =
    name.length <= WIDTH - 3
      ? `  ${name.padEnd(WIDTH - 2)}${first}`
      : `  ${name}\n${' '.repeat(WIDTH)}${first}`
  return [head, ...more.map((line) => `${' '.repeat(WIDTH)}${line}`)].join('\n')
}

/** The usage text, generated from the commands so it never falls behind them. */
export function usage(commands: readonly Command[]): string {
  const local = commands.filter((c) => !c.remote)
  const remote = commands.filter((c) => c.remote)
  return `Usage: tessera <command>

Commands:
${local.map(entry).join('\n')}

Remote commands (a running server: --url <url> or TESSERA_URL; keys from the environment:
TESSERA_ADMIN_KEY for the operator, TESSERA_API_KEY for an organization, or
TESSERA_CLIENT_SECRET for one client's users, sessions and events):
${remote.map(entry).join('\n')}

Options: --json prints JSON instead of tables; --help shows this. Exit codes: 0 done,
1 failed (or found a problem), 2 usage, 3 not authorized, 4 not found, 5 refused by the
server, 6 server unreachable or unavailable (docs/cli.md).

The local commands read the same environment variables as the server (docs/configuration.md).
In embedded mode (no DATABASE_URL) stop the server first: the embedded database serves one
process at a time; or use the command with --url against the running server.`
}

/** `tessera <command> --help`. */
export function commandHelp(command: Command): string {
  const name = [...command.words, command.synopsis].filter(Boolean).join(' ')
  const how = command.remote
    ? '\n\nTalks to a running server: --url <url> or TESSERA_URL. --json prints JSON.'
    : ''
  return `Usage: tessera ${name}\n\n${command.summary.replace(/\n/g, ' ')}${how}`
}
