import { MAX_PRIORITY, MIN_PRIORITY } from '../domain/screening/screening-rule.ts'
import { changeConversation, loadRoutingConversations } from '../store/routing-conversations.ts'
import {
  commitChange,
  readConversation,
  wrongState,
  type Actor,
  type AgentActionDeps,
  type NotFound,
} from './conversation-access.ts'
import { requeuedEvent } from './record-offer.ts'
import { refuse, type Refusal } from './refusal.ts'
import { offerToAgent, routeToQueue } from './transfer-conversation.ts'

type Outcome<Code extends string> =
  { ok: true } | NotFound | Refusal<'wrong_conversation_state' | 'forbidden' | Code>

const NOT_YET_ACCEPTED = ['waiting', 'offered']

async function waitingOrOffered(deps: AgentActionDeps, actor: Actor, id: string) {
  if (actor.role !== 'supervisor' && actor.role !== 'admin') {
    return refuse('forbidden', 'this needs the role supervisor or admin')
  }
  const conversation = await readConversation(deps.store.db, id)
  if (!conversation) return refuse('conversation_not_found', `no conversation ${id}`)
  if (!NOT_YET_ACCEPTED.includes(conversation.status)) {
    return wrongState(conversation, 'waiting or offered')
  }
  return { ok: true as const, conversation }
}

/**
 * A supervisor moves a conversation not yet accepted to another queue (a pending offer is
 * withdrawn); it waits there from now, with no required skills.
 * @example await moveConversation(deps, supervisor, 'c1', { queue: 'SBC_HD_SMS_GENERAL' })
 */
export async function moveConversation(
  deps: AgentActionDeps,
  actor: Actor,
  conversationId: string,
  input: { queue: string },
): Promise<Outcome<'queue_not_found'>> {
  const found = await waitingOrOffered(deps, actor, conversationId)
  if (!found.ok) return found
  const now = deps.clock.now()
  const queued = routeToQueue(deps, found.conversation, input.queue, 'moved', now)
  if (!queued.ok) return queued
  queued.event.data = { ...queued.event.data, by: actor.id }
  const done = await commitChange(deps, [queued.event], (trx) =>
    changeConversation(
      trx,
      conversationId,
      { from: NOT_YET_ACCEPTED },
      { status: 'waiting', agentId: null, queueId: input.queue },
    ),
  )
  return done ? { ok: true } : wrongState(found.conversation, 'waiting or offered')
}

/**
 * A supervisor changes the base priority (1–10) of a conversation not yet accepted. It keeps
 * its place in time: aging still counts from when the customer started waiting.
 * @example await reprioritiseConversation(deps, supervisor, 'c1', { priority: 9 })
 */
export async function reprioritiseConversation(
  deps: AgentActionDeps,
  actor: Actor,
  conversationId: string,
  input: { priority: number },
): Promise<Outcome<'invalid_request'>> {
  const { priority } = input
  if (!Number.isInteger(priority) || priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
    return refuse(
      'invalid_request',
      `priority is an integer from ${MIN_PRIORITY} to ${MAX_PRIORITY}`,
    )
  }
  const found = await waitingOrOffered(deps, actor, conversationId)
  if (!found.ok) return found
  const now = deps.clock.now()
  const [row] = await loadRoutingConversations(deps.store.db, [conversationId])
  if (!row) return refuse('conversation_not_found', `no conversation ${conversationId}`)
  const queued = requeuedEvent(
    deps,
    { ...row, priority },
    { reason: 'reprioritised', agentId: undefined, now },
  )
  queued.data = { ...queued.data, by: actor.id }
  // an offered conversation keeps its offer: the new priority counts if it comes back
  const events = found.conversation.status === 'waiting' ? [queued] : []
  const done = await commitChange(deps, events, (trx) =>
    changeConversation(
      trx,
      conversationId,
      { from: [found.conversation.status] },
      { status: found.conversation.status, priority },
    ),
  )
  return done ? { ok: true } : wrongState(found.conversation, 'waiting or offered')
}

/**
 * A supervisor offers a conversation not yet accepted to a chosen agent, whatever their load
 * (a pending offer to someone else is withdrawn). The agent still accepts; the offer times out
 * like any other.
 * @example await assignConversation(deps, supervisor, 'c1', { agent: '019…' })
 */
export async function assignConversation(
  deps: AgentActionDeps,
  actor: Actor,
  conversationId: string,
  input: { agent: string },
): Promise<Outcome<'agent_not_found' | 'agent_unavailable' | 'invalid_request'>> {
  const found = await waitingOrOffered(deps, actor, conversationId)
  if (!found.ok) return found
  const now = deps.clock.now()
  const reason = { rule: 'supervisor_assigned', by: actor.id }
  const offer = await offerToAgent(deps, found.conversation, input.agent, reason, now)
  if (!offer.ok) return offer
  const done = await commitChange(deps, [offer.event], (trx) =>
    changeConversation(
      trx,
      conversationId,
      { from: NOT_YET_ACCEPTED },
      { status: 'offered', agentId: input.agent },
    ),
  )
  return done ? { ok: true } : wrongState(found.conversation, 'waiting or offered')
}
