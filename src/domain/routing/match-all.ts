import type { Agent } from './agent.ts'
import type { Assignment } from './assignment.ts'
import { offerConversation } from './agent-transitions.ts'
import { chooseAgent } from './choose-agent.ts'
import { compareWaitingRank, effectivePriority } from './effective-priority.ts'
import type { QueuePolicy } from './queue-policy.ts'
import type { WaitingConversation } from './waiting-conversation.ts'

export interface RoutingPass {
  /** In the order they were made: highest effective priority first. */
  readonly assignments: readonly Assignment[]
  /** Every agent after the pass: those offered a conversation have it in `offered` and `active`. */
  readonly agents: readonly Agent[]
}

/**
 * One routing pass by plain scanning, the reference for the router's `drain`: waiting
 * conversations in order of effective priority (ties: waited longest, then id), each offered to
 * its best agent (chooseAgent), the agents updated as it goes so nobody is offered two
 * conversations at once or goes over capacity. Conversations of a queue not in `queues` are left
 * waiting. Input order does not matter; agent ids must be unique.
 * @example matchAll(waiting, agents, [generalQueue], now).assignments
 * // [{ conversationId: 'c9', agentId: 'a2', reason: { rule: 'best_proficiency', … } }, …]
 */
export function matchAll(
  waiting: readonly WaitingConversation[],
  agents: readonly Agent[],
  queues: readonly QueuePolicy[],
  now: number,
): RoutingPass {
  const policies = new Map(queues.map((q) => [q.id, q]))
  const byId = new Map(agents.map((a) => [a.id, a]))
  const ordered = waiting
    .flatMap((conversation) => {
      const queue = policies.get(conversation.queue)
      if (queue === undefined) return []
      const rank = {
        effectivePriority: effectivePriority(conversation, queue, now),
        enqueuedAt: conversation.enqueuedAt,
        id: conversation.id,
      }
      return [{ conversation, queue, rank }]
    })
    .sort((a, b) => compareWaitingRank(a.rank, b.rank))

  const assignments: Assignment[] = []
  for (const { conversation, queue } of ordered) {
    const choice = chooseAgent(conversation, [...byId.values()], queue, now)
    if (!choice.ok) continue
    const agent = byId.get(choice.agentId)
    if (agent === undefined) continue
    byId.set(agent.id, offerConversation(agent, conversation.id))
    assignments.push({ conversationId: conversation.id, agentId: agent.id, reason: choice.reason })
  }
  return { assignments, agents: [...byId.values()] }
}
