import type { Agent } from './agent.ts'
import { hasSkills, isFree, proficiencyFor, servesQueue } from './agent.ts'
import type { AgentChoice } from './assignment.ts'
import { explainChoice } from './assignment.ts'
import { waitedMs } from './effective-priority.ts'
import type { QueuePolicy } from './queue-policy.ts'
import { keptSkillCount, relaxationRing } from './required-skills-at.ts'
import type { WaitingConversation } from './waiting-conversation.ts'

/**
 * Picks the agent for one waiting conversation by scanning every agent: the reference the
 * indexed router (createRouter) is tested against.
 *
 * Eligible: available, a free slot and no offer pending, serves the conversation's queue, holds
 * every skill still required after relaxation, not excluded. The preferred agent wins when
 * eligible. When the preferred agent could take it but is busy, the conversation waits for them
 * up to the queue's preferredAgentWaitSeconds. Otherwise agents rank by proficiency (the lowest
 * among the originally required skills: relaxation widens who may take a conversation, it does
 * not make an agent missing a skill as good as one who has it), then idle longest, then id.
 * @example chooseAgent(conversation, agents, queue, now)
 * // { ok: true, agentId: 'a7', reason: { rule: 'idle_longest', proficiency: 4, idleMs: 93000, … } }
 */
export function chooseAgent(
  conversation: WaitingConversation,
  agents: readonly Agent[],
  queue: QueuePolicy,
  now: number,
): AgentChoice {
  const waited = waitedMs(conversation, now)
  const ring = relaxationRing(queue, waited)
  const keptSkills = keptSkillCount(queue, conversation.requiredSkills.length, ring)
  const skills = conversation.requiredSkills.slice(0, keptSkills)
  const excluded = conversation.excludedAgents ?? []
  const canTake = (agent: Agent): boolean =>
    servesQueue(agent, conversation.queue) &&
    hasSkills(agent, skills) &&
    !excluded.includes(agent.id)
  const qualified = agents.filter(
    (a) => isFree(a) && servesQueue(a, conversation.queue) && hasSkills(a, skills),
  )
  const eligible = qualified.filter((a) => !excluded.includes(a.id))
  const explain = (agent: Agent, preferred: boolean, tiedOnProficiency: number): AgentChoice => ({
    ok: true,
    agentId: agent.id,
    reason: explainChoice({
      conversation,
      queue,
      now,
      ring,
      keptSkills,
      agent,
      preferred,
      candidates: eligible.length,
      tiedOnProficiency,
    }),
  })

  const preferredId = conversation.preferredAgentId
  if (preferredId !== undefined) {
    const preferred = eligible.find((a) => a.id === preferredId)
    if (preferred) return explain(preferred, true, 0)
    const holdMs = (queue.preferredAgentWaitSeconds ?? 0) * 1000
    const busy = agents.find((a) => a.id === preferredId)
    if (waited < holdMs && busy?.status === 'available' && canTake(busy)) {
      const holdUntil = conversation.enqueuedAt + holdMs
      return {
        ok: false,
        reason: { code: 'holding_for_preferred_agent', preferredAgentId: preferredId, holdUntil },
      }
    }
  }

  if (eligible.length === 0) {
    return qualified.length > 0
      ? {
          ok: false,
          reason: {
            code: 'all_eligible_excluded',
            relaxedRing: ring,
            requiredSkills: skills,
            excluded: qualified.length,
          },
        }
      : {
          ok: false,
          reason: { code: 'no_eligible_agent', relaxedRing: ring, requiredSkills: skills },
        }
  }
  const ranked = eligible.map((agent) => ({
    agent,
    score: proficiencyFor(agent, conversation.requiredSkills),
  }))
  const best = ranked.reduce((a, b) => (compareRanked(a, b) <= 0 ? a : b))
  const tied = ranked.filter((r) => r.score === best.score).length - 1
  return explain(best.agent, false, tied)
}

interface Ranked {
  readonly agent: Agent
  readonly score: number
}

function compareRanked(a: Ranked, b: Ranked): number {
  if (a.score !== b.score) return b.score - a.score
  if (a.agent.idleSince !== b.agent.idleSince) return a.agent.idleSince - b.agent.idleSince
  return a.agent.id < b.agent.id ? -1 : a.agent.id > b.agent.id ? 1 : 0
}
