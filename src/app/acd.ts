import type { Logger } from 'pino'
import type { Config } from '../config/schema.ts'
import type { RouterDecision } from '../domain/routing/create-router.ts'
import { offerExpiresAt } from '../domain/routing/queue-policy.ts'
import type { Store } from '../store/connect.ts'
import { agentEventsSince } from '../store/routing-agents.ts'
import { conversationEventsSince } from '../store/routing-conversations.ts'
import { createAcdLock } from './acd-lock.ts'
import { createAcdState } from './acd-state.ts'
import type { EventBus } from './event-bus.ts'
import { toBusEvent, agentBusEvent } from './routing-events.ts'
import { recordOffer, recordOfferTimeout } from './record-offer.ts'
import type { Clock, Random } from './ports.ts'

export interface AcdDeps {
  config: Config
  store: Store
  clock: Clock
  random: Random
  logger: Logger
  bus: EventBus
}

export interface AcdOptions {
  /** How often the ACD looks for changes and expired offers without being woken. */
  tickMs: number
  /** How often a PostgreSQL server without the lock tries to take it. */
  lockRetryMs: number
  /**
   * How far back each look at the event tables reaches: an event can be committed a little after
   * its timestamp, and (PostgreSQL) clocks differ a little between servers. By default 1 s with
   * SQLite (one server, short transactions), 5 s with PostgreSQL.
   */
  lookbackMs: number | undefined
  /** Offers made in one cycle at most, so a backlog does not hold a cycle for long. */
  maxOffersPerCycle: number
}

export const DEFAULT_ACD_OPTIONS: AcdOptions = {
  tickMs: 1_000,
  lockRetryMs: 5_000,
  lookbackMs: undefined,
  maxOffersPerCycle: 1_000,
}

export interface AcdCycle {
  /** Whether this process runs the ACD (always with SQLite; the lock holder with PostgreSQL). */
  leader: boolean
  offered: number
  expired: number
}

export interface Acd {
  /** Takes the lock (PostgreSQL), rebuilds from the database and starts the periodic cycle. */
  start(): Promise<void>
  /** Stops the cycle and releases the lock; safe to call twice. */
  stop(): Promise<void>
  /** Something changed (a text arrived, an agent acted): run a cycle soon. */
  wake(): void
  /** Runs one cycle now (tests; `now` defaults to the clock): changes, timeouts, then offers. */
  tick(now?: number): Promise<AcdCycle>
  isLeader(): boolean
  stats(): { agents: number; waiting: number; offers: number }
}

/**
 * The routing runtime (automatic conversation distribution). It mirrors the database in the
 * pure router (src/domain/routing), follows changes through the conversation_events and
 * agent_events tables (so it sees what the inbound path, agents' actions and other servers
 * store, the same way), times offers out and makes offers. Each offer is stored before it is
 * published: conversation `offered` with the agent, and an `offered` event whose data says why
 * that agent was chosen. Every server follows the event tables to publish other servers' events
 * on its own bus; only the ACD holder (see createAcdLock) decides.
 * @example const acd = createAcd({ config, store, clock, random, logger, bus }); await acd.start(); acd.wake()
 */
