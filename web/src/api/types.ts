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
