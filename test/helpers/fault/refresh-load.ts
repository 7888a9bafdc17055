import { randomBytes } from 'node:crypto'
import { EventEmitter } from 'node:events'

/** A managed user as its platform holds it: the OAuth client and the current token pair. */
export interface Session {
  readonly clientId: string
  readonly clientSecret: string
  readonly userId: number
  refreshToken: string
  accessToken: string
}

/** What one refresh got: an HTTP status, or `timeout` / `net:<code>` when no answer came. */
export type Outcome = number | 'timeout' | `net:${string}`

export interface Answer {
  readonly vu: number
  readonly target: string
  /** ms since the load started */
  readonly startedAt: number
  readonly endedAt: number
  readonly outcome: Outcome
  /** `x-tessera-refresh-reuse` (duplicate, replay) when present */
  readonly reuse: string | null
  readonly retryAfter: string | null
}

export interface LoadOptions {
  /** Base URLs; virtual user i sends to targets[i % targets.length]. */
  readonly targets: readonly string[]
  readonly sessions: readonly Session[]
  /** The client's patience: longer than the server's deadline, so a late answer is seen as late. */
  readonly timeoutMs: number
  /** Wait before retrying after a 503, timeout or network error (Retry-After is honoured up to this). */
  readonly retryDelayMs?: number
  /** Think time between one acknowledged refresh and the next. */
  readonly pauseMs?: number
}

interface VirtualUser {
  readonly index: number
  readonly session: Session
  /** Every acknowledged rotation, oldest first. */
  readonly acknowledged: { presented: string; refreshToken: string; accessToken: string }[]
  loggedOut: Answer | null
}

/**
 * N virtual users refreshing in a closed loop as an integration would: one refresh in flight
 * each, the same token again after a 503, a timeout or a reset (the client cannot know whether
 * the rotation happened), the new pair after a 200. Records every answer with its latency and
 * every acknowledged pair, and checks what the fault suite promises: nobody logged out, no
 * second distinct successor, every acknowledged pair still usable.
 */
export class RefreshLoad extends EventEmitter {
  readonly answers: Answer[] = []
  readonly #users: VirtualUser[]
  readonly #successors = new Map<string, Set<string>>()
  #running = false
  #loops: Promise<void>[] = []
  #startedAt = 0

