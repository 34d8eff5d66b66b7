import type { Agent } from './agent.ts'
import { hasSkills, proficiencyFor } from './agent.ts'
import { effectivePriority, waitedMs } from './effective-priority.ts'
import type { QueuePolicy } from './queue-policy.ts'
import type { WaitingConversation } from './waiting-conversation.ts'

/**
 * What decided the choice, most specific first: the customer's previous agent; an agent who
 * qualified only because skills were relaxed; a higher proficiency than every other candidate;
 * a tie on proficiency broken by idle time (then id); or nobody else could take it.
 */
export type AssignmentRule =
  'preferred_agent' | 'relaxed_skills' | 'best_proficiency' | 'idle_longest' | 'only_eligible'

/** Why an agent was chosen; the runtime stores it with the conversation's offered event. */
export interface AssignmentReason {
  readonly rule: AssignmentRule
  readonly queue: string
  readonly basePriority: number
  readonly effectivePriority: number
  readonly waitedMs: number
  /** 0 = no relaxation; see relaxationRing. */
  readonly relaxedRing: number
  /** The skills an agent had to hold at this ring. */
  readonly requiredSkills: readonly string[]
  /** Required skills dropped by relaxation. */
  readonly droppedSkills: readonly string[]
  /** Dropped skills the chosen agent does not hold: offered without them because of relaxation. */
  readonly missingSkills: readonly string[]
  /** The chosen agent's lowest proficiency among the originally required skills (0 if one is missing or none is required). */
  readonly proficiency: number
  /** now − the agent's idleSince, never negative. */
  readonly idleMs: number
  /** Eligible agents, the chosen one included, after exclusions. */
  readonly candidates: number
}

export interface Assignment {
  readonly conversationId: string
  readonly agentId: string
  readonly reason: AssignmentReason
}

/** Why a conversation stays waiting. */
export type NoMatchReason =
  | {
      readonly code: 'no_eligible_agent'
      readonly relaxedRing: number
      readonly requiredSkills: readonly string[]
    }
  | {
      readonly code: 'all_eligible_excluded'
      readonly relaxedRing: number
      readonly requiredSkills: readonly string[]
      readonly excluded: number
    }
  | {
      readonly code: 'holding_for_preferred_agent'
      readonly preferredAgentId: string
      readonly holdUntil: number
    }

export type AgentChoice =
  | { readonly ok: true; readonly agentId: string; readonly reason: AssignmentReason }
  | { readonly ok: false; readonly reason: NoMatchReason }

/** The facts both the reference matcher and the indexed router gather about one choice. */
export interface ChoiceFacts {
  readonly conversation: WaitingConversation
  readonly queue: QueuePolicy
  readonly now: number
  readonly ring: number
  readonly keptSkills: number
  readonly agent: Agent
  readonly preferred: boolean
  readonly candidates: number
  /** Other candidates with the chosen agent's proficiency. */
  readonly tiedOnProficiency: number
  /**
   * The chosen agent's proficiency over the conversation's required skills, when the caller
   * knows it already (the router: the bucket it found the agent in); computed otherwise.
   */
  readonly proficiency?: number
}

const NONE: readonly string[] = Object.freeze([])

/**
 * Builds the reason record of a choice, so that the reference matcher and the router explain a
 * choice in exactly the same words.
 * @example explainChoice({ preferred: false, candidates: 1, tiedOnProficiency: 0, … }).rule // 'only_eligible'
 */
export function explainChoice(facts: ChoiceFacts): AssignmentReason {
  const { conversation, queue, now, ring, keptSkills, agent } = facts
  const required = conversation.requiredSkills
  // without relaxation (nearly always) nothing is dropped: no arrays to build
  const relaxed = keptSkills < required.length
  const dropped = relaxed ? required.slice(keptSkills) : NONE
  const missingSkills = relaxed ? dropped.filter((skill) => !hasSkills(agent, [skill])) : NONE
  const rule: AssignmentRule = facts.preferred
    ? 'preferred_agent'
    : missingSkills.length > 0
      ? 'relaxed_skills'
      : facts.tiedOnProficiency > 0
        ? 'idle_longest'
        : facts.candidates > 1
          ? 'best_proficiency'
          : 'only_eligible'
  return {
    rule,
    queue: conversation.queue,
    basePriority: conversation.basePriority,
    effectivePriority: effectivePriority(conversation, queue, now),
    waitedMs: waitedMs(conversation, now),
    relaxedRing: ring,
    requiredSkills: relaxed ? required.slice(0, keptSkills) : required,
    droppedSkills: dropped,
    missingSkills,
    proficiency: facts.proficiency ?? proficiencyFor(agent, required),
    idleMs: Math.max(0, now - agent.idleSince),
    candidates: facts.candidates,
  }
}
