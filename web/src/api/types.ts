/** Shapes of the HTTP API's answers the web app reads (see /openapi.json for all fields). */

export type Role = 'agent' | 'supervisor' | 'admin'
export type AgentStatus = 'available' | 'busy' | 'not_ready' | 'offline'

export interface User {
  id: string
  username: string
  displayName: string
  role: Role
  skills: Record<string, number>
  queues: string[]
  capacity: number
  status: AgentStatus
}

export interface Session {
  token: string
  user: User
}

/** One live event from GET /v1/events. */
export type LiveEvent =
  | { kind: 'hello'; userId: string; role: Role }
  | {
      kind: 'conversation'
      id: string
      type: string
      conversationId: string
      queueId?: string
      agentId?: string
      data?: Record<string, unknown>
      occurredAt: number
    }
  | {
      kind: 'agent'
      id: string
      type: 'status_changed'
      agentId: string
      status: string
      reason?: string
      occurredAt: number
    }

/** A code with the label people see (not-ready reasons, dispositions). */
export interface NamedCode {
  code: string
  label: string
}

export type ConsentStatus = 'opted_in' | 'opted_out' | 'unknown'

export type ConversationStatus =
  'waiting' | 'offered' | 'active' | 'ended' | 'wrapped_up' | 'closed'

/** One conversation as GET /v1/conversations and the boards list it. */
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
  attributes: Record<string, unknown>
  openedAt: number
  acceptedAt?: number
  endedAt?: number
  closedAt?: number
  closeReason?: string
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

/**
 * A value a capture rule took from the citizen's text (GET /v1/conversations/:id/customer):
 * named and masked, never shown unless a supervisor reveals it.
 */
export interface CapturedValue {
  attribute: string
  capture: string
  mask: string
}

/** A standard response, as GET /v1/desk/settings and the administration list it. */
export interface StandardResponse {
  key: string
  category: string
  en?: string
  fr?: string
  placeholders: string[]
}
