import type { Config } from '../config/schema.ts'
import { appendAuditEvent } from '../store/audit-events.ts'
import {
  readConversation,
  type AgentActionDeps,
  type ConversationView,
  type NotFound,
} from './conversation-access.ts'
import type { User } from './manage-users.ts'
import { refuse, type Refusal } from './refusal.ts'

/** Who may reveal captured values: supervisors and admins (agents work from masked text). */
export function mayRevealMasked(user: Pick<User, 'role'>): boolean {
  return user.role === 'supervisor' || user.role === 'admin'
}

/** A captured value the conversation holds: its attribute, the capture rule and its mask. */
export interface CapturedAttribute {
  attribute: string
  capture: string
  mask: string
}

/**
 * The attributes of a conversation that hold a value a capture rule took from the citizen's
 * text (and masked there): attributes named by a capture rule of the conversation's program.
 * Masked PII kinds (card numbers, SINs…) are never stored, so they are not among them.
 * @example capturedAttributes(config, conversation) // [{ attribute: 'bceidUser', capture: 'bceid-user', mask: '[user id]' }]
 */
export function capturedAttributes(
  config: Pick<Config, 'programs'>,
  conversation: Pick<ConversationView, 'program' | 'attributes'>,
): CapturedAttribute[] {
  const program = config.programs.find((p) => p.id === conversation.program)
  return (program?.captures ?? [])
    .filter((c) => Object.hasOwn(conversation.attributes, c.attribute))
    .map((c) => ({ attribute: c.attribute, capture: c.name, mask: c.mask ?? `[${c.name}]` }))
}

export type RevealRefusal = NotFound | Refusal<'forbidden' | 'attribute_not_found'>

/**
 * A supervisor or admin reads a captured value in clear (a BCeID user id the text showed as
 * "[user id]"). Every reveal is written to the audit log first (`pii.reveal`, by
 * `user:<username>`, on `conversation:<id>`, with the attribute's name, never its value).
 * @example await revealAttribute(deps, supervisor, 'c1', 'bceidUser') // { ok: true, attribute: 'bceidUser', value: 'jdoe99', revealedAt }
 */
export async function revealAttribute(
  deps: Pick<AgentActionDeps, 'config' | 'store' | 'clock' | 'random'>,
  actor: Pick<User, 'role' | 'username'>,
  conversationId: string,
  attribute: string,
): Promise<{ ok: true; attribute: string; value: string; revealedAt: number } | RevealRefusal> {
  if (!mayRevealMasked(actor)) {
    return refuse('forbidden', 'revealing a masked value needs the role supervisor or admin')
  }
  const conversation = await readConversation(deps.store.db, conversationId)
  if (!conversation) return refuse('conversation_not_found', `no conversation ${conversationId}`)
  const captured = capturedAttributes(deps.config, conversation)
  const value = captured.some((c) => c.attribute === attribute)
    ? conversation.attributes[attribute]
    : undefined
  if (typeof value !== 'string' && typeof value !== 'number') {
    const revealable = captured.map((c) => c.attribute)
    return refuse(
      'attribute_not_found',
      `conversation ${conversationId} has no captured value ${attribute}; other masked personal information is never stored`,
      { revealable },
    )
  }
  const now = deps.clock.now()
  await appendAuditEvent(deps.store.db, {
    id: deps.random.id(),
    actor: `user:${actor.username}`,
    action: 'pii.reveal',
    subject: `conversation:${conversationId}`,
    data: { attribute },
    occurredAt: now,
  })
  return { ok: true, attribute, value: String(value), revealedAt: now }
}
