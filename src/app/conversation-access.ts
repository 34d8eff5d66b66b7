import type { Config } from '../config/schema.ts'
import type { Store } from '../store/connect.ts'
import { appendConversationEvents, type ConversationEvent } from '../store/conversations.ts'
import type { Database } from '../store/database.ts'
import type { Kysely } from 'kysely'
import type { EventBus } from './event-bus.ts'
import type { User } from './manage-users.ts'
import type { Clock, Random } from './ports.ts'
import { refuse, type Refusal } from './refusal.ts'
import { toBusEvent } from './routing-events.ts'

/** What agents' and supervisors' actions need; the composed App provides it. */
export interface AgentActionDeps {
  config: Config
  store: Store
  clock: Clock
  random: Random
  events: EventBus
  /** Routing hears of every change through the event tables; waking it makes that prompt. */
  acd: { wake(): void }
  /** An agent's reply is a queued text: the dispatcher is woken to send it. */
  dispatcher: { wake(): void }
}

/** The person acting: their id, role and the queues they serve. */
export type Actor = Pick<User, 'id' | 'role' | 'queues' | 'displayName'>

export type ConversationStatus =
  'waiting' | 'offered' | 'active' | 'ended' | 'wrapped_up' | 'closed'

export interface ConversationView {
  id: string
  status: ConversationStatus
  queueId: string | undefined
  agentId: string | undefined
  customerNumber: string
  ourNumber: string
  program: string | undefined
  category: string | undefined
  priority: number
  flagged: boolean
  attributes: Record<string, unknown>
  openedAt: number
  acceptedAt: number | undefined
  endedAt: number | undefined
  closedAt: number | undefined
  closeReason: string | undefined
}

export type NotFound = Refusal<'conversation_not_found'>

/** Supervisors and admins see every conversation. */
export function isSupervisor(actor: Pick<Actor, 'role'>): boolean {
  return actor.role === 'supervisor' || actor.role === 'admin'
}

/**
 * Whether the actor may see a conversation: an agent sees their own conversations and those
 * of the queues they serve; supervisors and admins see all.
 */
export function canSee(actor: Actor, conversation: ConversationView): boolean {
  if (isSupervisor(actor)) return true
  if (conversation.agentId === actor.id) return true
  return conversation.queueId !== undefined && actor.queues.includes(conversation.queueId)
}

/**
 * A conversation the actor may see, or `conversation_not_found` (also for one they may not see:
 * whether it exists is not theirs to know).
 * @example const found = await findVisibleConversation(deps, me, id); if (!found.ok) return found
 */
export async function findVisibleConversation(
  deps: Pick<AgentActionDeps, 'store'>,
  actor: Actor,
  id: string,
): Promise<{ ok: true; conversation: ConversationView } | NotFound> {
  const conversation = await readConversation(deps.store.db, id)
  if (!conversation || !canSee(actor, conversation)) {
    return refuse('conversation_not_found', `no conversation ${id}`)
  }
  return { ok: true, conversation }
}

/** One conversation row as the actions see it. */
export async function readConversation(
  db: Kysely<Database>,
  id: string,
): Promise<ConversationView | undefined> {
  const r = await db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst()
  return r ? conversationFromRow(r) : undefined
}

export function conversationFromRow(r: {
  id: string
  status: string
  queue_id: string | null
  agent_id: string | null
  customer_number: string
  our_number: string
  program: string | null
  category: string | null
  priority: number
  flagged: number
  attributes: string
  opened_at: number
  accepted_at: number | null
  ended_at: number | null
  closed_at: number | null
  close_reason: string | null
}): ConversationView {
  return {
    id: r.id,
    status: r.status as ConversationStatus,
    queueId: r.queue_id ?? undefined,
    agentId: r.agent_id ?? undefined,
    customerNumber: r.customer_number,
    ourNumber: r.our_number,
    program: r.program ?? undefined,
    category: r.category ?? undefined,
    priority: r.priority,
    flagged: r.flagged === 1,
    attributes: JSON.parse(r.attributes) as Record<string, unknown>,
    openedAt: r.opened_at,
    acceptedAt: r.accepted_at ?? undefined,
    endedAt: r.ended_at ?? undefined,
    closedAt: r.closed_at ?? undefined,
    closeReason: r.close_reason ?? undefined,
  }
}

/** The refusal when a conversation is not in a state the action needs. */
export function wrongState(
  conversation: Pick<ConversationView, 'id' | 'status'>,
  wanted: string,
): Refusal<'wrong_conversation_state'> {
  return refuse(
    'wrong_conversation_state',
    `conversation ${conversation.id} is ${conversation.status}; it must be ${wanted}`,
    { status: conversation.status },
  )
}

/**
 * A conversation event with the conversation's queue and number filled in (reports group by
 * them), its id and time from the deps.
 */
export function eventFor(
  deps: Pick<AgentActionDeps, 'random'>,
  conversation: Pick<ConversationView, 'id' | 'queueId' | 'ourNumber'>,
  event: Pick<ConversationEvent, 'type'> & Partial<ConversationEvent>,
  now: number,
): ConversationEvent {
  return {
    id: deps.random.id(),
    conversationId: conversation.id,
    queueId: conversation.queueId,
    number: conversation.ourNumber,
    occurredAt: now,
    ...event,
  }
}

/**
 * Stores a state change and its events in one transaction: `change` returns false when the
 * conversation was no longer in the state it expected (someone else acted first), and then no
 * event is stored. Stored events are published and routing is woken.
 */
export async function commitChange(
  deps: AgentActionDeps,
  events: readonly ConversationEvent[],
  change: (trx: Kysely<Database>) => Promise<boolean>,
): Promise<boolean> {
  const stored = await deps.store.db.transaction().execute(async (trx) => {
    if (!(await change(trx))) return false
    await appendConversationEvents(trx, events)
    return true
  })
  if (!stored) return false
  deps.events.publish(events.map(toBusEvent))
  deps.acd.wake()
  return true
}
