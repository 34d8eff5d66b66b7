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
import { refuse, type Refusal } from './refusal.ts'

/**
 * The agent ends their active conversation: active → ended, event `ended`. The agent's slot is
 * free from now on; the conversation still waits for the agent's wrap-up.
 * @example await endConversation(deps, me, 'c1') // { ok: true, endedAt: 1795000090000 }
 */
export async function endConversation(
  deps: AgentActionDeps,
  actor: Actor,
  conversationId: string,
): Promise<{ ok: true; endedAt: number } | NotFound | Refusal<'wrong_conversation_state'>> {
  const found = await findVisibleConversation(deps, actor, conversationId)
  if (!found.ok) return found
  const { conversation } = found
  if (conversation.status !== 'active' || conversation.agentId !== actor.id) {
    return wrongState(conversation, 'active with you')
  }
  const now = deps.clock.now()
  const ended = eventFor(
    deps,
    conversation,
    { type: 'ended', agentId: actor.id, data: { reason: 'agent' } },
    now,
  )
  const done = await commitChange(deps, [ended], (trx) =>
    changeConversation(
      trx,
      conversationId,
      { from: ['active'], agentId: actor.id },
      { status: 'ended', endedAt: now, closeReason: 'agent' },
    ),
  )
  if (!done) return wrongState(conversation, 'active with you')
  return { ok: true, endedAt: now }
}

/**
 * The agent wraps up their ended conversation with one of its queue's disposition codes
 * (required): ended → wrapped_up, event `wrapped_up` with the disposition and the after-contact
 * time (wrap-up − end) in its data.
 * @example await wrapUpConversation(deps, me, 'c1', { disposition: 'PASSWORD_RESET' })
 * // { ok: true, disposition: 'PASSWORD_RESET', afterContactMs: 42000 }
 */
export async function wrapUpConversation(
  deps: AgentActionDeps,
  actor: Actor,
  conversationId: string,
  input: { disposition: string; note?: string | undefined },
): Promise<
  | { ok: true; disposition: string; afterContactMs: number }
  | NotFound
  | Refusal<'wrong_conversation_state' | 'invalid_disposition'>
> {
  const found = await findVisibleConversation(deps, actor, conversationId)
  if (!found.ok) return found
  const { conversation } = found
  if (conversation.status !== 'ended' || conversation.agentId !== actor.id) {
    return wrongState(conversation, 'ended by you')
  }
  const queue = deps.config.queues.find((q) => q.id === conversation.queueId)
  const allowed = queue?.dispositions ?? deps.config.dispositions.map((d) => d.code)
  if (!allowed.includes(input.disposition)) {
    return refuse(
      'invalid_disposition',
      `disposition must be one of ${allowed.join(', ')} for queue ${conversation.queueId ?? '(none)'}`,
      { dispositions: allowed },
    )
  }
  const now = deps.clock.now()
  const afterContactMs = Math.max(0, now - (conversation.endedAt ?? now))
  const wrapped = eventFor(
    deps,
    conversation,
    {
      type: 'wrapped_up',
      agentId: actor.id,
      data: {
        disposition: input.disposition,
        afterContactMs,
        ...(input.note ? { note: input.note } : {}),
      },
    },
    now,
  )
  const done = await commitChange(deps, [wrapped], (trx) =>
    changeConversation(
      trx,
      conversationId,
      { from: ['ended'], agentId: actor.id },
      { status: 'wrapped_up' },
    ),
  )
  if (!done) return wrongState(conversation, 'ended by you')
  return { ok: true, disposition: input.disposition, afterContactMs }
}
