import type { Logger } from 'pino'
import { keywordSetFor, screenerFor } from '../config/compiled-rules.ts'
import type { Config, ProgramConfig } from '../config/schema.ts'
import { classifyKeyword } from '../domain/keywords/classify-keyword.ts'
import { DEFAULT_KEYWORDS } from '../domain/keywords/default-keywords.ts'
import type { KeywordIntent, KeywordSet } from '../domain/keywords/keyword-set.ts'
import type { Language } from '../domain/language.ts'
import { screen } from '../domain/screening/screen.ts'
import { countSegments } from '../domain/segments/count-segments.ts'
import { fillWith } from '../domain/templates/render-template.ts'
import type { InboundSms } from '../gateways/gateway.ts'
import type { Store } from '../store/connect.ts'
import { insertMessages } from '../store/messages.ts'
import { recordCarrierRefs } from '../store/outbox.ts'
import { closeThreadOnOptOut, type ClosedConversation } from './close-thread.ts'
import {
  openOrContinueConversation,
  type ConversationOutcome,
} from './open-or-continue-conversation.ts'
import { newMessage } from './new-message.ts'
import type { Clock, Random } from './ports.ts'
import { recordConsent } from './record-consent.ts'
import { recordSurveyReply } from './record-survey-reply.ts'

export type InboundOutcome =
  | { kind: 'duplicate' }
  | {
      kind: 'keyword'
      intent: 'opt_out' | 'opt_in' | 'help'
      language: Language
      replyId: string
      /** Conversations an opt-out closed (the routing runtime drops them from its queues). */
      closed: ClosedConversation[]
    }
  | { kind: 'survey_reply'; conversationId: string | undefined }
  | ({ kind: 'conversation'; intent: KeywordIntent; messageId: string } & ConversationOutcome)

export interface InboundDeps {
  config: Config
  store: Store
  clock: Clock
  random: Random
  logger: Logger
  wake: () => void
}

/**
 * A citizen's text, as any trunk delivers it: stored once (a carrier's
 * repeat is acknowledged and ignored), then keywords first — STOP/ARRET opt
 * out at once and are confirmed in the keyword's language even when the
 * number was never subscribed, START/ABONNER opt in, HELP/AIDE/INFO answer —
 * then a reply inside a survey window answers the survey, and anything else
 * joins or opens a conversation (openOrContinueConversation). An opt-out also
 * closes the conversation with that number. The text is stored masked as
 * screening masks it for agents (captured values, card numbers, SINs…): what
 * was masked lives on only as the conversation's captured attributes.
 */
export async function receiveInbound(
  deps: InboundDeps,
  trunk: string,
  sms: InboundSms,
): Promise<InboundOutcome> {
  const { config, store } = deps
  const now = deps.clock.now()
  const duplicate = await store.db
    .selectFrom('carrier_refs')
    .select('message_id')
    .where('trunk', '=', trunk)
    .where('carrier_id', '=', sms.carrierId)
    .executeTakeFirst()
  if (duplicate) return { kind: 'duplicate' }

  const program = config.programs.find((p) => p.sender === sms.to)
  const screened = screen(screenerFor(config, program?.id), {
    text: sms.body,
    from: sms.from,
    to: sms.to,
  })
  const id = deps.random.id()
  const count = countSegments(sms.body)
  const stored = newMessage({
    id,
    createdAt: now,
    direction: 'inbound',
    program: program?.id,
    from: sms.from,
    to: sms.to,
    body: screened.maskedText, // the PII at rest is what agents see: masked
    encoding: count.encoding,
    segments: count.segments,
    status: 'delivered', // final on arrival
    nextAttemptAt: undefined,
    trunk,
  })
  await store.db.transaction().execute(async (trx) => {
    await insertMessages(trx, [stored], () => deps.random.id())
    // the carrier ref makes a carrier's repeat of this text detectable
    await recordCarrierRefs(trx, { trunk, messageId: id, carrierIds: [sms.carrierId] })
  })

  const keywords = keywordsFor(config, program, sms.to)
  const intent = classifyKeyword(sms.body, keywords)
  if (intent.intent === 'opt_out' || intent.intent === 'opt_in' || intent.intent === 'help') {
    const programs = program ? [program] : config.programs.filter((p) => p.sender === sms.to)
    if (intent.intent !== 'help') {
      for (const p of programs) {
        await recordConsent(deps, {
          phone: sms.from,
          program: p.id,
          status: intent.intent === 'opt_out' ? 'opted_out' : 'opted_in',
          source: 'keyword',
          evidence: `inbound text ${id}: ${JSON.stringify(sms.body.slice(0, 160))}`,
          actor: `phone:${sms.from}`,
        })
      }
    }
    const group =
      intent.intent === 'opt_out'
        ? keywords.optOut
        : intent.intent === 'opt_in'
          ? keywords.optIn
          : keywords.help
    const text = fillWith(group.reply[intent.language], {
      programName: program?.name ?? config.programs[0]?.name ?? 'Parley',
      supportNumber: program?.supportNumber ?? '',
    })
    const purpose =
      intent.intent === 'opt_out'
        ? 'opt_out_confirmation'
        : intent.intent === 'opt_in'
          ? 'opt_in_confirmation'
          : 'help_reply'
    const replyId = await queueReply(deps, {
      from: sms.to,
      to: sms.from,
      body: text,
      program: program?.id,
      purpose,
      language: intent.language,
    })
    const closed =
      intent.intent === 'opt_out'
        ? await closeThreadOnOptOut(deps, { customerNumber: sms.from, ourNumber: sms.to })
        : []
    return { kind: 'keyword', intent: intent.intent, language: intent.language, replyId, closed }
  }

  const survey = await recordSurveyReply(deps, {
    from: sms.from,
    to: sms.to,
    body: screened.maskedText,
  })
  if (survey.matched) return { kind: 'survey_reply', conversationId: survey.conversationId }
  const conversation = await openOrContinueConversation(deps, {
    messageId: id,
    from: sms.from,
    to: sms.to,
    program,
    screened,
    possibleOptOut: intent.intent === 'possible_opt_out',
    language: intent.language,
  })
  return { kind: 'conversation', intent: intent.intent, messageId: id, ...conversation }
}

/** Queues a text that is not from a template (a keyword reply, an agent's answer) at high priority. */
export async function queueReply(
  deps: InboundDeps,
  reply: {
    from: string
    to: string
    body: string
    program: string | undefined
    purpose: string
    language?: Language
  },
): Promise<string> {
  const message = newMessage({
    id: deps.random.id(),
    createdAt: deps.clock.now(),
    program: reply.program,
    from: reply.from,
    to: reply.to,
    body: reply.body,
    language: reply.language,
    priority: 'high',
    purpose: reply.purpose,
  })
  await insertMessages(deps.store.db, [message], () => deps.random.id())
  deps.wake()
  return message.id
}

function keywordsFor(config: Config, program: ProgramConfig | undefined, to: string): KeywordSet {
  try {
    return keywordSetFor(config, { program: program?.id, sender: to })
  } catch {
    return DEFAULT_KEYWORDS // a number we do not own: the defaults still honour STOP
  }
}
