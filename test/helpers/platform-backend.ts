/**
 * What a Cal.com Platform customer's backend does, written from the flows of Cal.com's starter kit
 * (src/cal/api.ts, src/cal/auth.ts) and example app, over real HTTP: it keeps each managed user's
 * id and token pair, retries a call after a 498 with a refresh, falls back to force-refresh when
 * the refresh is refused, and recovers a 409 "already exists" on sign-up by finding the user by
 * email. Tests drive it against Tessera to show those flows work unchanged.
 */

export interface StoredUser {
  readonly id: number
  readonly email: string
  accessToken: string
  refreshToken: string
}

export interface HttpResult<T = any> {
  readonly status: number
  readonly headers: Record<string, string>
  readonly body: T
  readonly text: string
}

/** Every step the backend took, so a test can assert the exact path a flow went. */
export type Step =
  | 'call'
  | 'refresh'
  | 'refresh-refused'
  | 'force-refresh'
  | 'retry'
  | 'create'
  | 'create-conflict'
  | 'find-by-email'

export class PlatformBackend {
  readonly steps: Step[] = []

  constructor(
    /** `…/v2`, as NEXT_PUBLIC_CALCOM_API_URL is configured. */
    private readonly apiUrl: string,
    private readonly clientId: string,
    private readonly clientSecret: string,
    /** The starter kit sends its own origin with every call. */
    private readonly origin = 'http://localhost:4321',
  ) {}

  async request<T = any>(
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body?: unknown,
  ): Promise<HttpResult<T>> {
    const res = await fetch(`${this.apiUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        'cal-api-version': '2024-06-11',
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    })
    const text = await res.text()
    return {
      status: res.status,
      headers: Object.fromEntries(res.headers),
      body: text ? (JSON.parse(text) as T) : (undefined as T),
      text,
    }
  }

  /** Sign-up: create the managed user; on "already exists", adopt the existing one. */
  async signUp(email: string, name: string): Promise<StoredUser> {
    this.steps.push('create')
    const created = await this.request(
      'POST',
      `/oauth-clients/${this.clientId}/users`,
      { 'x-cal-secret-key': this.clientSecret, origin: this.origin },
      { email, name, timeZone: 'Europe/Berlin' },
    )
    if (created.status === 201) {
      const { user, accessToken, refreshToken } = created.body.data
      return { id: user.id, email: user.email, accessToken, refreshToken }
    }
    const message = String(created.body?.error?.message ?? '')
    if (created.status !== 409 || !message.includes('already exists')) {
      throw new Error(`sign-up failed: ${created.status} ${JSON.stringify(created.body)}`)
    }
    this.steps.push('create-conflict', 'find-by-email')
    const list = await this.request(
      'GET',
      `/oauth-clients/${this.clientId}/users?emails=${encodeURIComponent(email)}`,
      { 'x-cal-secret-key': this.clientSecret },
    )
    const [local, domain] = email.toLowerCase().split('@')
    const stored = `${local}+${this.clientId}@${domain}`
    const existing = (list.body.data as { id: number; email: string }[]).find(
      (u) => u.email === stored,
    )
    if (!existing) throw new Error(`409 but no user ${stored} in the list`)
    const keys = await this.forceRefresh(existing.id)
    return { id: existing.id, email: existing.email, ...keys }
  }

  /**
   * A call as a managed user. 498: refresh and retry, and if the refresh is refused, force-refresh
   * and retry. 403 ("rotated, our copy is stale"): force-refresh and retry.
   */
  async call<T = any>(user: StoredUser, method: string, path: string): Promise<HttpResult<T>> {
    this.steps.push('call')
    const send = () =>
      this.request<T>(method, path, {
        authorization: `Bearer ${user.accessToken}`,
        'x-cal-secret-key': this.clientSecret,
        origin: this.origin,
      })
    let res = await send()
    if (res.status === 498) {
      Object.assign(user, await this.refreshOrForce(user))
      this.steps.push('retry')
      res = await send()
    }
    if (res.status === 403) {
      Object.assign(user, await this.forceRefresh(user.id))
      this.steps.push('retry')
      res = await send()
    }
    return res
  }

  async refreshOrForce(user: StoredUser): Promise<{ accessToken: string; refreshToken: string }> {
    this.steps.push('refresh')
    const res = await this.request(
      'POST',
      `/oauth/${this.clientId}/refresh`,
      { 'x-cal-secret-key': this.clientSecret },
      { refreshToken: user.refreshToken },
    )
    if (res.status === 200) return pair(res.body.data)
    this.steps.push('refresh-refused')
    return this.forceRefresh(user.id)
  }

  async forceRefresh(userId: number): Promise<{ accessToken: string; refreshToken: string }> {
    this.steps.push('force-refresh')
    const res = await this.request(
      'POST',
      `/oauth-clients/${this.clientId}/users/${userId}/force-refresh`,
      { 'x-cal-secret-key': this.clientSecret, origin: 'http://localhost:3000' },
    )
    if (res.status !== 200) {
      throw new Error(`force-refresh failed: ${res.status} ${JSON.stringify(res.body)}`)
    }
    return pair(res.body.data)
  }
}

function pair(data: { accessToken: string; refreshToken: string }) {
  return { accessToken: data.accessToken, refreshToken: data.refreshToken }
}
