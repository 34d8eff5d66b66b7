import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { Config, ProgramConfig } from '../config/schema.ts'
import type { Language } from '../domain/language.ts'
import type { ScreeningResult } from '../domain/screening/screen.ts'
import type { Store } from '../store/connect.ts'
import {
  closeOpenConversation,
  findOpenConversations,
  flagConversation,
  linkMessageToConversation,
  setConversationAttributes,
  type OpenConversation,
} from '../store/conversation-threads.ts'
import { appendConversationEvents, openConversation } from '../store/conversations.ts'
import type { Database } from '../store/database.ts'
import { insertMessages } from '../store/messages.ts'
import { fetchScreenPop } from './look-up-crm.ts'
import { planAcknowledgement } from './plan-acknowledgement.ts'
import type { Clock, Random } from './ports.ts'
import { threadKey, threadSerialiser } from './serialise-by-key.ts'

export interface ConversationDeps {
  config: Config
  store: Store
  clock: Clock
  random: Random
  logger: Logger
  /** Tells the dispatcher a text (the acknowledgement) is waiting. */
  wake: () => void
}

/** A stored inbound text that is neither a keyword nor a survey answer. */
export interface ThreadedText {
  messageId: string
  from: string
  to: string
  program: ProgramConfig | undefined
  /** Screening of the text (with the program's captures): queue, skills, masked text. */
  screened: ScreeningResult
  /** An opt-out word inside a longer text: the conversation is flagged for the agent. */
  possibleOptOut: boolean
  /** The language of the text, as keyword classification guessed it. */
  language: Language
}

/** What became of the text; the routing runtime enqueues an opened conversation. */
export type ConversationOutcome =
  | {
      opened: true
      conversationId: string
      queue: string
      priority: number
      /** Required skills, most important first. */
      skills: readonly string[]
      flagged: boolean
      acknowledgementId: string | undefined
      /** This thread's conversations closed as abandoned: the threading window had passed. */
      expired: string[]
    }
  | {
      opened: false
      conversationId: string
      queue: string | undefined
      flagged: boolean
      expired: string[]
    }

/**
 * Threads a citizen's text into a conversation. The open conversation between the citizen's
 * number and ours continues while its last activity (the last text either way; see
 * findOpenConversations) is at most `threadingWindowHours` old; otherwise a new conversation
 * opens, screened into a queue with a category, priority and required skills. A stale
 * conversation no agent ever accepted is closed as abandoned (reason 'timeout'); one an agent
 * holds is left to them. Every text appends a `message_in` event (the text itself is the
 * messages row, stored masked). Later texts add the attributes they capture (an earlier value
 * is kept); a possible opt-out flags the conversation. A new conversation's queue
 * acknowledges it (see planAcknowledgement), and, with `crm` configured, a CRM lookup starts
 * once it is queued, never delaying routing.
 *
 * Texts of one thread are handled one at a time in this process, so a burst cannot open two
 * conversations. Several servers sharing a PostgreSQL database could still each open one for
 * simultaneous texts; a partial unique index on open threads would close that gap.
 * @example await openOrContinueConversation(deps, { messageId, from: '+12505550123', to: '+12505550101', … })
 * // { conversationId: '…', opened: true, queue: 'SBC_HD_SMS_BCEID', skills: ['bceid'], … }
 */
export async function openOrContinueConversation(
  deps: ConversationDeps,
  text: ThreadedText,
): Promise<ConversationOutcome> {
  const key = threadKey(text.from, text.to)
  const serialise = threadSerialiser(deps.store)
  const outcome = await serialise(key, async () => {
    const now = deps.clock.now()
    const windowMs = deps.config.threadingWindowHours * 3_600_000
    const open = await findOpenConversations(deps.store.db, text.from, text.to)
    const current = open.find((c) => now - c.lastActivityAt <= windowMs)
    const stale = open.filter(
      (c) => now - c.lastActivityAt > windowMs && c.acceptedAt === undefined,
    )
    return current
      ? continueConversation(deps, text, current, stale, now)
      : openNewConversation(deps, text, stale, now)
  })
  const { crm } = deps.config
  if (outcome.opened && crm) {
    void fetchScreenPop(
      { crm, store: deps.store, logger: deps.logger, serialise },
      { id: outcome.conversationId, customerNumber: text.from, threadKey: key },
    )
  }
  if (outcome.opened && outcome.acknowledgementId) deps.wake()
  return outcome
}

