/** Shapes of the desk API's answers (README "Conversations"; /openapi.json has every field). */

import type { AgentStatus, Role } from '../api/types.ts'

export type ConversationStatus =
  'waiting' | 'offered' | 'active' | 'ended' | 'wrapped_up' | 'closed'

/** One conversation as GET /v1/conversations lists it. */
export interface ConversationSummary {
  id: string
  status: ConversationStatus
  queueId?: string
  agentId?: string
  customerNumber: string
  ourNumber: string
  program?: string
  category?: string
  priority: number
  flagged: boolean
  openedAt: number
  acceptedAt?: number
  endedAt?: number
}

/** GET /v1/conversations: what I hold, and what waits in my queues. */
export interface Desk {
  mine: ConversationSummary[]
  waiting: ConversationSummary[]
}

export interface ConversationEvent {
  id: string
  type: string
  agentId?: string
  queueId?: string
  data?: Record<string, unknown>
  occurredAt: number
}

export interface TranscriptMessage {
  id: string
  direction: 'inbound' | 'outbound'
  from: string
  to: string
  /** As stored: personal information is already masked. */
  body: string
  status: string
  segments: number
  createdAt: number
}

/** GET /v1/conversations/:id */
export interface Transcript {
  conversation: ConversationSummary
  events: ConversationEvent[]
  messages: TranscriptMessage[]
}

type NamedCode = { code: string; label: string }

export interface StandardResponse {
  key: string
  category: string
  en?: string
  fr?: string
  placeholders: string[]
}

/** GET /v1/desk/settings */
export interface DeskSettings {
  notReadyReasons: NamedCode[]
  systemNotReadyReasons: NamedCode[]
  dispositions: NamedCode[]
  queues: { id: string; name: string; dispositions: string[]; serviceLevelSeconds: number }[]
  skills: { id: string; name: string }[]
  standardResponses: StandardResponse[]
  me: {
    id: string
    username: string
    displayName: string
    role: Role
    status: AgentStatus
    reason?: string
    statusSince: number
    capacity: number
    queues: string[]
    skills: Record<string, number>
  }
  mayRevealMasked: boolean
}

export type ConsentStatus = 'opted_in' | 'opted_out' | 'unknown'

/** GET /v1/conversations/:id/customer */
export interface CustomerPanelData {
  contact: { phone: string; name?: string; email?: string; language?: string }
  consents: { program: string; status: ConsentStatus; since?: number }[]
  conversation: {
    id: string
    status: string
    program?: string
    category?: string
    queueId?: string
    queueName?: string
    priority: number
    requiredSkills: string[]
    flagged: boolean
    openedAt: number
  }
  /** Captured values: named and masked, never shown unless revealed. */
  captured: { attribute: string; capture: string; mask: string }[]
  maskedNotStored: string[]
  attributes: Record<string, unknown>
  screenPop?: Record<string, unknown>
  history: {
    id: string
    status: string
    queueId?: string
    startedAt: number
    endedAt?: number
    disposition?: string
    lastText?: { direction: 'inbound' | 'outbound'; preview: string; at: number }
  }[]
}

/** POST /v1/conversations/:id/messages */
export interface SentReply {
  messageId: string
  segments: number
  encoding: 'gsm7' | 'ucs2'
  text: string
}

/** The longest reply the API accepts: ten concatenated UCS-2 segments. */
export const MAX_REPLY_LENGTH = 670
