interface Props {
  offset: number
  limit: number
  total: number
  shown: number
  onChange: (offset: number) => void
  what: string
}

/** "51–100 of 10,000" with previous and next. */
export function Pager({ offset, limit, total, shown, onChange, what }: Props) {
  const first = total === 0 ? 0 : offset + 1
  const last = offset + shown
  return (
    <div class="pager" role="group" aria-label={`Pages of ${what}`}>
      <button
        type="button"
        disabled={offset === 0}
        onClick={() => onChange(Math.max(0, offset - limit))}
      >
        Previous page
      </button>
      <span role="status" data-testid="page-range">
        {first.toLocaleString('en')}–{last.toLocaleString('en')} of {total.toLocaleString('en')}{' '}
        {what}
      </span>
      <button type="button" disabled={last >= total} onClick={() => onChange(offset + limit)}>
        Next page
      </button>
    </div>
  )
}
