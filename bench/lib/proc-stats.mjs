// @ts-check
// CPU time and peak memory of processes, read from Linux /proc.
//
// cpu: utime + stime of a process plus cutime + cstime (children it has reaped), summed over the
// process and its live descendants, so a tree's total never goes down when a child exits.
// memory: VmHWM (the kernel's high-water mark of resident memory) of the process; it can be reset
// to the current RSS by writing "5" to /proc/<pid>/clear_refs, which gives a peak per cell.
// Everything returns null where /proc is missing or the process is gone (not Linux, other pid
// namespace): the report then shows "n/a" instead of a wrong number.

import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { availableParallelism, cpus as osCpus, loadavg, release, totalmem, type } from 'node:os'

/** @type {number | undefined} */
let ticksPerSecond
/** Clock ticks per second (/proc counts CPU time in ticks). */
function hz() {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond =
        Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
    } catch {
      ticksPerSecond = 100
    }
  }
  return ticksPerSecond
}

/** @typedef {{ pid: number, ppid: number, comm: string, ticks: number }} ProcStat */

/**
 * `{ pid, ppid, comm, ticks }` of one process, or null.
 * @param {number} pid
 * @returns {ProcStat | null}
 */
function statOf(pid) {
  let text
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return null
  }
  // the command name is in parentheses and may itself contain spaces or parentheses
  const open = text.indexOf('(')
  const close = text.lastIndexOf(')')
  const fields = text.slice(close + 2).split(' ')
  // fields[0] is field 3 (state); utime, stime, cutime, cstime are fields 14..17
  const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])
  return { pid, ppid: Number(fields[1]), comm: text.slice(open + 1, close), ticks }
}

/**
 * The process and all of its live descendants.
 * @param {number} rootPid
 * @returns {ProcStat[]}
 */
function descendants(rootPid) {
  /** @type {ProcStat[]} */
  const all = []
  let entries
  try {
    entries = readdirSync('/proc')
  } catch {
    return []
  }
  for (const name of entries) {
    if (name.charCodeAt(0) < 48 || name.charCodeAt(0) > 57) continue
    const st = statOf(Number(name))
    if (st) all.push(st)
  }
  /** @type {Map<number, ProcStat[]>} */
  const byParent = new Map()
  for (const st of all) {
    const list = byParent.get(st.ppid)
    if (list) list.push(st)
    else byParent.set(st.ppid, [st])
  }
  const root = all.find((st) => st.pid === rootPid)
  if (!root) return []
  /** @type {ProcStat[]} */
  const out = []
  const todo = [root]
  for (let st = todo.pop(); st; st = todo.pop()) {
    out.push(st)
    for (const child of byParent.get(st.pid) ?? []) todo.push(child)
  }
  return out
}

/**
 * CPU milliseconds used so far by the process tree rooted at pid (with reaped children).
 * @param {number | null | undefined} pid
 */
function treeCpuMs(pid) {
  if (!pid) return null
  const tree = descendants(pid)
  if (tree.length === 0) return null
  let ticks = 0
  for (const st of tree) ticks += st.ticks
  return (ticks * 1000) / hz()
}

/**
 * CPU milliseconds so far of each of the given processes (those still alive).
 * @param {number[]} pids
 */
export function cpuOfPids(pids) {
  /** @type {Map<number, number>} */
  const out = new Map()
  for (const pid of pids) {
    const st = statOf(pid)
    if (st) out.set(pid, (st.ticks * 1000) / hz())
  }
  return out
}

/**
 * CPU between two cpuOfPids() readings: processes born in between count from zero.
 * @param {Map<number, number> | null} a
 * @param {Map<number, number> | null} b
 */
export function cpuOfPidsDelta(a, b) {
  if (!a || !b) return null
  let ms = 0
  for (const [pid, v] of b) ms += v - (a.get(pid) ?? 0)
  return ms
}

/**
 * VmHWM of one process in MiB, or null.
 * @param {number | undefined} pid
 */
export function peakRssMB(pid) {
  if (!pid) return null
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Number(m[1]) / 1024 : null
  } catch {
    return null
  }
}

