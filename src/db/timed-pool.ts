import pg from 'pg'

type ConnectCallback = (
  err: Error | undefined,
  client: pg.PoolClient | undefined,
  done: (release?: unknown) => void,
) => void

/** Told how each wait for a connection ended. */
export interface AcquireObserver {
  /** A connection was handed out after `seconds` (idle one, new one, or one freed by another). */
  acquired(seconds: number): void
  /** No connection within the acquire timeout, or opening one failed. */
  failed(): void
}

/**
 * node-postgres's pool, timing every checkout: Kysely's `pool.connect()` and `pool.query()`
 * (which checks out through `connect` too) both pass here. One clock read at each end of the wait
 * and no allocation beyond the callback that carries the start time.
 */
export class TimedPool extends pg.Pool {
  observer: AcquireObserver | undefined

  override connect(): Promise<pg.PoolClient>
  override connect(callback: ConnectCallback): void
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    const observer = this.observer
    if (observer === undefined) return callback ? super.connect(callback) : super.connect()
    const start = performance.now()
    if (callback) {
      super.connect((err, client, done) => {
        if (err) observer.failed()
        else observer.acquired((performance.now() - start) / 1000)
        callback(err, client, done)
      })
      return
    }
    return super.connect().then(
      (client) => {
        observer.acquired((performance.now() - start) / 1000)
        return client
      },
      (err: unknown) => {
        observer.failed()
        throw err
      },
    )
  }
}
