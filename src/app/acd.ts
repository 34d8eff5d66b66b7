import type { Logger } from 'pino'
import type { Config } from '../config/schema.ts'
import type { RouterDecision } from '../domain/routing/create-router.ts'
import { offerExpiresAt } from '../domain/routing/queue-policy.ts'
import type { Store } from '../store/connect.ts'
import { createAcdFeed } from './acd-feed.ts'
import { createAcdLock } from './acd-lock.ts'
import { createAcdState } from './acd-state.ts'
import type { EventBus } from './event-bus.ts'
import { recordOffers, recordOfferTimeout } from './record-offer.ts'
import type { Clock, Random } from './ports.ts'

type Decision = Extract<RouterDecision, { ok: true }>

/** Offers stored in one transaction at most: one commit for many, without holding others up. */
const OFFERS_PER_COMMIT = 100

export interface AcdDeps {
  config: Config
  store: Store
  clock: Clock
  random: Random
  logger: Logger
  bus: EventBus
}

export interface AcdOptions {
  /**
   * How often the time-driven work runs unprompted (real ms): offers timing out, exclusions
   * ending, skills relaxing with waiting time. It reads nothing unless a poll is due.
   */
  tickMs: number
  /**
   * How long (clock ms) the event tables may go unread when nothing woke the ACD: the safety
   * net for a missed wake-up, e.g. a one-off command writing to the SQLite file or a
   * PostgreSQL notification lost with its connection.
   */
  pollMs: number
  /** How often a PostgreSQL server without the lock tries to take it. */
  lockRetryMs: number
  /** Offers made in one cycle at most, so a backlog does not hold a cycle for long. */
  maxOffersPerCycle: number
}

