/** Shapes of the supervisors' API answers (GET /v1/queues, /v1/agents, reviews; see /docs). */
import type { AgentStatus, ConversationSummary, NamedCode, User } from '../api/types.ts'

export interface ServiceLevel {
  /** Local midnight on the server: arrivals since then count. */
  since: number
  thresholdSeconds: number
  arrived: number
  answered: number
  answeredWithinThreshold: number
  abandoned: number
  waiting: number
  waitingPastThreshold: number
  movedAway: number
  /** Null until some arrival's outcome is known. */
  percent: number | null
}

export interface BoardQueue {
  id: string
  name: string
  counts: { waiting: number; offered: number; active: number; ended: number }
  /** Agents serving the queue, by status. */
  agents: Partial<Record<AgentStatus, number>>
  /** Not-ready agents serving the queue, by reason code. */
  agentsByReason?: Record<string, number>
  waiting: (ConversationSummary & { waitedMs: number })[]
  oldestWaitMs: number
  serviceLevel?: ServiceLevel
}

export interface BoardAgent extends Omit<User, 'skills'> {
  /** The not-ready reason code. */
  reason?: string
  statusSince: number
  inStatusMs: number
  activeCount: number
  conversations: { id: string; status: 'offered' | 'active' | 'ended'; queueId?: string }[]
}

export interface ReviewCriterion {
  id: string
  label: string
  maxScore: number
}

/** The parts of GET /v1/desk/settings the supervisor screens use. */
export interface SupervisorSettings {
  notReadyReasons: NamedCode[]
  systemNotReadyReasons: NamedCode[]
  queues: { id: string; name: string; serviceLevelSeconds: number }[]
  reviewCriteria: ReviewCriterion[]
  /** Whether the signed-in person may reveal captured values (supervisors and admins). */
  mayRevealMasked: boolean
}

export interface Review {
  id: string
  reviewer: { id: string; username: string; displayName: string }
  scores: Record<string, number>
  total: number
  maxTotal: number
  comment?: string
  createdAt: number
}
