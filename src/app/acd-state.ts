import type { Config } from '../config/schema.ts'
import type { Agent, AgentStatus } from '../domain/routing/agent.ts'
import { createRouter, type Router } from '../domain/routing/create-router.ts'
import { activeExclusions, exclusionsFrom } from '../domain/routing/offer-exclusions.ts'
import { exclusionMs, offerExpiresAt, type QueuePolicy } from '../domain/routing/queue-policy.ts'
import type { WaitingConversation } from '../domain/routing/waiting-conversation.ts'
import { MAX_PRIORITY, MIN_PRIORITY } from '../domain/screening/screening-rule.ts'
import type { Store } from '../store/connect.ts'
import { loadRoutingAgents, type RoutingAgentRow } from '../store/routing-agents.ts'
import {
  loadRoutingConversations,
  recentAgents,
  routingConversationPages,
  threadOf,
  type RoutingConversationRow,
} from '../store/routing-conversations.ts'

/** A pending offer, as the ACD times it. */
export interface PendingOffer {
  readonly agentId: string
  readonly expiresAt: number
}

/**
 * The pending offers by conversation, with a lower bound of their deadlines, so the ACD's tick
 * looks through them only when one may have run out (thousands can be pending).
 */
export class PendingOffers extends Map<string, PendingOffer> {
  /** No offer runs out before this (it may be earlier than the earliest still pending). */
  earliestExpiry = Number.POSITIVE_INFINITY

  override set(conversationId: string, offer: PendingOffer): this {
    this.earliestExpiry = Math.min(this.earliestExpiry, offer.expiresAt)
    return super.set(conversationId, offer)
  }

  override clear(): void {
    this.earliestExpiry = Number.POSITIVE_INFINITY
    super.clear()
  }

  /** The offers run out by `now`; the lower bound becomes that of the others. */
  expiredBy(now: number): [string, PendingOffer][] {
    if (now < this.earliestExpiry) return []
    const expired: [string, PendingOffer][] = []
    let earliest = Number.POSITIVE_INFINITY
    for (const entry of this) {
      if (entry[1].expiresAt <= now) expired.push(entry)
      else earliest = Math.min(earliest, entry[1].expiresAt)
    }
    this.earliestExpiry = earliest
    return expired
  }
}

/**
 * The ACD's in-memory mirror of the database: the router (free agents, waiting conversations),
 * the pending offers with their deadlines, and each routed conversation's number of ours. The database
 * is the truth; `refresh` re-reads what changed and replaces it here, so a change made anywhere
 * (an agent's action, another server, the inbound path) reaches routing the same way.
 */
export interface AcdState {
  readonly router: Router
  readonly offers: PendingOffers
  /** Each routed conversation's number of ours, which events record and the router does not carry. */
  readonly ourNumbers: Map<string, string>
  /**
   * Waiting conversations with an agent passed over, and when the first such exclusion ends:
   * then the conversation must be read again (refresh) for that agent to qualify.
   */
  readonly exclusionEnds: Map<string, number>
  readonly policies: ReadonlyMap<string, QueuePolicy>
  /** Reads every agent and every waiting or offered conversation. */
  rebuild(now: number): Promise<void>
  /** Re-reads these conversations and agents (and the agents the conversations name). */
  refresh(conversationIds: Iterable<string>, agentIds: Iterable<string>, now: number): Promise<void>
}

/**
 * @example const state = createAcdState({ config, store }); await state.rebuild(clock.now())
 */
