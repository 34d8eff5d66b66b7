import { getConsents } from '../store/consents.ts'
import { findContactByPhone } from '../store/contacts.ts'
import { listEarlierConversations } from '../store/customer-history.ts'
import { conversationEvents, loadRoutingConversations } from '../store/routing-conversations.ts'
import {
  findVisibleConversation,
  type Actor,
  type AgentActionDeps,
  type ConversationStatus,
  type NotFound,
} from './conversation-access.ts'
import { capturedAttributes, type CapturedAttribute } from './reveal-attribute.ts'

/** Earlier conversations listed in the panel. */
export const HISTORY_LIMIT = 10
/** Characters of an earlier conversation's last text shown. */
export const PREVIEW_LENGTH = 100

export interface CustomerPanel {
  contact: {
    phone: string
    name: string | undefined
    email: string | undefined
    /** The language the contact prefers, when a CRM recorded it. */
    language: string | undefined
  }
  /** Every configured program (and any other with a record), with the number's consent. */
  consents: { program: string; status: 'opted_in' | 'opted_out' | 'unknown'; since?: number }[]
  conversation: {
    id: string
    status: ConversationStatus
    program: string | undefined
    category: string | undefined
    queueId: string | undefined
    queueName: string | undefined
    priority: number
    /** The skills routing requires now (none after a transfer or move). */
    requiredSkills: string[]
    flagged: boolean
    openedAt: number
  }
  /** Values captured from the citizen's texts and masked there; revealed one by one, audited. */
  captured: CapturedAttribute[]
  /** Kinds of personal information masked in the texts and never stored (sin, payment_card…). */
  maskedNotStored: string[]
  /** The conversation's other attributes (a survey's key and rating…), shown as they are. */
  attributes: Record<string, unknown>
  /** What the CRM answered about the number when the conversation opened, if anything. */
  screenPop: Record<string, unknown> | undefined
  /** The customer's earlier conversations, newest first. */
  history: {
    id: string
    status: string
    queueId: string | undefined
    startedAt: number
    endedAt: number | undefined
    disposition: string | undefined
    lastText: { direction: 'inbound' | 'outbound'; preview: string; at: number } | undefined
  }[]
}

/**
 * The customer panel beside a conversation: who the customer is (contact, consent per program),
 * what screening and routing made of the conversation, the CRM's screen pop, and the
 * customer's earlier conversations. Visible to whoever may read the transcript. Captured values
 * are named, never shown: a supervisor reveals one with revealAttribute.
 * @example await readCustomerPanel(deps, me, 'c1') // { ok: true, contact: { phone: '+12505550123', … }, captured: [{ attribute: 'bceidUser', … }], … }
 */
export async function readCustomerPanel(
  deps: Pick<AgentActionDeps, 'config' | 'store'>,
  actor: Actor,
  conversationId: string,
): Promise<({ ok: true } & CustomerPanel) | NotFound> {
  const found = await findVisibleConversation(deps, actor, conversationId)
  if (!found.ok) return found
  const { conversation } = found
  const db = deps.store.db
  const phone = conversation.customerNumber
  const [contact, consents, routing, events, earlier] = await Promise.all([
    findContactByPhone(db, phone),
    getConsents(db, phone),
    loadRoutingConversations(db, [conversationId]),
    conversationEvents(db, conversationId),
    listEarlierConversations(db, {
      customerNumber: phone,
      before: { id: conversationId, openedAt: conversation.openedAt },
      limit: HISTORY_LIMIT,
    }),
  ])
  const captured = capturedAttributes(deps.config, conversation)
  const program = deps.config.programs.find((p) => p.id === conversation.program)
  const captureNames = new Set((program?.captures ?? []).map((c) => c.name))
  const maskedNames = events
    .filter((e) => e.type === 'message_in')
    .flatMap((e) => (Array.isArray(e.data?.masked) ? (e.data.masked as unknown[]) : []))
    .filter((name): name is string => typeof name === 'string' && !captureNames.has(name))
  const hidden = new Set(['crm', ...captured.map((c) => c.attribute)])
  const crm = conversation.attributes.crm
  const stored = new Map(consents.map((c) => [c.program, c]))
  const programs = new Set([...deps.config.programs.map((p) => p.id), ...stored.keys()])
  return {
    ok: true,
    contact: {
      phone,
      name: contact?.name,
      email: contact?.email,
      language: contact?.language,
    },
    consents: [...programs].map((id) => {
      const c = stored.get(id)
      return c
        ? { program: id, status: c.status, since: c.since }
        : { program: id, status: 'unknown' }
    }),
    conversation: {
      id: conversation.id,
      status: conversation.status,
      program: conversation.program,
      category: conversation.category,
      queueId: conversation.queueId,
      queueName: deps.config.queues.find((q) => q.id === conversation.queueId)?.name,
      priority: conversation.priority,
      requiredSkills: [...(routing[0]?.queued.skills ?? [])],
      flagged: conversation.flagged,
      openedAt: conversation.openedAt,
    },
    captured,
    maskedNotStored: [...new Set(maskedNames)],
    attributes: Object.fromEntries(
      Object.entries(conversation.attributes).filter(([name]) => !hidden.has(name)),
    ),
    screenPop:
      typeof crm === 'object' && crm !== null && !Array.isArray(crm)
        ? (crm as Record<string, unknown>)
        : undefined,
    history: earlier.map((c) => ({
      id: c.id,
      status: c.status,
      queueId: c.queueId,
      startedAt: c.openedAt,
      endedAt: c.endedAt,
      disposition: c.disposition,
      lastText: c.lastText && {
        direction: c.lastText.direction,
        preview: Array.from(c.lastText.body).slice(0, PREVIEW_LENGTH).join(''),
        at: c.lastText.at,
      },
    })),
  }
}
