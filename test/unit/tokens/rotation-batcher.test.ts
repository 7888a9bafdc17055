import { describe, expect, it } from 'vitest'
import type { SqlClient } from '../../../src/db/database.js'
import type { Rotation } from '../../../src/domain/tokens/family.repository.js'
import { RotationBatcher } from '../../../src/domain/tokens/rotation-batcher.js'

function rotation(familyId: string, fromGeneration = 0): Rotation {
  return {
    familyId,
    fromGeneration,
    clientId: 'client',
    issuedAt: 1_000,
    accessExpiresAt: 2_000,
    refreshExpiresAt: 3_000,
    kid: 'k1',
    accessSignature: null,
  }
}

/**
 * A database that holds each statement until released and rotates the families it is told to
 * (at most once per family and generation, as the real statement does).
 */
class FakeDatabase implements SqlClient {
  readonly statements: string[][] = []
  readonly sentAt: number[] = []
  readonly #generations = new Map<string, number>()
  readonly #held: (() => void)[] = []
  failNext: { code: string } | null = null
  hold = true

  async query<R>(_text: string, values: readonly unknown[]): Promise<R[]> {
    const ids = values[0] as string[]
    const froms = values[1] as number[]
    this.statements.push(ids)
    this.sentAt.push(values[8] as number)
    if (this.hold) await new Promise<void>((resolve) => this.#held.push(resolve))
    if (this.failNext) {
      const err = Object.assign(new Error('statement failed'), this.failNext)
      this.failNext = null
      throw err
    }
    const rows: { n: number; organization_id: number }[] = []
    ids.forEach((id, i) => {
      if ((this.#generations.get(id) ?? 0) === froms[i]) {
        this.#generations.set(id, froms[i]! + 1)
        rows.push({ n: i + 1, organization_id: 7 })
      }
    })
    return rows as R[]
  }

  release(): void {
    for (const resolve of this.#held.splice(0)) resolve()
  }

  async settle(): Promise<void> {
    for (let i = 0; i < 20; i++) {
      this.release()
      await new Promise((resolve) => setImmediate(resolve))
    }
  }
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve))

describe('RotationBatcher', () => {
  it('sends a lone rotation in the same turn of the event loop, in a statement of its own', async () => {
    const db = new FakeDatabase()
    const batcher = new RotationBatcher(db, 2)
    const outcome = batcher.rotate(rotation('a'))
    expect(db.statements).toEqual([])
    await nextTurn()
    expect(db.statements).toEqual([['a']])
    await db.settle()
    expect(await outcome).toEqual({ organizationId: 7 })
  })

  it('gathers what arrives while the statements in flight run, and answers each by position', async () => {
    const db = new FakeDatabase()
    const batcher = new RotationBatcher(db, 1)
    const first = batcher.rotate(rotation('a'))
    await nextTurn()
    const waiting = [
      batcher.rotate(rotation('b')),
      batcher.rotate(rotation('c', 5)),
      batcher.rotate(rotation('d')),
    ]
    expect(db.statements).toEqual([['a']])
    await db.settle()
    expect(db.statements).toEqual([['a'], ['b', 'c', 'd']])
    expect(await first).toEqual({ organizationId: 7 })
    // c presented a generation that is not current: it lost, the others won
    expect(await Promise.all(waiting)).toEqual([{ organizationId: 7 }, null, { organizationId: 7 }])
  })

  it('never puts two rotations of one family in one statement: the second waits and loses', async () => {
    const db = new FakeDatabase()
    const batcher = new RotationBatcher(db, 1)
    const first = batcher.rotate(rotation('x'))
    await nextTurn()
    const duplicates = [
      batcher.rotate(rotation('a')),
      batcher.rotate(rotation('a')),
      batcher.rotate(rotation('b')),
    ]
    await db.settle()
    expect(db.statements).toEqual([['x'], ['a', 'b'], ['a']])
    await first
    expect(await Promise.all(duplicates)).toEqual([
      { organizationId: 7 },
      null,
      { organizationId: 7 },
    ])
  })

  it('keeps at most maxInFlight statements running and batches no more than maxBatch', async () => {
    const db = new FakeDatabase()
    const batcher = new RotationBatcher(db, 2, 3)
    const all = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((id) => batcher.rotate(rotation(id)))
    await nextTurn()
    // all eight arrived in one turn: two statements of three, and the rest when a slot frees
    expect(db.statements).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
    ])
    await db.settle()
    expect(db.statements).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
      ['g', 'h'],
    ])
    expect((await Promise.all(all)).every((o) => o?.organizationId === 7)).toBe(true)
  })

  it('sends a batch again when PostgreSQL chose it as a deadlock victim', async () => {
    const db = new FakeDatabase()
    db.failNext = { code: '40P01' }
    const batcher = new RotationBatcher(db, 1)
    const outcome = batcher.rotate(rotation('a'))
    await db.settle()
    expect(db.statements).toEqual([['a'], ['a']])
    expect(await outcome).toEqual({ organizationId: 7 })
  })

  it('fails every rotation of a batch whose statement failed, and goes on with the next', async () => {
    const db = new FakeDatabase()
    const batcher = new RotationBatcher(db, 1)
    const first = batcher.rotate(rotation('a'))
    db.failNext = { code: '08006' }
    const failed = first.then(
      () => 'resolved',
      (err: { code?: string }) => err.code,
    )
    await db.settle()
    expect(await failed).toBe('08006')
    const next = batcher.rotate(rotation('b'))
    await db.settle()
    expect(await next).toEqual({ organizationId: 7 })
  })

  it('never sends a rotation whose request was answered before its turn came', async () => {
    const db = new FakeDatabase()
    const batcher = new RotationBatcher(db, 1)
    const first = batcher.rotate(rotation('a'))
    await nextTurn()
    // 'b' waits for the only slot; its request misses its deadline meanwhile
    const deadline = new AbortController()
    const abandoned = batcher.rotate(rotation('b'), deadline.signal).then(
      () => 'sent',
      (err: Error) => err.name,
    )
    const kept = batcher.rotate(rotation('c'), new AbortController().signal)
    deadline.abort()
    await db.settle()
    expect(await abandoned).toBe('RotationAbandonedError')
    expect(await first).toEqual({ organizationId: 7 })
    expect(await kept).toEqual({ organizationId: 7 })
    expect(db.statements).toEqual([['a'], ['c']])
  })

  it('passes the time it sends a statement, on the service clock', async () => {
    const db = new FakeDatabase()
    db.hold = false
    const batcher = new RotationBatcher(db, 1, 128, () => 42_000)
    await batcher.rotate(rotation('a'))
    expect(db.sentAt).toEqual([42_000])
  })
})
