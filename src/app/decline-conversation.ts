import { changeConversation, loadRoutingConversations } from '../store/routing-conversations.ts'
import {
  commitChange,
  eventFor,
  findVisibleConversation,
  wrongState,
  type Actor,
  type AgentActionDeps,
  type NotFound,
} from './conversation-access.ts'
import { requeuedEvent } from './record-offer.ts'
import type { Refusal } from './refusal.ts'

/**
 * The agent declines the conversation offered to them. The offer ends (event `declined`); the
 * conversation goes back to its queue keeping the time the customer started waiting (event
 * `queued`, reason `offer_declined`), with this agent passed over for it for the queue's
 * `excludeAgentForSeconds`; the agent stays available for other conversations, unlike an offer
 * left to time out. Routing is woken, so it is offered to someone else at once.
 * @example await declineConversation(deps, me, 'c1') // { ok: true, declinedAt: 1795000004000 }
 */
export async function declineConversation(
  deps: AgentActionDeps,
  actor: Actor,
  conversationId: string,
): Promise<{ ok: true; declinedAt: number } | NotFound | Refusal<'wrong_conversation_state'>> {
  const found = await findVisibleConversation(deps, actor, conversationId)
  if (!found.ok) return found
  const { conversation } = found
  const [row] = await loadRoutingConversations(deps.store.db, [conversationId])
  if (conversation.status !== 'offered' || conversation.agentId !== actor.id || !row) {
    return wrongState(conversation, 'offered to you')
  }
  const now = deps.clock.now()
  const declined = eventFor(deps, conversation, { type: 'declined', agentId: actor.id }, now)
  const queued = requeuedEvent(deps, row, {
    reason: 'offer_declined',
    agentId: actor.id,
    exclude: actor.id,
    now,
  })
  // only while the offer is still theirs: a timeout or a supervisor may have ended it
  const done = await commitChange(deps, [declined, queued], (trx) =>
    changeConversation(
      trx,
      conversationId,
      { from: ['offered'], agentId: actor.id },
      { status: 'waiting', agentId: null },
    ),
  )
  if (!done) return wrongState({ id: conversationId, status: 'waiting' }, 'offered to you')
  return { ok: true, declinedAt: now }
}