export const DEFAULT_ACD_OPTIONS: AcdOptions = {
  tickMs: 1_000,
  pollMs: 5_000,
  lockRetryMs: 5_000,
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
  /**
   * Something changed, look now: call it after committing conversation or agent events (a text
   * arrived, an agent acted). Cheap and idempotent: wake-ups before the next cycle starts fold
   * into one, which reads the event tables from its cursor, so it needs no ids and a wake-up
   * with nothing new costs a few indexed reads. Harmless before start and after stop. Events
   * published on the bus wake it too; other servers' events arrive by PostgreSQL notification.
   */
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
 *
 * It reads the tables when told something changed, not on a timer: `wake()` from this process
 * (and any event published on its bus), a PostgreSQL notification from any server (migration
 * 0006's trigger notifies on commit), and, as the safety net, every `pollMs`. Reading is by
 * position (createEventFollower), so a wake-up that comes early, late or twice loses nothing:
 * whatever committed is read exactly once, in the next read after its commit.
 * @example const acd = createAcd({ config, store, clock, random, logger, bus }); await acd.start(); acd.wake()
 */
export function createAcd(deps: AcdDeps, options: Partial<AcdOptions> = {}): Acd {
  const { clock, logger } = deps
  const opts = { ...DEFAULT_ACD_OPTIONS, ...options }
  const lock = createAcdLock(deps)
  const state = createAcdState(deps)
  const feed = createAcdFeed(deps, { retryMs: opts.pollMs })

  let started = false
  let stopped = false
  const running = () => !stopped
  let built = false
  let readWanted = true
  let lastReadAt = Number.NEGATIVE_INFINITY
  let nextLockAttempt = 0
  let timer: NodeJS.Timeout | undefined
  let wakeScheduled = false
  let last: Promise<unknown> = Promise.resolve()
  let queued: Promise<AcdCycle> | undefined

  async function follow(now: number): Promise<void> {
    // cleared before reading: a wake-up during the read asks for another one
    readWanted = false
    lastReadAt = clock.now()
    const changes = await feed.read()
    if (changes.more) readWanted = true
    if (built) await state.refresh(changes.conversations, changes.agents, now)
  }

  async function expireOffers(now: number): Promise<number> {
    let expired = 0
    for (const [conversationId, offer] of state.offers.expiredBy(now)) {
      const outcome = await recordOfferTimeout(deps, {
        conversationId,
        agentId: offer.agentId,
        now,
      })
      feed.publishOwn(outcome.events)
      if (outcome.timedOut) expired++
      await state.refresh([conversationId], [offer.agentId], now)
    }
    return expired
  }

  /** Conversations whose exclusion of an agent has ended: read again, so that agent qualifies. */
  async function endExclusions(now: number): Promise<void> {
    const due: string[] = []
    for (const [conversationId, end] of state.exclusionEnds)
      if (end <= now) due.push(conversationId)
    for (const conversationId of due) state.exclusionEnds.delete(conversationId)
    if (due.length > 0) await state.refresh(due, [], now)
  }

  /**
   * Stores the router's decisions, OFFERS_PER_COMMIT to a transaction, and publishes them. A
   * conversation that left the queue meanwhile (abandoned, moved by a supervisor) is read again,
   * with its agent. Returns how many offers were made.
   */
  async function offerAll(decisions: readonly Decision[], now: number): Promise<number> {
    let offered = 0
    for (let start = 0; start < decisions.length; start += OFFERS_PER_COMMIT) {
      const chunk = decisions.slice(start, start + OFFERS_PER_COMMIT)
      const offers = chunk.map(({ conversation, assignment }) => {
        const policy = state.policies.get(conversation.queue)
        return {
          conversation,
          agentId: assignment.agentId,
          reason: assignment.reason,
          ourNumber: state.ourNumbers.get(conversation.id),
          expiresAt: policy ? offerExpiresAt(policy, now) : now,
          now,
        }
      })
      const stored = await recordOffers(deps, offers)
      const stale = { conversations: [] as string[], agents: [] as string[] }
      offers.forEach((offer, i) => {
        const events = stored[i] ?? []
        if (events.length === 0) {
          stale.conversations.push(offer.conversation.id)
          stale.agents.push(offer.agentId)
          return
        }
        state.offers.set(offer.conversation.id, {
          agentId: offer.agentId,
          expiresAt: offer.expiresAt,
        })
        feed.publishOwn(events)
        offered++
      })
      if (stale.conversations.length > 0)
        await state.refresh(stale.conversations, stale.agents, now)
    }
    return offered
  }

  async function cycle(now: number, read: boolean): Promise<AcdCycle> {
    if (stopped) return { leader: false, offered: 0, expired: 0 }
    await feed.keepListening()
    if (!lock.held()) {
      built = false
      if (clock.now() >= nextLockAttempt) {
        nextLockAttempt = clock.now() + opts.lockRetryMs
        await lock.tryTake()
      }
    }
    if (lock.held() && !built) {
      // a rebuild that failed (the store was down) is tried again next cycle, lock still held
      await state.rebuild(now)
      built = true
    }
    if (read || readWanted || clock.now() - lastReadAt >= opts.pollMs) await follow(now)
    if (!built) return { leader: false, offered: 0, expired: 0 }
    const expired = await expireOffers(now)
    await endExclusions(now)
    const decisions: Decision[] = []
    while (decisions.length < opts.maxOffersPerCycle && running()) {
      const decision = state.router.next(now)
      if (!decision.ok) break
      decisions.push(decision)
    }
    const offered = await offerAll(decisions, now)
    // a page limit, a wake-up during the cycle, or agents whose offer found the conversation
    // gone (they are free again): go again
    if (readWanted || offered < decisions.length) wake()
    return { leader: true, offered, expired }
  }

  /** Cycles run one at a time; unprompted ones fold into the one waiting to start. */
  function schedule(now: number | undefined, read: boolean): Promise<AcdCycle> {
    if (now === undefined && queued) {
      if (read) readWanted = true
      return queued
    }
    const run: Promise<AcdCycle> = last.then(() => {
      if (queued === run) queued = undefined
      return cycle(now ?? clock.now(), read)
    })
    last = run.catch(() => undefined)
    if (now === undefined) queued = run
    return run
  }

  function background(): void {
    schedule(undefined, false).catch((error: unknown) => {
      logger.error({ err: error }, 'ACD cycle failed')
    })
  }

  function wake(): void {
    readWanted = true
    if (!started || stopped || wakeScheduled) return
    wakeScheduled = true
    setImmediate(() => {
      wakeScheduled = false
      background()
    })
  }

  return {
    async start() {
      if (started) return
      started = true
      await feed.start(wake)
      await schedule(undefined, true)
      timer = setInterval(background, opts.tickMs)
      timer.unref()
    },
    async stop() {
      if (stopped) return
      stopped = true
      clearInterval(timer)
      await last
      await feed.stop()
      await lock.release()
    },
    wake,
    tick: (now) => schedule(now, true),
    isLeader: () => built && lock.held(),
    stats: () => ({
      agents: state.router.stats().agents,
      waiting: state.router.stats().waiting,
      offers: state.offers.size,
    }),
  }
}
