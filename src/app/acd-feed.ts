import type { Logger } from 'pino'
import type { Listener, Store } from '../store/connect.ts'
import { listenForStoredEvents } from '../store/event-feed.ts'
import type { BusEvent, EventBus } from './event-bus.ts'
import { createEventFollower } from './event-follower.ts'
import type { Clock } from './ports.ts'
import { agentBusEvent, toBusEvent } from './routing-events.ts'

/** What changed since the last read: the conversations and agents routing must read again. */
export interface FeedChanges {
  readonly conversations: Set<string>
  readonly agents: Set<string>
  /** The read stopped at its page limit: read again soon. */
  readonly more: boolean
}

/** The ACD's view of the event tables: what changed, from whichever writer. */
export interface AcdFeed {
  /**
   * Positions the cursor at the end of the tables and calls `onChange` whenever something may
   * have changed: an event published on this process's bus, a PostgreSQL notification, a lost
   * notification connection. Call before reading anything the feed should follow.
   */
  start(onChange: () => void): Promise<void>
  /** PostgreSQL: keeps a LISTEN connection open; reopens a lost one at most every `retryMs`. */
  keepListening(): Promise<void>
  /**
   * Reads what was stored since the last read. Events other writers stored (the inbound path,
   * other servers) are published on this process's bus, since their writers could not.
   */
  read(): Promise<FeedChanges>
  /** Publishes events the ACD stored and already applied: read back later, they change nothing. */
  publishOwn(events: readonly BusEvent[]): void
  stop(): Promise<void>
}

/** Reads after which a remembered event id is forgotten (it was surely read back). */
const ECHO_READS = 100

/**
 * @example const feed = createAcdFeed({ store, bus, clock, logger }, { retryMs: 5000 }); await feed.start(wake)
 */
export function createAcdFeed(
  deps: { store: Store; bus: EventBus; clock: Clock; logger: Logger },
  options: { retryMs: number },
): AcdFeed {
  const { store, bus, clock, logger } = deps
  const follower = createEventFollower(store)
  /** Ids of events already on this process's bus, by read count: not to publish twice. */
  const published = new Map<string, number>()
  /** Ids of events the ACD stored itself (offers, timeouts): already applied to the router. */
  const own = new Map<string, number>()
  let reads = 0
  let quiet = false // publishing itself: not a change to report
  let onChange: () => void = () => undefined
  let unsubscribe: () => void = () => undefined
  let listener: Listener | undefined
  let nextListenAttempt = 0
  let stopped = false

  function publishQuietly(events: readonly BusEvent[]): void {
    quiet = true
    try {
      bus.publish(events)
    } finally {
      quiet = false
    }
  }

  return {
    async start(callback) {
      onChange = callback
      // positioned before anything is read, so what commits meanwhile is read after it
      await follower.start()
      unsubscribe = bus.subscribe((event) => {
        if (quiet) return
        published.set(event.id, reads)
        onChange()
      })
    },
    async keepListening() {
      if (listener || stopped || !store.listen || clock.now() < nextListenAttempt) return
      nextListenAttempt = clock.now() + options.retryMs
      try {
        listener = await listenForStoredEvents(store, {
          onStored: () => onChange(),
          onLost: (error) => {
            listener = undefined
            if (!stopped) logger.warn({ err: error }, 'ACD: notifications lost; listening again')
            onChange()
          },
        })
        onChange() // what was stored before LISTEN took effect
      } catch (error) {
        logger.warn({ err: error }, 'ACD: cannot listen for notifications; polling meanwhile')
      }
    },
    async read() {
      reads++
      const read = await follower.read()
      const conversations = new Set<string>()
      const agents = new Set<string>()
      const foreign: BusEvent[] = []
      for (const event of read.conversation) {
        if (own.delete(event.id)) continue
        if (!published.delete(event.id)) foreign.push(toBusEvent(event))
        conversations.add(event.conversationId)
        if (event.agentId !== undefined) agents.add(event.agentId)
      }
      for (const event of read.agent) {
        if (own.delete(event.id)) continue
        if (!published.delete(event.id)) foreign.push(agentBusEvent(event))
        agents.add(event.userId)
      }
      publishQuietly(foreign)
      for (const remembered of [published, own]) {
        for (const [id, at] of remembered) if (at < reads - ECHO_READS) remembered.delete(id)
      }
      return { conversations, agents, more: read.more }
    },
    publishOwn(events) {
      for (const event of events) own.set(event.id, reads)
      publishQuietly(events)
    },
    async stop() {
      stopped = true
      unsubscribe()
      await listener?.close()
    },
  }
}