  constructor(private readonly options: LoadOptions) {
    super()
    this.#users = options.sessions.map((session, index) => ({
      index,
      session,
      acknowledged: [],
      loggedOut: null,
    }))
  }

  /** ms since start (the time base of every Answer). */
  now(): number {
    return performance.now() - this.#startedAt
  }

  start(): this {
    this.#running = true
    this.#startedAt = performance.now()
    this.#loops = this.#users.map((user) => this.#loop(user))
    return this
  }

  /** Stops after each user's request in flight has its answer. */
  async stop(): Promise<void> {
    this.#running = false
    await Promise.all(this.#loops)
  }

  /**
   * Resolves with the first answer (from now on) that matches; rejects after timeoutMs with a
   * summary of what came instead.
   */
  waitFor(match: (answer: Answer) => boolean, timeoutMs: number, what: string): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const onAnswer = (answer: Answer) => {
        if (!match(answer)) return
        clearTimeout(timer)
        this.off('answer', onAnswer)
        resolve(answer)
      }
      const timer = setTimeout(() => {
        this.off('answer', onAnswer)
        reject(
          new Error(
            `no ${what} within ${timeoutMs} ms; recent: ${this.summary(this.now() - timeoutMs)}`,
          ),
        )
      }, timeoutMs)
      this.on('answer', onAnswer)
    })
  }

  /** Resolves once `count` answers have come (from now on). */
  waitForAnswers(count: number, timeoutMs = 30_000): Promise<void> {
    let seen = 0
    return this.waitFor(() => ++seen >= count, timeoutMs, `${count} answers`).then(() => {})
  }

  /** Answers started after `since` (ms since start). */
  answersSince(since: number): Answer[] {
    return this.answers.filter((a) => a.startedAt >= since)
  }

  /** `{ "200": 812, "503": 40, "timeout": 0 }` of the answers started after `since`. */
  summary(since = 0): string {
    const counts: Record<string, number> = {}
    for (const a of this.answersSince(since))
      counts[String(a.outcome)] = (counts[String(a.outcome)] ?? 0) + 1
    return JSON.stringify(counts)
  }

  /** Answers a user would take as "logged out": the refresh token refused. */
  loggedOut(): Answer[] {
    return this.#users.flatMap((u) => (u.loggedOut ? [u.loggedOut] : []))
  }

  /** Presented tokens that got more than one distinct successor (must be none). */
  successorConflicts(): string[] {
    return [...this.#successors.entries()]
      .filter(([, s]) => s.size > 1)
      .map(([token]) => token.slice(0, 12))
  }

  /** Acknowledged rotations across all users. */
  acknowledgedCount(): number {
    return this.#users.reduce((n, u) => n + u.acknowledged.length, 0)
  }

  /**
   * Each user's last acknowledged rotation (users that got none are left out): presenting
   * `presented` again within the reuse window must return exactly this pair.
   */
  lastRotations(): {
    session: Session
    presented: string
    refreshToken: string
    accessToken: string
  }[] {
    return this.#users.flatMap((u) => {
      const last = u.acknowledged.at(-1)
      return last ? [{ session: u.session, ...last }] : []
    })
  }

  /** Each user's session with the last pair it was given (the one it must still be able to use). */
  sessions(): Session[] {
    return this.#users.map((u) => u.session)
  }

  async #loop(user: VirtualUser) {
    const { targets, timeoutMs, retryDelayMs = 200, pauseMs = 10 } = this.options
    const target = targets[user.index % targets.length]!
    while (this.#running && !user.loggedOut) {
      const presented = user.session.refreshToken
      const answer = await this.#refresh(user, target, presented, timeoutMs)
      if (answer.ok) {
        const { refreshToken, accessToken } = answer.data
        user.acknowledged.push({ presented, refreshToken, accessToken })
        user.session.refreshToken = refreshToken
        user.session.accessToken = accessToken
        let successors = this.#successors.get(presented)
        if (!successors) this.#successors.set(presented, (successors = new Set()))
        successors.add(refreshToken)
        if (pauseMs) await delay(pauseMs)
      } else if (answer.retryable) {
        const hinted = Number(answer.answer.retryAfter) * 1_000
        await delay(
          Number.isFinite(hinted) && hinted > 0 ? Math.min(hinted, retryDelayMs) : retryDelayMs,
        )
      } else {
        user.loggedOut = answer.answer
      }
    }
  }

  async #refresh(user: VirtualUser, target: string, refreshToken: string, timeoutMs: number) {
    const startedAt = this.now()
    let outcome: Outcome
    let reuse: string | null = null
    let retryAfter: string | null = null
    let data = null as { refreshToken: string; accessToken: string } | null
    try {
      const res = await fetch(`${target}/v2/oauth/${user.session.clientId}/refresh`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-cal-secret-key': user.session.clientSecret,
        },
        body: JSON.stringify({ refreshToken }),
        signal: AbortSignal.timeout(timeoutMs),
      })
      const body = (await res.json().catch(() => null)) as {
        data?: { refreshToken: string; accessToken: string }
      } | null
      outcome = res.status
      reuse = res.headers.get('x-tessera-refresh-reuse')
      retryAfter = res.headers.get('retry-after')
      if (res.status === 200) data = body?.data ?? null
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } }
      outcome =
        e.name === 'TimeoutError' || e.name === 'AbortError'
          ? 'timeout'
          : `net:${e.cause?.code ?? e.name}`
    }
    const answer: Answer = {
      vu: user.index,
      target,
      startedAt,
      endedAt: this.now(),
      outcome,
      reuse,
      retryAfter,
    }
    this.answers.push(answer)
    this.emit('answer', answer)
    if (outcome === 200 && data?.refreshToken && data.accessToken)
      return { ok: true as const, answer, data }
    const retryable = outcome === 503 || typeof outcome === 'string'
    return { ok: false as const, answer, retryable }
  }
}

function delay(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/**
 * Sets up what the load needs through the public API, as an integrator does: an organization
 * with its API key, an OAuth client, and `count` managed users with their first pairs.
 */
export async function provisionSessions(
  baseUrl: string,
  operatorKey: string,
  count: number,
): Promise<Session[]> {
  const call = async (
    path: string,
    init: { method?: string; headers: Record<string, string>; body?: unknown },
  ) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method: init.method ?? 'POST',
      headers: { 'content-type': 'application/json', ...init.headers },
      body: JSON.stringify(init.body),
    })
    const body = (await res.json()) as { data: any }
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`)
    return body.data
  }
  const org = await call('/v2/admin/organizations', {
    headers: { authorization: `Bearer ${operatorKey}` },
    body: { name: `load-${randomBytes(3).toString('hex')}` },
  })
  const client = await call('/v2/oauth-clients', {
    headers: { authorization: `Bearer ${org.apiKey}` },
    body: { name: 'Load', redirectUris: ['http://localhost'], permissions: ['*'] },
  })
  return Promise.all(
    Array.from({ length: count }, async () => {
      const user = await call(`/v2/oauth-clients/${client.clientId}/users`, {
        headers: { 'x-cal-secret-key': client.clientSecret },
        body: { email: `vu-${randomBytes(5).toString('hex')}@example.com`, name: 'Load user' },
      })
      return {
        clientId: client.clientId as string,
        clientSecret: client.clientSecret as string,
        userId: user.user.id as number,
        refreshToken: user.refreshToken as string,
        accessToken: user.accessToken as string,
      }
    }),
  )
}
