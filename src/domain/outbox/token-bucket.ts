/** A token bucket's state: `tokens` as of `at` (epoch ms). */
export interface TokenBucket {
  readonly ratePerSecond: number
  readonly capacity: number
  readonly tokens: number
  readonly at: number
}

/** A full bucket. Capacity defaults to one second's worth (at least one token). */
export function newTokenBucket(
  ratePerSecond: number,
  now: number,
  capacity = Math.max(1, ratePerSecond),
): TokenBucket {
  return { ratePerSecond, capacity, tokens: capacity, at: now }
}

/**
 * Takes `cost` tokens (segments) if the bucket has them, refilling for the
 * time elapsed first. Otherwise says how long until it will: the caller
 * waits and asks again. A cost larger than the capacity is allowed once the
 * bucket is full (a long text on a slow long code still goes, then the
 * bucket runs negative and the sender rests accordingly).
 * @example takeTokens(newTokenBucket(1, 0), 1, 0) // { ok: true, bucket: { …, tokens: 0 } }
 */
export function takeTokens(
  bucket: TokenBucket,
  cost: number,
  now: number,
): { ok: true; bucket: TokenBucket } | { ok: false; bucket: TokenBucket; waitMs: number } {
  const elapsed = Math.max(0, now - bucket.at)
  const tokens = Math.min(bucket.capacity, bucket.tokens + (elapsed * bucket.ratePerSecond) / 1000)
  const refilled = { ...bucket, tokens, at: Math.max(now, bucket.at) }
  const needed = Math.min(cost, bucket.capacity)
  if (tokens >= needed) return { ok: true, bucket: { ...refilled, tokens: tokens - cost } }
  const waitMs = Math.ceil(((needed - tokens) * 1000) / bucket.ratePerSecond)
  return { ok: false, bucket: refilled, waitMs }
}

/**
 * Books `cost` tokens now, going into debt if need be, and says when the
 * booked send may go: at once while the bucket has the tokens, otherwise
 * once the debt would have refilled. Successive bookings queue up behind one
 * another, so a dispatcher can schedule a whole batch precisely.
 * @example reserveTokens(newTokenBucket(1, 0), 1, 0).at // 0, and the next booking's at is 1000
 */
export function reserveTokens(
  bucket: TokenBucket,
  cost: number,
  now: number,
): { at: number; bucket: TokenBucket } {
  const elapsed = Math.max(0, now - bucket.at)
  const tokens =
    Math.min(bucket.capacity, bucket.tokens + (elapsed * bucket.ratePerSecond) / 1000) - cost
  const at = tokens >= 0 ? now : now + Math.ceil((-tokens * 1000) / bucket.ratePerSecond)
  return { at, bucket: { ...bucket, tokens, at: Math.max(now, bucket.at) } }
}

/** Default throughput by sender type, in segments per second (REFERENCE.md, Twilio). */
export const DEFAULT_SEGMENTS_PER_SECOND = { long_code: 1, toll_free: 3, short_code: 100 } as const
