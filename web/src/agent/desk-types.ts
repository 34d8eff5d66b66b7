/** Shapes of the desk API's answers (README "Conversations"; /openapi.json has every field). */

import type {
  CapturedValue,
  ConsentStatus,
  ConversationSummary,
  NamedCode,
  StandardResponse,
  User,
} from '../api/types.ts'

/** GET /v1/conversations: what I hold, and what waits in my queues. */
export interface Desk {
  mine: ConversationSummary[]
  waiting: ConversationSummary[]
}

/** GET /v1/desk/settings */
export interface DeskSettings {
  notReadyReasons: NamedCode[]
  systemNotReadyReasons: NamedCode[]
  dispositions: NamedCode[]
  queues: { id: string; name: string; dispositions: string[]; serviceLevelSeconds: number }[]
  skills: { id: string; name: string }[]
  standardResponses: StandardResponse[]
  me: User & { reason?: string; statusSince: number }
  mayRevealMasked: boolean
}

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
  captured: CapturedValue[]
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
