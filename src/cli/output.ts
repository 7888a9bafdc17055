/** Where a command writes: stdout for its result (tables or JSON), stderr for everything else. */
export interface Output {
  /** Pretty JSON on stdout (`--json`, and the local commands' reports). */
  json(value: unknown): void
  /** An aligned table on stdout; `columns` picks and orders the fields. */
  table<T extends object>(rows: readonly T[], columns: readonly Column<T>[]): void
  /** `label  value` lines on stdout, for one record. */
  record(fields: readonly [string, unknown][]): void
  line(text: string): void
  error(text: string): void
}

export interface Column<T> {
  readonly header: string
  readonly value: (row: T) => unknown
}

export function processOutput(
  stdout: NodeJS.WritableStream = process.stdout,
  stderr: NodeJS.WritableStream = process.stderr,
): Output {
  return {
    json: (value) => stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    table: (rows, columns) => stdout.write(renderTable(rows, columns)),
    record: (fields) => {
      const width = Math.max(...fields.map(([label]) => label.length))
      for (const [label, value] of fields) stdout.write(`${label.padEnd(width)}  ${cell(value)}\n`)
    },
    line: (text) => stdout.write(`${text}\n`),
    error: (text) => stderr.write(`${text}\n`),
  }
}

function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((row) => columns.map((c) => cell(c.value(row))))
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i]!.length)))
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => (i === values.length - 1 ? v : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd() + '\n'
  if (rows.length === 0) return '(none)\n'
  return line(columns.map((c) => c.header)) + cells.map(line).join('')
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '-'
  if (Array.isArray(value)) return value.join(',') || '-'
  if (typeof value === 'object') return JSON.stringify(value)
  // one line per row: a name with a newline must not forge another row
  return String(value).replace(/[\r\n\t]/g, ' ')
}
