import { MAX_PRIORITY, MIN_PRIORITY } from '../screening/screening-rule.ts'

/** A conversation waiting for an agent, as the matcher sees it: plain data. */
export interface WaitingConversation {
  readonly id: string
  readonly queue: string
  /** 1–10 from screening (or a supervisor); higher is offered first. */
  readonly basePriority: number
  /** Most important first: relaxation drops skills from the end of this list. */
  readonly requiredSkills: readonly string[]
  /**
   * Epoch ms the customer started waiting. Kept when an offer times out and the conversation
   * goes back to waiting, so the customer keeps the priority and relaxation earned so far.
   */
  readonly enqueuedAt: number
  /** E.164; carried for the record, not used to match. */
  readonly customerNumber: string
  /** The agent who served this customer recently; preferred when eligible. */
  readonly preferredAgentId?: string
  /** Agents who declined or let an offer of this conversation time out. */
  readonly excludedAgents?: readonly string[]
}

/**
 * Problems that make a waiting conversation unusable by the router; empty when valid.
 * @example validateConversation({ id: 'c1', basePriority: 11, … }) // ['basePriority must be an integer from 1 to 10, got 11']
 */
export function validateConversation(conversation: WaitingConversation): string[] {
  const problems: string[] = []
  const { id, basePriority, enqueuedAt, requiredSkills } = conversation
  if (typeof id !== 'string' || id === '') problems.push('id must be a non-empty string')
  if (
    !Number.isInteger(basePriority) ||
    basePriority < MIN_PRIORITY ||
    basePriority > MAX_PRIORITY
  ) {
    problems.push(`basePriority must be an integer from 1 to 10, got ${basePriority}`)
  }
  if (!Number.isFinite(enqueuedAt)) problems.push('enqueuedAt must be a finite epoch ms')
  if (!Array.isArray(requiredSkills)) problems.push('requiredSkills must be an array of skill ids')
  return problems
}