export function createAcd(deps: AcdDeps, options: Partial<AcdOptions> = {}): Acd {
  const { store, clock, logger, bus } = deps
  const opts = { ...DEFAULT_ACD_OPTIONS, ...options }
  const lookbackMs = opts.lookbackMs ?? (store.dialect === 'sqlite' ? 1_000 : 5_000)
  const lock = createAcdLock(deps)
  const state = createAcdState(deps)
  /** Event ids already applied to the router, and already on this process's bus, by time. */
  const routed = new Map<string, number>()
  const published = new Map<string, number>()
  const unsubscribe = bus.subscribe((event) => published.set(event.id, event.occurredAt))

  let started = false
  let stopped = false
  const running = () => !stopped
  let built = false
  let polledAt: number | undefined
  let nextLockAttempt = 0
  let timer: NodeJS.Timeout | undefined
  let wakeScheduled = false
  let last: Promise<unknown> = Promise.resolve()
  let queued: Promise<AcdCycle> | undefined

  async function follow(now: number): Promise<void> {
    const readAt = clock.now()
    const since = (polledAt ?? readAt) - lookbackMs
    polledAt = readAt
    const [conversationEvents, agentEvents] = await Promise.all([
      conversationEventsSince(store.db, since),
      agentEventsSince(store.db, since),
    ])
    const conversations = new Set<string>()
    const agents = new Set<string>()
    const foreign = []
    for (const event of conversationEvents) {
      if (!published.has(event.id)) foreign.push(toBusEvent(event))
      if (routed.has(event.id)) continue
      routed.set(event.id, event.occurredAt)
      conversations.add(event.conversationId)
      if (event.agentId !== undefined) agents.add(event.agentId)
    }
    for (const event of agentEvents) {
      if (!published.has(event.id)) foreign.push(agentBusEvent(event))
      if (routed.has(event.id)) continue
      routed.set(event.id, event.occurredAt)
      agents.add(event.userId)
    }
    bus.publish(foreign)
    for (const seen of [routed, published]) {
      for (const [id, at] of seen) if (at < since - lookbackMs) seen.delete(id)
    }
    if (built) await state.refresh(conversations, agents, now)
  }

  async function expireOffers(now: number): Promise<number> {
    let expired = 0
    for (const [conversationId, offer] of [...state.offers]) {
      if (offer.expiresAt > now) continue
      const outcome = await recordOfferTimeout(deps, {
        conversationId,
        agentId: offer.agentId,
        now,
      })
      for (const event of outcome.events) routed.set(event.id, event.occurredAt)
      bus.publish(outcome.events)
      if (outcome.timedOut) expired++
      await state.refresh([conversationId], [offer.agentId], now)
    }
    return expired
  }

  async function offer(decision: Extract<RouterDecision, { ok: true }>, now: number) {
    const { conversation, assignment } = decision
    const numbers = state.numbers.get(conversation.id)
    const policy = state.policies.get(conversation.queue)
    const expiresAt = policy ? offerExpiresAt(policy, now) : now
    const events = await recordOffer(deps, {
      conversation,
      agentId: assignment.agentId,
      reason: assignment.reason,
      ourNumber: numbers?.ourNumber,
      expiresAt,
      now,
    })
    if (events.length === 0) {
      // it left the queue meanwhile (abandoned, moved by a supervisor): read both again
      await state.refresh([conversation.id], [assignment.agentId], now)
      return false
    }
    state.offers.set(conversation.id, { agentId: assignment.agentId, expiresAt })
    for (const event of events) routed.set(event.id, event.occurredAt)
    bus.publish(events)
    return true
  }

  async function cycle(now: number): Promise<AcdCycle> {
    if (stopped) return { leader: false, offered: 0, expired: 0 }
    if (!lock.held()) {
      built = false
      if (clock.now() >= nextLockAttempt) {
        nextLockAttempt = clock.now() + opts.lockRetryMs
        if (await lock.tryTake()) {
          polledAt ??= clock.now()
          await state.rebuild(now)
          built = true
        }
      }
    }
    await follow(now)
    if (!built) return { leader: false, offered: 0, expired: 0 }
    const expired = await expireOffers(now)
    let offered = 0
    for (let i = 0; i < opts.maxOffersPerCycle && running(); i++) {
      const decision = state.router.next(now)
      if (!decision.ok) break
      if (await offer(decision, now)) offered++
    }
    return { leader: true, offered, expired }
  }

  function tick(now?: number): Promise<AcdCycle> {
    if (now === undefined && queued) return queued
    const run: Promise<AcdCycle> = last.then(() => {
      if (queued === run) queued = undefined
      return cycle(now ?? clock.now())
    })
    last = run.catch(() => undefined)
    if (now === undefined) queued = run
    return run
  }

  function background(): void {
    tick().catch((error: unknown) => logger.error({ err: error }, 'ACD cycle failed'))
  }

  return {
    async start() {
      if (started) return
      started = true
      await tick()
      timer = setInterval(background, opts.tickMs)
      timer.unref()
    },
    async stop() {
      if (stopped) return
      stopped = true
      clearInterval(timer)
      unsubscribe()
      await last
      await lock.release()
    },
    wake() {
      if (!started || stopped || wakeScheduled) return
      wakeScheduled = true
      setImmediate(() => {
        wakeScheduled = false
        background()
      })
    },
    tick,
    isLeader: () => built && lock.held(),
    stats: () => ({
      agents: state.router.stats().agents,
      waiting: state.router.stats().waiting,
      offers: state.offers.size,
    }),
  }
}