/**
 * Resets VmHWM to the current RSS (Linux ≥ 4.0, own processes). Returns whether it worked.
 * @param {number | undefined} pid
 */
export function resetPeakRss(pid) {
  if (!pid) return false
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5')
    return true
  } catch {
    return false
  }
}

/** Busy CPU milliseconds of the whole machine (all cores, idle and iowait excluded), or null. */
function machineBusyMs() {
  try {
    const first = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? ''
    const v = first.trim().split(/\s+/).slice(1).map(Number)
    // user nice system idle iowait irq softirq steal ...
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0] = v
    const busy = user + nice + system + irq + softirq
    return (busy * 1000) / hz()
  } catch {
    return null
  }
}

/** CPU used by this (load generator) process so far, in ms. */
function selfCpuMs() {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

/**
 * The postmaster of the server a pg client is connected to, if it runs on this machine and is
 * visible in /proc: the parent of our own backend. Null otherwise (remote or containerized server).
 */
/** @param {import('pg').Client} client */
export async function findPostmasterPid(client) {
  try {
    const r = await client.query('SELECT pg_backend_pid() AS pid')
    const backend = statOf(Number(r.rows[0].pid))
    if (!backend) return null
    const parent = statOf(backend.ppid)
    if (!parent || !/postgres|postmaster/.test(parent.comm)) return null
    return parent.pid
  } catch {
    return null
  }
}

/**
 * CPU readings at one instant, to subtract from a later one (`cpuDelta`).
 * @param {{ serverPid: number | undefined, pgPid: number | null }} pids
 */
export function snapshot({ serverPid, pgPid }) {
  return {
    at: performance.now(),
    server: treeCpuMs(serverPid),
    pg: treeCpuMs(pgPid),
    loadgen: selfCpuMs(),
    machine: machineBusyMs(),
  }
}

/**
 * Where the CPU went between two snapshots.
 * @param {ReturnType<typeof snapshot>} a
 * @param {ReturnType<typeof snapshot>} b
 */
export function cpuDelta(a, b) {
  /** @param {'server' | 'pg' | 'loadgen' | 'machine'} k */
  const d = (k) => (a[k] == null || b[k] == null ? null : b[k] - a[k])
  const wallMs = b.at - a.at
  const server = d('server')
  const pg = d('pg')
  const loadgen = d('loadgen')
  const machine = d('machine')
  // CPU of anything else on the machine (another workload), in cores over the interval
  const known = (server ?? 0) + (pg ?? 0) + (loadgen ?? 0)
  const otherCores = machine == null || wallMs <= 0 ? null : Math.max(0, machine - known) / wallMs
  return { wallMs, server, pg, loadgen, machine, otherCores }
}

/** The machine, for the report's header. */
export function machineInfo() {
  const cpus = osCpus()
  return {
    nproc: availableParallelism?.() ?? cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    totalMemMB: Math.round(totalmem() / 1048576),
    kernel: `${type()} ${release()}`,
    node: process.version,
    loadavg: loadavg().map((x) => Math.round(x * 100) / 100),
  }
}

/**
 * Resident memory of a process tree (a cluster primary and its workers) in MiB: `current` is the
 * sum of VmRSS now, `peak` the sum of VmHWM (each process's own high-water mark, so the sum can
 * exceed any instant's total). Null when /proc cannot tell.
 * @param {number | undefined} pid
 * @returns {{ current: number, peak: number, processes: number } | null}
 */
export function treeRssMB(pid) {
  if (!pid) return null
  const tree = descendants(pid)
  if (tree.length === 0) return null
  let current = 0
  let peak = 0
  for (const st of tree) {
    try {
      const status = readFileSync(`/proc/${st.pid}/status`, 'utf8')
      current += Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? 0) / 1024
      peak += Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1] ?? 0) / 1024
    } catch {
      // exited between the listing and the read
    }
  }
  return { current, peak, processes: tree.length }
}

/**
 * resetPeakRss on every process of the tree. Returns whether it worked for all.
 * @param {number | undefined} pid
 */
export function resetTreePeakRss(pid) {
  if (!pid) return false
  return descendants(pid).every((st) => resetPeakRss(st.pid))
}