export function createAcdState(deps: { config: Config; store: Store }): AcdState {
  const { config, store } = deps
  const policies = new Map<string, QueuePolicy>(config.queues.map((q) => [q.id, q]))
  const preferredWindowMs = config.threadingWindowHours * 3_600_000
  let router = createRouter(config.queues)
  const offers = new PendingOffers()
  const ourNumbers = new Map<string, string>()
  const exclusionEnds = new Map<string, number>()
  // The database hands out a fresh copy of these per row; the router and `ourNumbers` keep them
  // as long as a conversation waits, so 100,000 waiting would hold 100,000 copies of a few values.
  const skillLists = new Map<string, readonly string[]>()
  const numberCopies = new Map<string, string>()

  function applyAgent(row: RoutingAgentRow, now: number): void {
    if (row.disabled || row.queues.length === 0) {
      router.removeAgent(row.id)
      return
    }
    router.upsertAgent(toAgent(row, router.getAgent(row.id), now))
  }

  async function applyConversations(rows: readonly RoutingConversationRow[], now: number) {
    const waiting = rows.filter((r) => r.status === 'waiting')
    const preferred =
      waiting.length > 0
        ? await recentAgents(store.db, waiting, now - preferredWindowMs)
        : new Map<string, string>()
    for (const row of rows) {
      const policy = row.queueId === undefined ? undefined : policies.get(row.queueId)
      exclusionEnds.delete(row.id)
      if (row.status === 'waiting' && policy) {
        const { conversation, exclusionsEnd } = toWaiting(
          row,
          preferred.get(threadOf(row.customerNumber, row.ourNumber)),
          policy,
          now,
          skillLists,
        )
        router.enqueue(conversation)
        if (exclusionsEnd !== undefined) exclusionEnds.set(row.id, exclusionsEnd)
      } else router.remove(row.id)
      if (row.status === 'offered' && row.agentId !== undefined && policy) {
        const expiresAt = offerExpiresAt(policy, row.offeredAt ?? now)
        offers.set(row.id, { agentId: row.agentId, expiresAt })
      } else offers.delete(row.id)
      if (row.status === 'waiting' || row.status === 'offered') {
        ourNumbers.set(row.id, oneCopy(numberCopies, row.ourNumber, row.ourNumber))
      } else ourNumbers.delete(row.id)
    }
  }

  return {
    get router() {
      return router
    },
    offers,
    ourNumbers,
    exclusionEnds,
    policies,
    async rebuild(now) {
      router = createRouter(config.queues)
      offers.clear()
      ourNumbers.clear()
      exclusionEnds.clear()
      for (const row of await loadRoutingAgents(store.db)) applyAgent(row, now)
      for await (const page of routingConversationPages(store.db)) {
        await applyConversations(page, now)
      }
    },
    async refresh(conversationIds, agentIds, now) {
      const conversations = [...new Set(conversationIds)]
      const agents = new Set(agentIds)
      if (conversations.length > 0) {
        const rows = await loadRoutingConversations(store.db, conversations)
        for (const row of rows) if (row.agentId !== undefined) agents.add(row.agentId)
        await applyConversations(rows, now)
      }
      if (agents.size === 0) return
      const rows = await loadRoutingAgents(store.db, [...agents])
      for (const row of rows) {
        applyAgent(row, now)
        agents.delete(row.id)
      }
      for (const gone of agents) router.removeAgent(gone)
    },
  }
}

const STATUSES: Readonly<Record<string, AgentStatus>> = {
  available: 'available',
  busy: 'available', // busy is derived from load; a stored 'busy' means available
  not_ready: 'not_ready',
  offline: 'offline',
}

/**
 * The router's view of an agent. Idle time ("idle longest" first) starts when the agent became
 * available or, later, when a slot was freed (a conversation ended or was transferred away).
 */
function toAgent(row: RoutingAgentRow, previous: Agent | undefined, now: number): Agent {
  const status = STATUSES[row.status] ?? 'offline'
  const idleSince =
    previous === undefined || (status === 'available' && previous.status !== 'available')
      ? row.statusSince
      : row.active < previous.active && row.offered === previous.offered
        ? now
        : previous.idleSince
  return {
    id: row.id,
    status,
    ...(status === 'not_ready' && row.notReadyReason !== undefined
      ? { notReadyReason: row.notReadyReason }
      : {}),
    skills: row.skills,
    queues: row.queues,
    capacity: row.capacity,
    active: row.active,
    idleSince,
    ...(row.offered !== undefined ? { offered: row.offered } : {}),
  }
}

/**
 * The router's view of a waiting conversation at `now`: only the exclusions still in force (the
 * router has no clock for them), with when the first of them ends.
 */
function toWaiting(
  row: RoutingConversationRow,
  preferredAgentId: string | undefined,
  policy: QueuePolicy,
  now: number,
  skillLists: Map<string, readonly string[]>,
): { conversation: WaitingConversation; exclusionsEnd: number | undefined } {
  const { queued } = row
  const excluded = activeExclusions(exclusionsFrom(queued, queued.at, exclusionMs(policy)), now)
  const conversation: WaitingConversation = {
    id: row.id,
    queue: policy.id, // row.queueId, as the configuration's one copy
    basePriority: Math.min(MAX_PRIORITY, Math.max(MIN_PRIORITY, Math.round(row.priority))),
    requiredSkills: oneCopy(skillLists, (queued.skills ?? []).join('\u0000'), queued.skills ?? []),
    enqueuedAt: queued.enqueuedAt ?? queued.at,
    customerNumber: row.customerNumber,
    ...(preferredAgentId !== undefined ? { preferredAgentId } : {}),
    ...(excluded.agents.length > 0 ? { excludedAgents: excluded.agents } : {}),
  }
  return { conversation, exclusionsEnd: excluded.nextEnd }
}

/** The value already kept under `key`, else `value`, kept from now on. */
function oneCopy<T>(copies: Map<string, T>, key: string, value: T): T {
  const known = copies.get(key)
  if (known !== undefined) return known
  copies.set(key, value)
  return value
}
