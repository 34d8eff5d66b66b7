import {
  countAgentsByQueue,
  countByQueue,
  listConversationMessages,
  listDesk,
  listWaiting,
} from '../store/conversation-lists.ts'
import { conversationEvents } from '../store/routing-conversations.ts'
import type { ConversationEvent } from '../store/conversations.ts'
import {
  conversationFromRow,
  findVisibleConversation,
  type Actor,
  type AgentActionDeps,
  type ConversationView,
  type NotFound,
} from './conversation-access.ts'
import { maskCaptured } from './mask-captured.ts'

type Deps = Pick<AgentActionDeps, 'config' | 'store' | 'clock'>

/**
 * What an agent works from: their own conversations (offered, active, awaiting wrap-up) and the
 * conversations waiting in the queues they serve.
 * @example await readDesk(deps, me) // { mine: [{ id, status: 'offered', … }], waiting: [...] }
 */
export async function readDesk(
  deps: Deps,
  actor: Actor,
): Promise<{ mine: ConversationView[]; waiting: ConversationView[] }> {
  const desk = await listDesk(deps.store.db, { agentId: actor.id, queues: actor.queues })
  return {
    mine: desk.mine.map((row) => maskCaptured(deps.config, conversationFromRow(row))),
    waiting: desk.waiting.map((row) => maskCaptured(deps.config, conversationFromRow(row))),
  }
}

/**
 * A conversation with its history (every event) and its texts either way, for the agent who
 * may see it or any supervisor.
 * @example await readTranscript(deps, me, 'c1') // { ok: true, conversation, events, messages }
 */
export async function readTranscript(
  deps: Deps,
  actor: Actor,
  conversationId: string,
): Promise<
  | {
      ok: true
      conversation: ConversationView
      events: ConversationEvent[]
      messages: Awaited<ReturnType<typeof listConversationMessages>>
    }
  | NotFound
> {
  const found = await findVisibleConversation(deps, actor, conversationId)
  if (!found.ok) return found
  const [events, messages] = await Promise.all([
    conversationEvents(deps.store.db, conversationId),
    listConversationMessages(deps.store.db, conversationId),
  ])
  return { ok: true, conversation: maskCaptured(deps.config, found.conversation), events, messages }
}

export interface QueueBoard {
  id: string
  name: string
  /** Conversations by status: waiting, offered, active, ended (awaiting wrap-up). */
  counts: Record<'waiting' | 'offered' | 'active' | 'ended', number>
  /** Agents serving the queue, by status. */
  agents: Record<string, number>
  /** The longest-waiting conversations, with how long each has waited. */
  waiting: (ConversationView & { waitedMs: number })[]
  oldestWaitMs: number
}

/**
 * The supervisors' board: each configured queue with its counts, its agents by status, and its
 * longest-waiting conversations (at most `limit` per queue).
 * @example await readQueues(deps) // [{ id: 'SBC_HD_SMS_BCEID', counts: { waiting: 3, … }, … }]
 */
export async function readQueues(deps: Deps, limit = 100): Promise<QueueBoard[]> {
  const now = deps.clock.now()
  const [counts, agents] = await Promise.all([
    countByQueue(deps.store.db),
    countAgentsByQueue(deps.store.db),
  ])
  const boards: QueueBoard[] = []
  for (const queue of deps.config.queues) {
    const waiting = (await listWaiting(deps.store.db, queue.id, limit)).map((row) => {
      const view = maskCaptured(deps.config, conversationFromRow(row))
      return { ...view, waitedMs: Math.max(0, now - view.openedAt) }
    })
    const count = (status: string) =>
      counts.find((c) => c.queueId === queue.id && c.status === status)?.count ?? 0
    boards.push({
      id: queue.id,
      name: queue.name,
      counts: {
        waiting: count('waiting'),
        offered: count('offered'),
        active: count('active'),
        ended: count('ended'),
      },
      agents: Object.fromEntries(
        agents.filter((a) => a.queueId === queue.id).map((a) => [a.status, a.count]),
      ),
      waiting,
      oldestWaitMs: waiting[0]?.waitedMs ?? 0,
    })
  }
  return boards
}
