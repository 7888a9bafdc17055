/** A timestamp as local date and time; the exact ISO value in the tooltip. */
export function Time({ value }: { value: string | number | null | undefined }) {
  if (value === null || value === undefined) return <span class="muted">—</span>
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return <span>{String(value)}</span>
  return (
    <time dateTime={date.toISOString()} title={date.toISOString()}>
      {date.toLocaleString()}
    </time>
  )
}
