import { changeConversation } from '../store/routing-conversations.ts'
import {
  commitChange,
  eventFor,
  findVisibleConversation,
  wrongState,
  type Actor,
  type AgentActionDeps,
  type NotFound,
} from './conversation-access.ts'
import type { Refusal } from './refusal.ts'

/**
 * The agent accepts the conversation offered to them: offered → active, event `accepted`. Only
 * the agent it is offered to can accept, and only before the offer times out.
 * @example await acceptConversation(deps, me, 'c1') // { ok: true, acceptedAt: 1795000004000 }
 */
export async function acceptConversation(
  deps: AgentActionDeps,
  actor: Actor,
  conversationId: string,
): Promise<{ ok: true; acceptedAt: number } | NotFound | Refusal<'wrong_conversation_state'>> {
  const found = await findVisibleConversation(deps, actor, conversationId)
  if (!found.ok) return found
  const { conversation } = found
  if (conversation.status !== 'offered' || conversation.agentId !== actor.id) {
    return wrongState(conversation, 'offered to you')
  }
  const now = deps.clock.now()
  const accepted = eventFor(deps, conversation, { type: 'accepted', agentId: actor.id }, now)
  const done = await commitChange(deps, [accepted], (trx) =>
    changeConversation(
      trx,
      conversationId,
      { from: ['offered'], agentId: actor.id },
      { status: 'active', acceptedAt: now },
    ),
  )
  if (!done) return wrongState({ id: conversationId, status: 'waiting' }, 'offered to you')
  return { ok: true, acceptedAt: now }
}
