/**
 * How a queue orders and widens its waiting conversations. Structurally a subset of the
 * configuration's queue entry, so a configured queue can be passed as it is.
 */
export interface QueuePolicy {
  readonly id: string
  /** Effective priority = base + min(max, floor(waited / everySeconds) × step). */
  readonly aging: { readonly everySeconds: number; readonly step: number; readonly max: number }
  /**
   * Relaxation rings: once a conversation has waited the k-th threshold (seconds, any order),
   * its k least important required skills are dropped; after the last threshold no skill is
   * required and any agent serving the queue qualifies.
   */
  readonly relaxSkillsAfterSeconds: readonly number[]
  /**
   * How long a conversation waits for its preferred agent when that agent could take it but is
   * busy. Absent or 0: the preferred agent is chosen only if free now.
   */
  readonly preferredAgentWaitSeconds?: number
  /** How long an offer waits for the agent; DEFAULT_OFFER_TIMEOUT_SECONDS when absent. */
  readonly offerTimeoutSeconds?: number
  /**
   * How long an agent who declined a conversation or let its offer time out is passed over for
   * it; DEFAULT_EXCLUSION_SECONDS when absent, 0 for not at all. Finite, so a queue with a
   * single agent does not strand its customer.
   */
  readonly excludeAgentForSeconds?: number
}

/** An offer not accepted within this time moves on (issue 5). */
export const DEFAULT_OFFER_TIMEOUT_SECONDS = 30

/** An agent who declined or let an offer lapse is passed over for that conversation this long. */
export const DEFAULT_EXCLUSION_SECONDS = 300

/**
 * When an offer made at `offeredAt` expires.
 * @example offerExpiresAt({ offerTimeoutSeconds: undefined, … }, 1000) // 31000
 */
export function offerExpiresAt(queue: QueuePolicy, offeredAt: number): number {
  return offeredAt + (queue.offerTimeoutSeconds ?? DEFAULT_OFFER_TIMEOUT_SECONDS) * 1000
}

/**
 * How long an agent who declined or let an offer lapse is passed over, in ms; the default when
 * the queue is unknown (it was removed from the configuration).
 * @example exclusionMs({ excludeAgentForSeconds: 60 }) // 60000
 */
export function exclusionMs(
  queue: Pick<QueuePolicy, 'excludeAgentForSeconds'> | undefined,
): number {
  return (queue?.excludeAgentForSeconds ?? DEFAULT_EXCLUSION_SECONDS) * 1000
}

/**
 * Problems that make a queue policy unusable; empty when valid.
 * @example validateQueuePolicy({ id: 'q', aging: { everySeconds: 0, step: 1, max: 5 }, relaxSkillsAfterSeconds: [] })
 * // ['aging.everySeconds must be a positive number, got 0']
 */
export function validateQueuePolicy(queue: QueuePolicy): string[] {
  const problems: string[] = []
  const { everySeconds, step, max } = queue.aging
  if (!(everySeconds > 0) || !Number.isFinite(everySeconds)) {
    problems.push(`aging.everySeconds must be a positive number, got ${everySeconds}`)
  }
  if (!(step >= 0) || !Number.isFinite(step)) problems.push(`aging.step must be ≥ 0, got ${step}`)
  if (!(max >= 0) || !Number.isFinite(max)) problems.push(`aging.max must be ≥ 0, got ${max}`)
  for (const seconds of queue.relaxSkillsAfterSeconds) {
    if (!(seconds >= 0) || !Number.isFinite(seconds)) {
      problems.push(`relaxSkillsAfterSeconds must hold numbers ≥ 0, got ${seconds}`)
    }
  }
  const timeout = queue.offerTimeoutSeconds ?? DEFAULT_OFFER_TIMEOUT_SECONDS
  if (!(timeout > 0) || !Number.isFinite(timeout)) {
    problems.push(`offerTimeoutSeconds must be a positive number, got ${timeout}`)
  }
  const exclusion = queue.excludeAgentForSeconds ?? DEFAULT_EXCLUSION_SECONDS
  if (!(exclusion >= 0) || !Number.isFinite(exclusion)) {
    problems.push(`excludeAgentForSeconds must be ≥ 0, got ${exclusion}`)
  }
  const hold = queue.preferredAgentWaitSeconds ?? 0
  if (!(hold >= 0) || !Number.isFinite(hold)) {
    problems.push(`preferredAgentWaitSeconds must be ≥ 0, got ${hold}`)
  }
  return problems
}
