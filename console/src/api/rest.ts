import { TesseraApiError } from '@tessera/sdk'

export interface RestCall {
  readonly method?: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  readonly path: string
  readonly query?: Readonly<Record<string, string | number | undefined>>
  readonly json?: unknown
}

/**
 * Calls the SDK does not cover (console-only reads, webhooks, metrics), with the same error type
 * as the SDK: an error answer becomes a TesseraApiError carrying the API's own message.
 */
export class Rest {
  constructor(private readonly key: string) {}

  async data<T>(call: RestCall): Promise<T> {
    const body = (await this.send(call, 'application/json')) as { data: T }
    return body.data
  }

  async text(call: RestCall): Promise<string> {
    return (await this.send(call, 'text/plain')) as string
  }

  async send(call: RestCall, accept: string): Promise<unknown> {
    const url = new URL(call.path, location.origin)
    for (const [name, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined && value !== '') url.searchParams.set(name, String(value))
    }
    const headers: Record<string, string> = { accept, authorization: `Bearer ${this.key}` }
    if (call.json !== undefined) headers['content-type'] = 'application/json'
    const response = await fetch(url, {
      method: call.method ?? 'GET',
      headers,
      ...(call.json !== undefined ? { body: JSON.stringify(call.json) } : {}),
    })
    const text = await response.text()
    const parsed = parse(text)
    if (!response.ok) throw apiError(response, parsed, text)
    return accept === 'application/json' ? parsed : text
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function apiError(response: Response, body: unknown, text: string): TesseraApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } })
    ?.error
  const message =
    typeof error?.message === 'string'
      ? error.message
      : text.trim().slice(0, 300) || `HTTP ${response.status}`
  return new TesseraApiError({
    status: response.status,
    code: typeof error?.code === 'string' ? error.code : `HTTP_${response.status}`,
    message,
    details: error?.details,
    requestId: response.headers.get('x-request-id'),
  })
}
