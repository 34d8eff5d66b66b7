import { sql } from 'kysely'
import type { Listener, Store } from './connect.ts'
import type { ConversationEvent } from './conversations.ts'
import { agentEventFromRow, type AgentEvent } from './routing-agents.ts'
import { conversationEventFromRow } from './routing-conversations.ts'

/**
 * A place in an event table, in the order rows become visible to readers. PostgreSQL: the
 * writing transaction's id, then the row's sequence number (migration 0006). SQLite: `tx` is
 * always 0 and `seq` is the rowid.
 */
export interface FeedPosition {
  readonly tx: bigint
  readonly seq: number
}

export const FEED_START: FeedPosition = { tx: 0n, seq: 0 }

export type FeedTable = 'conversation_events' | 'agent_events'

export interface Positioned<E> {
  readonly position: FeedPosition
  readonly event: E
}

/** The channel migration 0006's trigger notifies on every insert; the payload is the schema. */
export const EVENTS_CHANNEL = 'parley_events'

/** Past every SQLite position: with one writer at a time no row is ever held back. */
const SQLITE_HORIZON = 2n ** 63n

/**
 * The visibility horizon: every row with `tx` below it was written by a transaction that has
 * finished (committed or rolled back), so it is visible now or never will be. PostgreSQL: the
 * oldest transaction still running (`pg_snapshot_xmin`); a transaction that starts later gets a
 * larger id, so no row below the horizon can ever appear. Read it BEFORE the rows: it then
 * belongs to an older snapshot than the rows do, so whatever it declares finished is in them.
 * SQLite: beyond every position, since SQLite writes one transaction at a time and a new row's
 * rowid is one more than the largest committed one, so rowids appear in commit order.
 * @example const horizon = await readFeedHorizon(store) // 8512n
 */
export async function readFeedHorizon(store: Store): Promise<bigint> {
  if (store.dialect === 'sqlite') return SQLITE_HORIZON
  const { rows } = await sql<{
    xmin: string
  }>`select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`.execute(store.db)
  return BigInt(rows[0]?.xmin ?? '0')
}

/**
 * The position of the last row below the horizon: a reader starting there misses nothing
 * committed later (rows of transactions still running are after it).
 * @example const from = await feedEnd(store, 'agent_events', await readFeedHorizon(store))
 */
export async function feedEnd(
  store: Store,
  table: FeedTable,
  horizon: bigint,
): Promise<FeedPosition> {
  const query =
    store.dialect === 'postgres'
      ? sql<{ tx: string; seq: number }>`select tx_id::text as tx, seq from ${sql.table(table)}
          where tx_id < ${horizon.toString()}::xid8 order by tx_id desc, seq desc limit 1`
      : sql<{ tx: string; seq: number }>`select '0' as tx, rowid as seq from ${sql.table(table)}
          order by rowid desc limit 1`
  const row = (await query.execute(store.db)).rows[0]
  return row ? { tx: BigInt(row.tx), seq: row.seq } : FEED_START
}

const CONVERSATION_COLUMNS = sql.raw(
  'id, conversation_id, type, queue_id, agent_id, skill, number, data, occurred_at',
)
const AGENT_COLUMNS = sql.raw('id, user_id, type, status, reason, data, occurred_at')

/**
 * Conversation events after a position, in feed order, at most `limit`.
 * @example await conversationEventsAfter(store, FEED_START, 500) // [{ position: { tx: 0n, seq: 1 }, event: { type: 'created', … } }, …]
 */
export async function conversationEventsAfter(
  store: Store,
  after: FeedPosition,
  limit: number,
): Promise<Positioned<ConversationEvent>[]> {
  const rows = await rowsAfter<Parameters<typeof conversationEventFromRow>[0]>(
    store,
    'conversation_events',
    CONVERSATION_COLUMNS,
    after,
    limit,
  )
  return rows.map((r) => ({ position: positionOf(r), event: conversationEventFromRow(r) }))
}

/**
 * Agent events after a position, in feed order, at most `limit`.
 * @example await agentEventsAfter(store, FEED_START, 500) // [{ position, event: { type: 'status_changed', … } }]
 */
export async function agentEventsAfter(
  store: Store,
  after: FeedPosition,
  limit: number,
): Promise<Positioned<AgentEvent>[]> {
  const rows = await rowsAfter<Parameters<typeof agentEventFromRow>[0]>(
    store,
    'agent_events',
    AGENT_COLUMNS,
    after,
    limit,
  )
  return rows.map((r) => ({ position: positionOf(r), event: agentEventFromRow(r) }))
}

type WithPosition<R> = R & { tx: string; seq: number }

async function rowsAfter<R>(
  store: Store,
  table: FeedTable,
  columns: ReturnType<typeof sql.raw>,
  after: FeedPosition,
  limit: number,
): Promise<WithPosition<R>[]> {
  const query =
    store.dialect === 'postgres'
      ? sql<WithPosition<R>>`select ${columns}, tx_id::text as tx, seq from ${sql.table(table)}
          where (tx_id, seq) > (${after.tx.toString()}::xid8, ${after.seq})
          order by tx_id, seq limit ${limit}`
      : sql<WithPosition<R>>`select ${columns}, '0' as tx, rowid as seq from ${sql.table(table)}
          where rowid > ${after.seq} order by rowid limit ${limit}`
  return (await query.execute(store.db)).rows
}

function positionOf(row: { tx: string; seq: number }): FeedPosition {
  return { tx: BigInt(row.tx), seq: row.seq }
}

/** Whether `a` comes before `b` in feed order. */
export function isBefore(a: FeedPosition, b: FeedPosition): boolean {
  return a.tx < b.tx || (a.tx === b.tx && a.seq < b.seq)
}

/**
 * PostgreSQL: calls `onStored` whenever a transaction that stored conversation or agent events
 * in this store's schema commits, on any server (the notification is sent by migration 0006's
 * trigger, and delivered only on commit). Undefined on SQLite, where only this process writes
 * (one-off commands aside, which the safety-net poll covers).
 * @example const listener = await listenForStoredEvents(store, { onStored: wake, onLost: retryLater })
 */
export async function listenForStoredEvents(
  store: Store,
  handlers: { onStored: () => void; onLost: (error: unknown) => void },
): Promise<Listener | undefined> {
  if (!store.listen) return undefined
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(
    store.db,
  )
  const schema = rows[0]?.schema
  return store.listen(EVENTS_CHANNEL, {
    onNotification: (payload) => {
      if (payload === schema) handlers.onStored()
    },
    onLost: handlers.onLost,
  })
}
