import { setFlagsFromString } from 'node:v8'

/**
 * V8's budget for optimizing a WebAssembly function, 10 times its default (1,800,000, "a rough
 * approximation of bytes executed").
 *
 * PGlite is all of PostgreSQL in 9 MB of WebAssembly. V8 compiles it with its baseline compiler
 * and recompiles, on background threads, each function that has run through its budget with its
 * optimizing one. At the default budget, opening the database and a server's start-up queries
 * send many functions that will not be hot again through the optimizing compiler, whose code and
 * bookkeeping stay: about 25 MB of a fresh embedded server's idle RSS. At 10 times the budget
 * start-up optimizes few of them, and a load gets the functions it keeps running optimized soon
 * after. 100 times saved no more memory and left a load on baseline code for much longer
 * (embedded refresh and verify right after a start 10–50% slower): docs/performance.md.
 */
const EMBEDDED_WASM_TIERING_BUDGET = 18_000_000

/**
 * Sets the budget, once, before PGlite compiles its module (V8 reads it per module). Embedded
 * mode only: a PostgreSQL deployment runs no WebAssembly. An operator who chose a tiering flag on
 * the command line or in NODE_OPTIONS keeps their choice.
 */
export function setEmbeddedWasmTiering(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string = process.env.NODE_OPTIONS ?? '',
): boolean {
  const chosen = [...execArgv, nodeOptions].some((arg) =>
    /--(no-)?(wasm[-_]tiering[-_]budget|liftoff|wasm[-_]dynamic[-_]tiering|wasm[-_]tier[-_]up)/.test(
      arg,
    ),
  )
  if (chosen) return false
  setFlagsFromString(`--wasm-tiering-budget=${EMBEDDED_WASM_TIERING_BUDGET}`)
  return true
}
