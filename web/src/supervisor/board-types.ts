/** Shapes of the supervisors' API answers (GET /v1/queues, /v1/agents, reviews; see /docs). */
import type { AgentStatus, Role } from '../api/types.ts'

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

export interface ConversationSummary {
  id: string
  status: string
  queueId?: string
  agentId?: string
  customerNumber: string
  ourNumber: string
  program?: string
  category?: string
  priority: number
  flagged: boolean
  attributes: Record<string, unknown>
  openedAt: number
  acceptedAt?: number
  endedAt?: number
  closedAt?: number
  closeReason?: string
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

export interface BoardAgent {
  id: string
  username: string
  displayName: string
  role: Role
  status: AgentStatus
  /** The not-ready reason code. */
  reason?: string
  statusSince: number
  inStatusMs: number
  capacity: number
  queues: string[]
  activeCount: number
  conversations: { id: string; status: 'offered' | 'active' | 'ended'; queueId?: string }[]
}

export interface NamedCode {
  code: string
  label: string
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

export interface TranscriptMessage {
  id: string
  direction: string
  from: string
  to: string
  body: string
  status: string
  segments: number
  createdAt: number
}

export interface TranscriptEvent {
  id?: string
  type: string
  agentId?: string
  queueId?: string
  data?: Record<string, unknown>
  occurredAt: number
}

export interface Transcript {
  conversation: ConversationSummary
  events: TranscriptEvent[]
  messages: TranscriptMessage[]
}
