/**
 * The Lua side of the Redis limiter: one script per call, so `check` and `record` are one round
 * trip each and atomic. Both read the Redis server's clock, so processes with skewed clocks agree.
 *
 * Times are milliseconds since 2025-01-01 rather than since 1970: Lua numbers are doubles, and the
 * smaller the number, the finer the fractional intervals it can hold (about 10 ns today instead
 * of 250 ns). Every process must use the same origin, which is why it is a constant.
 *
 * KEYS are always: the pair bucket, the address bucket, the pair's known-good mark.
 */

/** The origin of the scripts' times (2025-01-01), in ms since 1970. */
export const TIME_ORIGIN_MS = 1_735_689_600_000

const NOW = `
local time = redis.call('TIME')
local now = (tonumber(time[1]) - ${TIME_ORIGIN_MS / 1000}) * 1000 + tonumber(time[2]) / 1000
`

/** Returns the debts (ms, as strings: numbers would be truncated) and 1 if known good. */
export const CHECK_SCRIPT = `${NOW}
local function debt(key)
  local tat = tonumber(redis.call('GET', key))
  if tat == nil or tat <= now then return '0' end
  return string.format('%.17g', tat - now)
end
return { debt(KEYS[1]), debt(KEYS[2]), redis.call('EXISTS', KEYS[3]) }
`

/**
 * Decides and reserves atomically, so attempts sent at once cannot all pass before the first
 * failure is counted. ARGV: window ms, then per bucket (pair, address): capacity, interval ms,
 * failure cost, then the admission's deadline on the Redis clock (ms since the origin above, or
 * empty). Returns the debts before the reservation (ms, as strings: numbers would be truncated),
 * 1 if known good, and which buckets were reserved; a pair reservation of -1 means the deadline
 * had passed and nothing was done. Mirrors `decide` in gcra.ts.
 *
 * The deadline is what keeps a Redis hang from charging clients after it ends: commands sent
 * while Redis is stopped wait in its socket and all run when it resumes, long after Tessera gave
 * up on them and let the requests through. A reservation made then would never be settled.
 */
export const ADMIT_SCRIPT = `
if redis.replicate_commands then redis.replicate_commands() end
${NOW}
if ARGV[8] ~= nil and ARGV[8] ~= '' and now > tonumber(ARGV[8]) then
  return { '0', '0', 0, -1, 0 }
end
local window = tonumber(ARGV[1])
local function debt(key)
  local tat = tonumber(redis.call('GET', key))
  if tat == nil or tat <= now then return 0 end
  return tat - now
end
local function affords(d, capacity, interval, failure)
  return capacity - d / interval + 1e-6 >= failure
end
local function reserve(key, d, interval, points)
  local tat = math.min(now + d + interval * points, now + window)
  redis.call('SET', key, string.format('%.17g', tat), 'PX', math.max(1, math.ceil(tat - now)))
end
local pairDebt, addressDebt = debt(KEYS[1]), debt(KEYS[2])
local good = redis.call('EXISTS', KEYS[3])
local pc, pi, pf = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local ac, ai, af = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local allowed = affords(pairDebt, pc, pi, pf) and (good == 1 or affords(addressDebt, ac, ai, af))
local reservedPair, reservedAddress = 0, 0
if allowed then
  reserve(KEYS[1], pairDebt, pi, pf)
  reservedPair = 1
  if good == 0 then
    reserve(KEYS[2], addressDebt, ai, af)
    reservedAddress = 1
  end
end
return { string.format('%.17g', pairDebt), string.format('%.17g', addressDebt), good, reservedPair, reservedAddress }
`

/**
 * Settles a request. ARGV: window ms, pair interval ms, pair points, address interval ms, address
 * points (negative: a refund of a reservation), 1 on success. Mirrors \`charge\` in gcra.ts; every
 * key expires when its bucket is full again (or its mark lapses), so Redis holds nothing for idle
 * pairs and addresses.
 */
export const RECORD_SCRIPT = `
-- Redis < 5 refuses writes after TIME unless effects are replicated; later versions ignore this
if redis.replicate_commands then redis.replicate_commands() end
${NOW}
local window = tonumber(ARGV[1])
local function charge(key, interval, points)
  if points == 0 then return end
  local tat = tonumber(redis.call('GET', key))
  if tat == nil or tat < now then tat = now end
  tat = math.max(now, math.min(tat + interval * points, now + window))
  if tat <= now then
    redis.call('DEL', key)
  else
    redis.call('SET', key, string.format('%.17g', tat), 'PX', math.max(1, math.ceil(tat - now)))
  end
end
charge(KEYS[1], tonumber(ARGV[2]), tonumber(ARGV[3]))
charge(KEYS[2], tonumber(ARGV[4]), tonumber(ARGV[5]))
if ARGV[6] == '1' then redis.call('SET', KEYS[3], '1', 'PX', ARGV[1]) end
return 1
`
