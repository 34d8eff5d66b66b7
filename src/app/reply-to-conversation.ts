import { isLanguage, type Language } from '../domain/language.ts'
import { countSegments } from '../domain/segments/count-segments.ts'
import { fillWith, missingPersonalisation } from '../domain/templates/render-template.ts'
import { appendConversationEvents } from '../store/conversations.ts'
import { insertMessages, type NewMessage } from '../store/messages.ts'
import {
  eventFor,
  findVisibleConversation,
  wrongState,
  type Actor,
  type AgentActionDeps,
  type ConversationView,
  type NotFound,
} from './conversation-access.ts'
import { refuse, type Refusal } from './refusal.ts'
import { toBusEvent } from './routing-events.ts'
import { findStandardResponse } from './standard-responses.ts'

/** Free text, or a standard response: a configured template with ((placeholders)). */
export type ReplyInput =
  | { text: string }
  | { template: string; language?: string; values?: Readonly<Record<string, string>> }

export type ReplyRefusal = Refusal<
  | 'wrong_conversation_state'
  | 'template_not_found'
  | 'template_language_unavailable'
  | 'missing_personalisation'
  | 'invalid_request'
>

/** Longest reply accepted: ten concatenated UCS-2 segments. */
export const MAX_REPLY_LENGTH = 670

/**
 * The agent answers the customer. The text is queued through the outbox (high priority) from the
 * conversation's own number, filed under the conversation, and recorded as a `message_out`
 * event; the segment count is returned so the agent sees what the reply costs. A standard
 * response fills its ((placeholders)) from, in order, the values given, the conversation's
 * captured attributes, and `agentName`; a placeholder left without a value refuses the reply.
 * @example await replyToConversation(deps, me, 'c1', { text: 'Your account is unlocked.' })
 * // { ok: true, messageId: '…', segments: 1, encoding: 'gsm7', text: 'Your account is unlocked.' }
 */
export async function replyToConversation(
  deps: AgentActionDeps,
  actor: Actor,
  conversationId: string,
  input: ReplyInput,
): Promise<
  | { ok: true; messageId: string; segments: number; encoding: 'gsm7' | 'ucs2'; text: string }
  | NotFound
  | ReplyRefusal
> {
  const found = await findVisibleConversation(deps, actor, conversationId)
  if (!found.ok) return found
  const { conversation } = found
  if (conversation.status !== 'active' || conversation.agentId !== actor.id) {
    return wrongState(conversation, 'active with you')
  }
  const rendered = render(deps, actor, conversation, input)
  if (!rendered.ok) return rendered
  const { text, language } = rendered
  if (text.trim() === '' || text.length > MAX_REPLY_LENGTH) {
    return refuse('invalid_request', `a reply has 1 to ${MAX_REPLY_LENGTH} characters`)
  }
  const now = deps.clock.now()
  const count = countSegments(text)
  const message = replyMessage(deps, conversation, { text, language, now, count })
  const event = eventFor(
    deps,
    conversation,
    {
      type: 'message_out',
      agentId: actor.id,
      data: {
        messageId: message.id,
        segments: count.segments,
        ...('template' in input ? { template: input.template } : {}),
      },
    },
    now,
  )
  await deps.store.db.transaction().execute(async (trx) => {
    await insertMessages(trx, [message], () => deps.random.id())
    await appendConversationEvents(trx, [event])
  })
  deps.dispatcher.wake()
  deps.events.publish([toBusEvent(event)])
  return {
    ok: true,
    messageId: message.id,
    segments: count.segments,
    encoding: count.encoding,
    text,
  }
}

function render(
  deps: AgentActionDeps,
  actor: Actor,
  conversation: ConversationView,
  input: ReplyInput,
):
  | { ok: true; text: string; language: Language | undefined }
  | Refusal<'template_not_found' | 'template_language_unavailable' | 'missing_personalisation'> {
  if ('text' in input) return { ok: true, text: input.text, language: undefined }
  const template = findStandardResponse(deps.config, input.template)
  if (!template) {
    return refuse(
      'template_not_found',
      `no standard response ${input.template}: agents send approved standard_response, notification or reminder templates`,
    )
  }
  const language: Language =
    input.language !== undefined && isLanguage(input.language)
      ? input.language
      : deps.config.defaultLanguage
  const variant = template[language]
  if (!variant) {
    return refuse(
      'template_language_unavailable',
      `template ${template.key} has no ${language} text`,
    )
  }
  const values: Record<string, string> = { agentName: actor.displayName }
  for (const [name, value] of Object.entries(conversation.attributes)) {
    if (typeof value === 'string' || typeof value === 'number') values[name] = String(value)
  }
  Object.assign(values, input.values)
  const missing = missingPersonalisation([variant.body], values)
  if (missing.length > 0) {
    return refuse('missing_personalisation', `no value for ${missing.join(', ')}`, { missing })
  }
  return { ok: true, text: fillWith(variant.body, values), language }
}

function replyMessage(
  deps: AgentActionDeps,
  conversation: ConversationView,
  reply: {
    text: string
    language: Language | undefined
    now: number
    count: ReturnType<typeof countSegments>
  },
): NewMessage {
  return {
    id: deps.random.id(),
    direction: 'outbound',
    program: conversation.program,
    from: conversation.ourNumber,
    to: conversation.customerNumber,
    body: reply.text,
    personalisation: undefined,
    encoding: reply.count.encoding,
    segments: reply.count.segments,
    templateKey: undefined,
    templateVersion: undefined,
    language: reply.language,
    priority: 'high', // a person is waiting on the other end
    purpose: 'conversation_reply',
    status: 'queued',
    trunk: undefined,
    reference: undefined,
    apiKeyId: undefined,
    broadcastId: undefined,
    test: false,
    conversationId: conversation.id,
    nextAttemptAt: reply.now,
    sendAt: undefined,
    expiresAt: undefined,
    fallbackEmail: undefined,
    errorCode: undefined,
    errorDetail: undefined,
    createdAt: reply.now,
  }
}
