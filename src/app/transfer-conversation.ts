import { DEFAULT_OFFER_TIMEOUT_SECONDS } from '../domain/routing/queue-policy.ts'
import type { ConversationEvent } from '../store/conversations.ts'
import { changeConversation, type QueuedData } from '../store/routing-conversations.ts'
import { findUserById, findUserByUsername } from '../store/users.ts'
import {
  commitChange,
  eventFor,
  findVisibleConversation,
  isSupervisor,
  wrongState,
  type Actor,
  type AgentActionDeps,
  type ConversationView,
  type NotFound,
} from './conversation-access.ts'
import { refuse, type Refusal } from './refusal.ts'

export type TransferRefusal = Refusal<
  | 'wrong_conversation_state'
  | 'agent_not_found'
  | 'agent_unavailable'
  | 'queue_not_found'
  | 'invalid_request'
>

/**
 * Hands an active conversation on, with a note for whoever takes it: to a queue (it waits there
 * again, from now, with no required skills: the queue chosen is the routing decision) or to an
 * agent, by id or username (offered to them directly; the offer times out like any other).
 * Events `transferred` (from whom, to what, the note) then `queued` or `offered`. The holder
 * transfers their own; a supervisor any active conversation.
 * @example await transferConversation(deps, me, 'c1', { toQueue: 'SBC_HD_SMS_GENERAL', note: 'not a BCeID question' })
 */
export async function transferConversation(
  deps: AgentActionDeps,
  actor: Actor,
  conversationId: string,
  input: { toAgent?: string | undefined; toQueue?: string | undefined; note: string },
): Promise<{ ok: true; status: 'waiting' | 'offered' } | NotFound | TransferRefusal> {
  if ((input.toAgent === undefined) === (input.toQueue === undefined)) {
    return refuse('invalid_request', 'give exactly one of toAgent and toQueue')
  }
  const found = await findVisibleConversation(deps, actor, conversationId)
  if (!found.ok) return found
  const { conversation } = found
  const holder = conversation.agentId
  if (
    conversation.status !== 'active' ||
    holder === undefined ||
    (holder !== actor.id && !isSupervisor(actor))
  ) {
    return wrongState(conversation, 'active with you')
  }
  const now = deps.clock.now()
  const by = { by: actor.id, note: input.note }
  if (input.toQueue !== undefined) {
    const target = routeToQueue(deps, conversation, input.toQueue, 'transferred', now)
    if (!target.ok) return target
    const transferred = eventFor(
      deps,
      conversation,
      { type: 'transferred', agentId: holder, data: { ...by, toQueue: input.toQueue } },
      now,
    )
    const done = await commitChange(deps, [transferred, target.event], (trx) =>
      changeConversation(
        trx,
        conversationId,
        { from: ['active'], agentId: holder },
        { status: 'waiting', agentId: null, queueId: input.toQueue },
      ),
    )
    return done ? { ok: true, status: 'waiting' } : wrongState(conversation, 'active')
  }
  const toAgent = await agentIdOf(deps, input.toAgent ?? '')
  const offer = await offerToAgent(deps, conversation, toAgent, { rule: 'transfer', ...by }, now)
  if (!offer.ok) return offer
  const transferred = eventFor(
    deps,
    conversation,
    { type: 'transferred', agentId: holder, data: { ...by, toAgent } },
    now,
  )
  const done = await commitChange(deps, [transferred, offer.event], (trx) =>
    changeConversation(
      trx,
      conversationId,
      { from: ['active'], agentId: holder },
      { status: 'offered', agentId: toAgent },
    ),
  )
  return done ? { ok: true, status: 'offered' } : wrongState(conversation, 'active')
}

/**
 * The id of the agent named by id or, failing that, by username: agents know their colleagues
 * by username (they cannot list users), supervisors' tools pass ids. An unknown name is
 * returned as is, and offerToAgent refuses it as `agent_not_found`.
 */
async function agentIdOf(
  deps: Pick<AgentActionDeps, 'store'>,
  idOrUsername: string,
): Promise<string> {
  const byId = await findUserById(deps.store.db, idOrUsername)
  if (byId) return byId.id
  return (await findUserByUsername(deps.store.db, idOrUsername))?.id ?? idOrUsername
}

/** The `queued` event of a conversation sent to another queue, or why it cannot go there. */
export function routeToQueue(
  deps: AgentActionDeps,
  conversation: ConversationView,
  queueId: string,
  reason: string,
  now: number,
): { ok: true; event: ConversationEvent } | Refusal<'queue_not_found'> {
  if (!deps.config.queues.some((q) => q.id === queueId)) {
    return refuse('queue_not_found', `no queue ${queueId}`)
  }
  const data: QueuedData = { skills: [], priority: conversation.priority, reason }
  const event = eventFor(
    deps,
    { ...conversation, queueId },
    { type: 'queued', data: data as Record<string, unknown> },
    now,
  )
  return { ok: true, event }
}

/**
 * The `offered` event of a conversation offered to a chosen agent (a transfer, a supervisor's
 * assignment), or why that agent cannot be offered it: unknown, disabled or offline.
 */
export async function offerToAgent(
  deps: AgentActionDeps,
  conversation: ConversationView,
  agentId: string,
  reason: Record<string, unknown>,
  now: number,
): Promise<
  | { ok: true; event: ConversationEvent }
  | Refusal<'agent_not_found' | 'agent_unavailable' | 'invalid_request'>
> {
  const agent = await findUserById(deps.store.db, agentId)
  if (!agent || agent.disabledAt !== undefined)
    return refuse('agent_not_found', `no agent ${agentId}`)
  if (agent.status === 'offline') {
    return refuse('agent_unavailable', `${agent.username} is offline`)
  }
  if (agent.id === conversation.agentId) {
    return refuse('invalid_request', `${agent.username} already has this conversation`)
  }
  // the queue's timeout, which the ACD applies to this offer too
  const offerTimeoutSeconds =
    deps.config.queues.find((q) => q.id === conversation.queueId)?.offerTimeoutSeconds ??
    DEFAULT_OFFER_TIMEOUT_SECONDS
  const event = eventFor(
    deps,
    conversation,
    {
      type: 'offered',
      agentId,
      data: { reason, expiresAt: now + offerTimeoutSeconds * 1000 },
    },
    now,
  )
  return { ok: true, event }
}
