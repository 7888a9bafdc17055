import type { Backend } from '../../../test/helpers/backends.js'
import type { TestClock } from '../../../test/helpers/clock.js'
import { OPERATOR_KEY } from '../../../test/helpers/http.js'
import { freePort } from '../../../test/helpers/server-process.js'
import { TestApp } from '../../../test/helpers/test-app.js'

export { OPERATOR_KEY }

/** A Tessera listening on a real port (the SDK talks HTTP), its issuer being that address. */
export interface RunningTessera {
  readonly url: string
  readonly app: TestApp
  /** The server's clock, when started with `{ clock: true }` (the SDK keeps the real one). */
  readonly clock: TestClock
  close(): Promise<void>
}

export async function startTessera(
  backend: Backend,
  options: { env?: Record<string, string>; clock?: boolean } = {},
): Promise<RunningTessera> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const app = new TestApp(backend, {
    env: { TESSERA_ISSUER: url, ...options.env },
    ...(options.clock ? { clock: true as const } : {}),
  })
  await app.start()
  try {
    await app.app.listen({ host: '127.0.0.1', port })
  } catch (err) {
    await app.close()
    throw err
  }
  return {
    url,
    app,
    get clock() {
      return app.clock
    },
    close: () => app.close(),
  }
}
