// @ts-check
// Where the bench lives, where Tessera's build is, and where results and server logs go.

import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const BENCH_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..')
export const PROJECT_DIR = resolve(BENCH_DIR, '..')
export const RESULTS_DIR = join(BENCH_DIR, 'results')
export const LOGS_DIR = join(RESULTS_DIR, 'logs')
