import { appendConversationEvents } from '../store/conversations.ts'
import { appendAgentEvents, updateAgentStatus, type AgentEvent } from '../store/routing-agents.ts'
import { changeConversation, loadRoutingConversations } from '../store/routing-conversations.ts'
import { findUserById } from '../store/users.ts'
import { isSupervisor, type Actor, type AgentActionDeps } from './conversation-access.ts'
import type { BusEvent } from './event-bus.ts'
import { requeuedEvent } from './record-offer.ts'
import { refuse, type Refusal } from './refusal.ts'
import { agentBusEvent, toBusEvent } from './routing-events.ts'

/** The statuses a person sets; busy is derived from load, never set. */
export type SettableStatus = 'available' | 'not_ready' | 'offline'

export type SetStatusRefusal = Refusal<
  'agent_not_found' | 'forbidden' | 'invalid_status_reason' | 'invalid_request'
>

/**
 * Sets an agent's status: available, not_ready with one of the configured reason codes
 * (`notReadyReasons`; required), or offline. An agent sets their own; a supervisor anyone's.
 * Leaving `available` withdraws a pending offer: the conversation goes back to its queue,
 * keeping the time it started waiting. The change is an agent event (status_changed).
 * @example await setAgentStatus(deps, me, { agentId: me.id, status: 'not_ready', reason: 'LUNCH' })
 * // { ok: true, status: 'not_ready', reason: 'LUNCH', withdrawnOffer: undefined }
 */
export async function setAgentStatus(
  deps: AgentActionDeps,
  actor: Actor,
  input: { agentId: string; status: SettableStatus; reason?: string | undefined },
): Promise<
  | {
      ok: true
      status: SettableStatus
      reason: string | undefined
      withdrawnOffer: string | undefined
    }
  | SetStatusRefusal
> {
  if (input.agentId !== actor.id && !isSupervisor(actor)) {
    return refuse('forbidden', "only a supervisor changes another agent's status")
  }
  if (!['available', 'not_ready', 'offline'].includes(input.status)) {
    return refuse('invalid_request', `status must be available, not_ready or offline`)
  }
  const reasons = deps.config.notReadyReasons.map((r) => r.code)
  if (input.status === 'not_ready' && !reasons.includes(input.reason ?? '')) {
    return refuse(
      'invalid_status_reason',
      `not_ready needs a reason, one of ${reasons.join(', ')}`,
      { reasons },
    )
  }
  const reason = input.status === 'not_ready' ? input.reason : undefined
  const agent = await findUserById(deps.store.db, input.agentId)
  if (!agent || agent.disabledAt !== undefined) {
    return refuse('agent_not_found', `no agent ${input.agentId}`)
  }
  const now = deps.clock.now()
  const events: BusEvent[] = []
  const withdrawnOffer = await deps.store.db.transaction().execute(async (trx) => {
    await updateAgentStatus(trx, { id: agent.id, status: input.status, reason, at: now })
    const agentEvent: AgentEvent = {
      id: deps.random.id(),
      userId: agent.id,
      type: 'status_changed',
      status: input.status,
      reason,
      data: { from: agent.status, by: actor.id },
      occurredAt: now,
    }
    await appendAgentEvents(trx, [agentEvent])
    events.push(agentBusEvent(agentEvent))
    if (input.status === 'available') return undefined
    const pending = await trx
      .selectFrom('conversations')
      .select('id')
      .where('agent_id', '=', agent.id)
      .where('status', '=', 'offered')
      .execute()
    let withdrawn: string | undefined
    for (const { id } of pending) {
      const [row] = await loadRoutingConversations(trx, [id])
      const moved = await changeConversation(
        trx,
        id,
        { from: ['offered'], agentId: agent.id },
        { status: 'waiting', agentId: null },
      )
      if (!row || !moved) continue
      const queued = requeuedEvent(deps, row, {
        reason: 'offer_withdrawn',
        agentId: agent.id,
        now,
      })
      await appendConversationEvents(trx, [queued])
      events.push(toBusEvent(queued))
      withdrawn = id
    }
    return withdrawn
  })
  deps.events.publish(events)
  deps.acd.wake()
  return { ok: true, status: input.status, reason, withdrawnOffer }
}
