/** `busy` is not a status: it is derived (available but with no free slot or an offer pending). */
export type AgentStatus = 'available' | 'not_ready' | 'offline'

/**
 * An agent as the matcher sees it: plain data, so the runtime can rebuild it from the database.
 * `active` counts the conversations assigned to the agent now, including the one offered.
 */
export interface Agent {
  readonly id: string
  readonly status: AgentStatus
  /** A configured not-ready reason code (LUNCH, NOT_RESPONDING…); meaningful when not_ready. */
  readonly notReadyReason?: string
  /** Skill id → proficiency, an integer 1–5 (5 = expert). A skill not listed is not held. */
  readonly skills: Readonly<Record<string, number>>
  /** The queues the agent serves. */
  readonly queues: readonly string[]
  /** Concurrent conversations; DEFAULT_AGENT_CAPACITY when absent. */
  readonly capacity?: number
  readonly active: number
  /** Epoch ms when a slot last became free or the agent became available: "idle longest" first. */
  readonly idleSince: number
  /** The conversation offered and not yet accepted, declined or timed out. */
  readonly offered?: string
}

/** Concurrent SMS conversations per agent unless configured otherwise (issue 5). */
export const DEFAULT_AGENT_CAPACITY = 3

/** Lowest and highest skill proficiency. */
export const MIN_PROFICIENCY = 1
export const MAX_PROFICIENCY = 5

/** @example capacityOf({ capacity: undefined, … }) // 3 */
export function capacityOf(agent: Agent): number {
  return agent.capacity ?? DEFAULT_AGENT_CAPACITY
}

/**
 * Whether the agent can be offered a conversation now, whatever its queue or skills: available,
 * a free slot, and no offer pending. One offer at a time: an agent who is away from the desk
 * holds up one customer for the offer timeout, not three.
 * @example isFree({ status: 'available', active: 2, capacity: 3, … }) // true
 */
export function isFree(agent: Agent): boolean {
  return (
    agent.status === 'available' && agent.active < capacityOf(agent) && agent.offered === undefined
  )
}

/** @example proficiencyIn({ skills: { fr: 4 }, … }, 'fr') // 4; 'de' → 0 */
export function proficiencyIn(agent: Agent, skill: string): number {
  // A skill called "constructor" finds Object.prototype's function, not a number: 0.
  const level = agent.skills[skill]
  return typeof level === 'number' ? level : 0
}

/**
 * The agent's proficiency for a set of required skills: the lowest of them, since a conversation
 * is handled only as well as its weakest needed skill (an expert in passwords who barely reads
 * French is a poor match for a French password reset). 0 when a skill is missing, and 0 when no
 * skill is required (then proficiency does not separate agents).
 * @example proficiencyFor({ skills: { password: 5, fr: 2 }, … }, ['password', 'fr']) // 2
 */
export function proficiencyFor(agent: Agent, skills: readonly string[]): number {
  if (skills.length === 0) return 0
  let lowest = MAX_PROFICIENCY
  for (const skill of skills) {
    const level = proficiencyIn(agent, skill)
    if (level < MIN_PROFICIENCY) return 0
    if (level < lowest) lowest = level
  }
  return lowest
}

/** @example hasSkills({ skills: { fr: 1 }, … }, ['fr']) // true */
export function hasSkills(agent: Agent, skills: readonly string[]): boolean {
  for (const skill of skills) if (proficiencyIn(agent, skill) < MIN_PROFICIENCY) return false
  return true
}

/** @example servesQueue({ queues: ['billing'], … }, 'billing') // true */
export function servesQueue(agent: Agent, queue: string): boolean {
  return agent.queues.includes(queue)
}

/**
 * Problems that make an agent record unusable by the router, each a sentence; empty when valid.
 * @example validateAgent({ id: 'a1', status: 'available', skills: { fr: 7 }, … })
 * // ['skill fr: proficiency must be an integer from 1 to 5, got 7']
 */
export function validateAgent(agent: Agent): string[] {
  const problems: string[] = []
  if (typeof agent.id !== 'string' || agent.id === '')
    problems.push('id must be a non-empty string')
  if (!['available', 'not_ready', 'offline'].includes(agent.status)) {
    problems.push(`status must be available, not_ready or offline, got ${agent.status}`)
  }
  const capacity = capacityOf(agent)
  if (!Number.isInteger(capacity) || capacity < 1) {
    problems.push(`capacity must be a positive integer, got ${capacity}`)
  }
  if (!Number.isInteger(agent.active) || agent.active < 0) {
    problems.push(`active must be a non-negative integer, got ${agent.active}`)
  }
  if (!Number.isFinite(agent.idleSince)) problems.push('idleSince must be a finite epoch ms')
  for (const skill in agent.skills) {
    const level = proficiencyIn(agent, skill)
    if (!Number.isInteger(level) || level < MIN_PROFICIENCY || level > MAX_PROFICIENCY) {
      problems.push(`skill ${skill}: proficiency must be an integer from 1 to 5, got ${level}`)
    }
  }
  if (!Array.isArray(agent.queues)) problems.push('queues must be an array of queue ids')
  return problems
}
