export interface BackoffPolicy {
  initialDelayMs: number
  maxDelayMs: number
  /** Give up this long after the message was accepted. */
  deadlineMs: number
}

/**
 * When to try again after `attempt` failed attempts: exponential (×2 each
 * time) with "full jitter" (a uniform draw from [delay/2, delay]) so that a
 * burst of failures does not retry in lockstep; `undefined` once the next
 * try would fall after the deadline. `random` is a number in [0, 1).
 * @example nextAttemptAt({ initialDelayMs: 1000, maxDelayMs: 60000, deadlineMs: 3600000 }, { attempt: 1, acceptedAt: 0, now: 0, random: 0.5 }) // 750
 */
export function nextAttemptAt(
  policy: BackoffPolicy,
  input: { attempt: number; acceptedAt: number; now: number; random: number },
): number | undefined {
  const exponent = Math.max(0, input.attempt - 1)
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(exponent, 30))
  const delay = ceiling / 2 + (ceiling / 2) * input.random
  const at = input.now + Math.round(delay)
  return at <= input.acceptedAt + policy.deadlineMs ? at : undefined
}
