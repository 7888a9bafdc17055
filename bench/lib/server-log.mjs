// @ts-check
// What a server under test wrote to its log file while the bench ran.

/** @import { ServerLogScan, Target } from '../types.js' */

import { closeSync, openSync, readSync, statSync } from 'node:fs'

/**
 * Lines the server logged since `offset`: counts by level and a few samples (pino JSON lines).
 * Warnings and errors are also counted by message into `messages` (for the findings).
 * @param {string} path
 * @param {number} offset
 * @param {Record<string, number>} [messages]
 * @returns {ServerLogScan}
 */
function scanLog(path, offset, messages = {}) {
  /** @type {ServerLogScan} */
  const out = { errors: 0, warnings: 0, other: 0, samples: [], offset }
  let size
  try {
    size = statSync(path).size
  } catch {
    return out
  }
  if (size <= offset) return out
  const fd = openSync(path, 'r')
  const buf = Buffer.alloc(Math.min(size - offset, 8 * 1024 * 1024))
  readSync(fd, buf, 0, buf.length, offset)
  closeSync(fd)
  out.offset = offset + buf.length
  for (const line of buf.toString('utf8').split('\n')) {
    if (!line.trim()) continue
    /** @type {number | null} */
    let level = null
    let msg = line
    try {
      const j = JSON.parse(line)
      level = j.level
      msg = `${j.msg ?? ''}${j.err ? ` ${JSON.stringify(j.err).slice(0, 400)}` : ''}`
    } catch {
      /* not JSON: a stack trace or a plain line */
    }
    if (level === null || level >= 40) {
      const key = `${level ?? 'raw'}: ${msg.slice(0, 300)}`
      messages[key] = (messages[key] ?? 0) + 1
    }
    if (level !== null && level >= 50) out.errors++
    else if (level === 40) out.warnings++
    else if (level === null) out.other++
    if ((level === null || level >= 40) && out.samples.length < 5)
      out.samples.push(`${level ?? 'raw'}: ${msg.slice(0, 500)}`)
  }
  return out
}

/**
 * Scans the target's log from where the last scan stopped.
 * @param {Target} target
 */
export function scanTargetLog(target) {
  const scan = scanLog(target.logPath, target.logOffset, target.logMessages)
  target.logOffset = scan.offset
  return scan
}
