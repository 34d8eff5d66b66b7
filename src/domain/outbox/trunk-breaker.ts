/**
 * A circuit breaker per trunk: after `threshold` consecutive retryable
 * failures the trunk is "open" (passed over for the program's failover
 * trunk) for `cooldownMs`; then one trial send decides ("half-open").
 */
export interface TrunkBreaker {
  readonly failures: number
  readonly openUntil: number | undefined
}

export interface BreakerPolicy {
  threshold: number
  cooldownMs: number
}

export const DEFAULT_BREAKER_POLICY: BreakerPolicy = { threshold: 5, cooldownMs: 30_000 }
export const CLOSED_BREAKER: TrunkBreaker = { failures: 0, openUntil: undefined }

/** Whether the trunk should be used now (closed, or cooled down enough for a trial). */
export function isTrunkUsable(breaker: TrunkBreaker, now: number): boolean {
  return breaker.openUntil === undefined || now >= breaker.openUntil
}

/**
 * The breaker after a send through the trunk.
 * @example recordTrunkResult(CLOSED_BREAKER, 'failure', 0, { threshold: 1, cooldownMs: 10 }) // { failures: 1, openUntil: 10 }
 */
export function recordTrunkResult(
  breaker: TrunkBreaker,
  result: 'success' | 'failure',
  now: number,
  policy: BreakerPolicy = DEFAULT_BREAKER_POLICY,
): TrunkBreaker {
  if (result === 'success') return CLOSED_BREAKER
  const failures = breaker.failures + 1
  return {
    failures,
    openUntil: failures >= policy.threshold ? now + policy.cooldownMs : breaker.openUntil,
  }
}
