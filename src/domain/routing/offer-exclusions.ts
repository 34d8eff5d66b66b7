/**
 * Agents passed over for one conversation, each until an epoch ms: an agent who declined it or
 * let its offer time out. Exclusions end, so a queue served by a single agent does not strand
 * its customer; until then the conversation goes to anyone else who qualifies.
 */
export type Exclusions = Readonly<Record<string, number>>

/** How a `queued` record carries exclusions: the agents, and (since exclusions end) until when. */
export interface ExclusionRecord {
  readonly excludedAgents?: readonly string[] | undefined
  readonly excludedUntil?: Readonly<Record<string, number>> | undefined
}

/**
 * The exclusions a record holds. An agent listed without an end (a record written before
 * exclusions ended) is excluded for `forMs` from `recordedAt`.
 * @example exclusionsFrom({ excludedAgents: ['a1', 'a2'], excludedUntil: { a1: 9000 } }, 1000, 5000)
 * // { a1: 9000, a2: 6000 }
 */
export function exclusionsFrom(
  record: ExclusionRecord,
  recordedAt: number,
  forMs: number,
): Exclusions {
  const out: Record<string, number> = {}
  for (const agentId of record.excludedAgents ?? []) out[agentId] = recordedAt + forMs
  for (const [agentId, until] of Object.entries(record.excludedUntil ?? {})) {
    if (Number.isFinite(until)) out[agentId] = until
  }
  return out
}

/**
 * The agents still excluded at `now`, and when the next of those exclusions ends (when the
 * runtime must look again); an exclusion ends exactly at its time.
 * @example activeExclusions({ a1: 5000, a2: 1000 }, 2000) // { agents: ['a1'], nextEnd: 5000 }
 */
export function activeExclusions(
  exclusions: Exclusions,
  now: number,
): { agents: string[]; nextEnd: number | undefined } {
  const agents: string[] = []
  let nextEnd: number | undefined
  for (const [agentId, until] of Object.entries(exclusions)) {
    if (until <= now) continue
    agents.push(agentId)
    if (nextEnd === undefined || until < nextEnd) nextEnd = until
  }
  return { agents, nextEnd }
}

/**
 * The exclusions after `agentId` is excluded at `now` for `forMs` (0: not at all), without
 * those that have ended. A longer exclusion already in force is kept.
 * @example withExclusion({ a2: 1000 }, 'a1', 2000, 300_000) // { a1: 302000 }
 */
export function withExclusion(
  exclusions: Exclusions,
  agentId: string,
  now: number,
  forMs: number,
): Exclusions {
  const out: Record<string, number> = {}
  for (const [id, until] of Object.entries(exclusions)) if (until > now) out[id] = until
  const until = now + forMs
  if (forMs > 0 && !((out[agentId] ?? 0) > until)) out[agentId] = until
  return out
}