async function continueConversation(
  deps: ConversationDeps,
  text: ThreadedText,
  conversation: OpenConversation,
  stale: readonly OpenConversation[],
  now: number,
): Promise<ConversationOutcome> {
  const captured = Object.entries(text.screened.attributes).filter(
    ([name]) => !Object.hasOwn(conversation.attributes, name),
  )
  const expired = await deps.store.db.transaction().execute(async (trx) => {
    const closed = await expire(deps, trx, stale, text.to, now)
    await recordTextIn(deps, trx, text, conversation, now)
    if (captured.length > 0) {
      await setConversationAttributes(trx, conversation.id, {
        ...conversation.attributes,
        ...Object.fromEntries(captured),
      })
    }
    if (text.possibleOptOut && !conversation.flagged) await flagConversation(trx, conversation.id)
    return closed
  })
  return {
    opened: false,
    conversationId: conversation.id,
    queue: conversation.queueId,
    flagged: conversation.flagged || text.possibleOptOut,
    expired,
  }
}

async function openNewConversation(
  deps: ConversationDeps,
  text: ThreadedText,
  stale: readonly OpenConversation[],
  now: number,
): Promise<ConversationOutcome> {
  const { screened } = text
  const id = deps.random.id()
  const acknowledgement = await planAcknowledgement(deps, {
    conversationId: id,
    queueId: screened.queue,
    program: text.program,
    customerNumber: text.from,
    ourNumber: text.to,
    textLanguage: text.language,
    flagged: text.possibleOptOut,
    messageId: deps.random.id(),
    now,
  })
  const expired = await deps.store.db.transaction().execute(async (trx) => {
    const closed = await expire(deps, trx, stale, text.to, now)
    await openConversation(
      trx,
      {
        id,
        customerNumber: text.from,
        ourNumber: text.to,
        program: text.program?.id,
        queueId: screened.queue,
        category: screened.category,
        priority: screened.priority,
        attributes: screened.attributes,
        flagged: text.possibleOptOut,
        openedAt: now,
        skills: screened.skills,
        rule: screened.rule,
      },
      [deps.random.id(), deps.random.id()],
    )
    await recordTextIn(deps, trx, text, { id, queueId: screened.queue, agentId: undefined }, now)
    if (acknowledgement.send) {
      const { message } = acknowledgement
      await insertMessages(trx, [message], () => deps.random.id())
      await appendConversationEvents(trx, [
        {
          id: deps.random.id(),
          conversationId: id,
          type: 'message_out',
          queueId: screened.queue,
          number: text.to,
          data: { messageId: message.id, acknowledgement: message.templateKey },
          occurredAt: now,
        },
      ])
    }
    return closed
  })
  if (!acknowledgement.send && acknowledgement.reason !== 'no_template') {
    deps.logger.info(
      { conversationId: id, queue: screened.queue, reason: acknowledgement.reason },
      'new conversation not acknowledged',
    )
  }
  return {
    opened: true,
    conversationId: id,
    queue: screened.queue,
    priority: screened.priority,
    skills: screened.skills,
    flagged: text.possibleOptOut,
    acknowledgementId: acknowledgement.send ? acknowledgement.message.id : undefined,
    expired,
  }
}

/** The `message_in` event and the message's link to its conversation. */
async function recordTextIn(
  deps: ConversationDeps,
  trx: Kysely<Database>,
  text: ThreadedText,
  conversation: Pick<OpenConversation, 'id' | 'queueId' | 'agentId'>,
  now: number,
): Promise<void> {
  await linkMessageToConversation(trx, text.messageId, conversation.id)
  // names of what was masked, never the values: those live only in the attributes
  const masked = [...new Set(text.screened.masked.map((m) => m.name))]
  await appendConversationEvents(trx, [
    {
      id: deps.random.id(),
      conversationId: conversation.id,
      type: 'message_in',
      queueId: conversation.queueId,
      agentId: conversation.agentId,
      number: text.to,
      data: {
        messageId: text.messageId,
        ...(masked.length > 0 ? { masked } : {}),
        ...(text.possibleOptOut ? { possibleOptOut: true } : {}),
      },
      occurredAt: now,
    },
  ])
}

async function expire(
  deps: ConversationDeps,
  trx: Kysely<Database>,
  stale: readonly OpenConversation[],
  ourNumber: string,
  now: number,
): Promise<string[]> {
  const closed: string[] = []
  for (const conversation of stale) {
    const event = await closeOpenConversation(trx, {
      conversation,
      reason: 'timeout',
      number: ourNumber,
      at: now,
      eventId: deps.random.id(),
    })
    if (event) closed.push(conversation.id)
  }
  return closed
}
