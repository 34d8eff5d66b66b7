/**
 * Shapes of the administration API's answers (GET /v1/admin/…) as the screens read them.
 * See /openapi.json for every field; only what the screens use is typed here.
 */

import type { ConsentStatus, NamedCode, User } from '../api/types.ts'

export type SmsEncoding = 'gsm7' | 'ucs2'
export type TemplateStatus = 'draft' | 'approved' | 'retired'

/** A character outside GSM-7, where it sits in the body, and a GSM-7 stand-in if one exists. */
export interface Ucs2Occurrence {
  character: string
  start: number
  end: number
  suggestion?: string
}

/** One language's SMS body with what it costs (placeholders counted as their `((name))`). */
export interface TemplateBody {
  body: string
  placeholders: string[]
  encoding: SmsEncoding
  segments: number
  units: number
  perSegment: number
  remaining: number
  ucs2Characters: Ucs2Occurrence[]
}

export interface TemplateVersion {
  version: number
  status: TemplateStatus
  reviewDue?: string
  createdBy?: string
  createdAt?: string
  approvedBy?: string
  approvedAt?: string
  /** Whether approving would succeed now (only a draft can be approved). */
  canApprove?: boolean
  en?: TemplateBody
  fr?: TemplateBody
}

export interface Template {
  key: string
  category: string
  owner: string
  status: TemplateStatus
  sendableVersion?: number
  reviewDue?: string
  overdue: boolean
  /** Newest first. */
  versions: TemplateVersion[]
}

/** POST /v1/admin/templates/preview */
export interface ServerPreview {
  text: string
  missing: string[]
  encoding: SmsEncoding
  segments: number
  perSegment: number
  remaining: number
  ucs2Characters: Ucs2Occurrence[]
}

export type HealthState = 'up' | 'down' | 'connecting' | 'disabled'

export interface Trunk {
  name: string
  type: 'sandbox' | 'twilio' | 'smpp'
  enabled: boolean
  isDefault?: boolean
  senders: { number: string; label?: string }[]
  carries?: string[]
  failoverFor?: string[]
  health: { state: HealthState; detail?: string; since?: string }
  breaker?: { state: 'closed' | 'open' | 'half_open'; failures: number; openUntil?: string }
  settings?: Record<string, string | number | boolean | string[]>
}

export interface KeywordGroup {
  words: { en: string[]; fr: string[] }
  reply: { en: string; fr: string }
}

export interface ScreeningRule {
  name: string
  match?: {
    keyword?: string[]
    pattern?: string
    from?: string[]
    fromPrefix?: string[]
    to?: string[]
  }
  category: string
  queue: string
  priority: number
  skills: string[]
}

export interface RoutingConfig {
  queues: {
    id: string
    name: string
    description?: string
    dispositions: NamedCode[]
    acknowledgementTemplate?: string
    serviceLevelSeconds: number
    aging: { everySeconds: number; step: number; max: number }
    relaxSkillsAfterSeconds: number[]
  }[]
  skills: { id: string; name: string }[]
  dispositions: NamedCode[]
  notReadyReasons: NamedCode[]
  screening: ScreeningRule[]
  programs?: {
    id: string
    name: string
    sender: string
    captures: { name: string; pattern: string; attribute: string; mask: string }[]
    maskPii: string[]
  }[]
  keywordSets: {
    sender: string
    label?: string
    program?: string
    optOut: KeywordGroup
    optIn: KeywordGroup
    help: KeywordGroup
  }[]
}

/** POST /v1/admin/screening/test */
export interface ScreeningTest {
  text: string
  from: string
  to: string
  program: string | null
  encoding: SmsEncoding
  segments: number
  keyword: { intent: string; language: string; keyword: string | null }
  screening: {
    rule: string
    category: string
    queue: string
    priority: number
    skills: string[]
    attributes: Record<string, string>
    maskedText: string
  }
  pii: string[]
}

/** A user as the administration screens list them (no password hash ever). */
export interface AdminUser extends User {
  disabled: boolean
  disabledAt?: string
}

export interface ConsentLookup {
  phone: string
  consents: { program: string; status: ConsentStatus; since?: string }[]
  events: {
    id: string
    program: string
    action: string
    source: string
    evidence?: string
    actor: string
    occurredAt: string
    recordedAt: string
  }[]
}

export type ApiKeyScope = 'send' | 'read' | 'admin'

export interface ApiKey {
  id: string
  name: string
  prefix: string
  scopes: ApiKeyScope[]
  test: boolean
  status: 'active' | 'revoked'
  createdAt: string
  revokedAt?: string
  lastUsedAt?: string
}

/** POST /v1/admin/api-keys: the key itself appears here and nowhere else, ever. */
export interface CreatedApiKey {
  key: string
  apiKey: ApiKey
}
