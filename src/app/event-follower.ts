import type { Store } from '../store/connect.ts'
import type { ConversationEvent } from '../store/conversations.ts'
import {
  agentEventsAfter,
  conversationEventsAfter,
  feedEnd,
  readFeedHorizon,
  type FeedPosition,
  type FeedTable,
  type Positioned,
} from '../store/event-feed.ts'
import type { AgentEvent } from '../store/routing-agents.ts'

export interface FollowedEvents {
  readonly conversation: ConversationEvent[]
  readonly agent: AgentEvent[]
  /** The read stopped at its page limit: read again soon. */
  readonly more: boolean
}

export interface EventFollower {
  /** Starts at the end of the tables: what is stored from now on will be read. */
  start(): Promise<void>
  /** The events stored since the last read (since start for the first), each returned once. */
  read(): Promise<FollowedEvents>
}

/**
 * Follows conversation_events and agent_events by position, not by time, so no event is missed
 * and none is returned twice, whatever the clocks and however long a transaction takes.
 *
 * Why nothing is missed: a row's position is fixed when it is written, but it becomes visible
 * only when its transaction commits, and transactions do not commit in the order they write.
 * So the cursor must never pass a position that a transaction still running could fill in.
 * Each read first takes the horizon (readFeedHorizon: every row below it belongs to a finished
 * transaction, and every transaction still to write will get a position above it), then reads
 * all rows after the cursor. The cursor moves over the leading rows below the horizon, which are
 * final; rows at or above it (committed by a transaction younger than one still running) are
 * returned at once but stay after the cursor, remembered by id so that reading them again
 * returns nothing, until the horizon passes them. A transaction that commits late therefore
 * finds the cursor still before its rows. With SQLite one transaction writes at a time and
 * rowids grow in commit order, so the horizon is never in the way.
 *
 * The memory of rows read ahead of the cursor is as large as what committed while an older
 * transaction was still open, normally a few rows.
 * @example const follower = createEventFollower(store); await follower.start(); const { conversation, agent } = await follower.read()
 */
export function createEventFollower(
  store: Store,
  options: { pageSize?: number; maxPages?: number } = {},
): EventFollower {
  const pageSize = options.pageSize ?? 500
  const maxPages = options.maxPages ?? 40
  const conversations = tableCursor(store, 'conversation_events', conversationEventsAfter)
  const agents = tableCursor(store, 'agent_events', agentEventsAfter)
  let started: Promise<void> | undefined

  const start = () =>
    (started ??= (async () => {
      const horizon = await readFeedHorizon(store)
      await Promise.all([conversations.start(horizon), agents.start(horizon)])
    })())

  return {
    start,
    async read() {
      await start()
      const horizon = await readFeedHorizon(store) // before the rows: see above
      const limits = { pageSize, maxPages }
      const [c, a] = await Promise.all([
        conversations.read(horizon, limits),
        agents.read(horizon, limits),
      ])
      return { conversation: c.events, agent: a.events, more: c.more || a.more }
    },
  }
}

function tableCursor<E extends { id: string }>(
  store: Store,
  table: FeedTable,
  fetch: (store: Store, after: FeedPosition, limit: number) => Promise<Positioned<E>[]>,
) {
  let cursor: FeedPosition = { tx: 0n, seq: 0 }
  /** Ids of rows returned while after the cursor (their transaction was younger than one running). */
  const ahead = new Set<string>()
  return {
    async start(horizon: bigint) {
      cursor = await feedEnd(store, table, horizon)
    },
    async read(
      horizon: bigint,
      limits: { pageSize: number; maxPages: number },
    ): Promise<{ events: E[]; more: boolean }> {
      const events: E[] = []
      let from = cursor
      let final = true // still in the leading run of rows below the horizon
      for (let pages = 0; pages < limits.maxPages; pages++) {
        const page = await fetch(store, from, limits.pageSize)
        for (const { position, event } of page) {
          if (final && position.tx < horizon) {
            cursor = position
            if (ahead.delete(event.id)) continue
          } else {
            final = false
            if (ahead.has(event.id)) continue
            ahead.add(event.id)
          }
          events.push(event)
        }
        const last = page.at(-1)
        if (page.length < limits.pageSize || last === undefined) return { events, more: false }
        from = last.position
      }
      return { events, more: true }
    },
  }
}
