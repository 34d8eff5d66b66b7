import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { Config, ProgramConfig } from '../config/schema.ts'
import type { Language } from '../domain/language.ts'
import type { ScreeningResult } from '../domain/screening/screen.ts'
import type { Store } from '../store/connect.ts'
import {
  closeOpenConversation,
  findOpenConversationsOfThreads,
  flagConversations,
  setConversationAttributes,
  type OpenConversation,
} from '../store/conversation-threads.ts'
import {
  appendConversationEvents,
  openConversations,
  type ConversationEvent,
} from '../store/conversations.ts'
import type { Database } from '../store/database.ts'
import { insertMessages, type NewMessage } from '../store/messages.ts'
import { fetchScreenPop } from './look-up-crm.ts'
import { planAcknowledgements, type AcknowledgementPlan } from './plan-acknowledgement.ts'
import type { Clock, Random } from './ports.ts'
import type { SendSchedule } from './send-schedule.ts'
import { holdKeys, threadKey, threadSerialiser } from './serialise-by-key.ts'

export interface ConversationDeps {
  config: Config
  store: Store
  clock: Clock
  random: Random
  logger: Logger
  /** Tells the dispatcher a text (the acknowledgement) is waiting. */
  wake: () => void
  /** Schedules an acknowledgement behind its sender's waiting texts (the dispatcher's). */
  schedule?: Pick<SendSchedule, 'firstAttempt'>
}

/** An inbound text that is neither a keyword nor a survey answer, not yet stored. */
export interface ThreadedText {
  /** The text as it is stored (masked); filed under its conversation here. */
  message: NewMessage
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

/** One text's plan: the conversation it continues, or the one it opens. */
interface Plan {
  text: ThreadedText
  current: OpenConversation | undefined
  stale: readonly OpenConversation[]
  opening: { id: string; eventIds: [string, string]; ack: AcknowledgementPlan } | undefined
}

/**
 * Threads citizens' texts (one per thread; the inbound worker batches them) into
 * conversations, storing each text with everything it causes in one transaction for the whole
 * batch. The open conversation between the citizen's number and ours continues while its last
 * activity (the last text either way; see findOpenConversations) is at most
 * `threadingWindowHours` old; otherwise a new conversation opens, screened into a queue with a
 * category, priority and required skills. A stale conversation no agent ever accepted is closed
 * as abandoned (reason 'timeout'); one an agent holds is left to them. Every text appends a
 * `message_in` event. Later texts add the attributes they capture (an earlier value is kept); a
 * possible opt-out flags the conversation. A new conversation's queue acknowledges it (see
 * planAcknowledgements), and, with `crm` configured, a CRM lookup starts once it is queued,
 * never delaying routing. `inTransaction` adds the caller's writes to the same transaction.
 *
 * In this process a thread's changes take turns (threadSerialiser). Across servers, a thread
 * has at most one conversation waiting (a unique index): a text that loses that race to
 * another server's continues the conversation the other opened.
 * @example await openOrContinueConversations(deps, [{ message, from: '+12505550123', to: '+12505550101', … }])
 * // [{ conversationId: '…', opened: true, queue: 'SBC_HD_SMS_BCEID', skills: ['bceid'], … }]
 */
export async function openOrContinueConversations(
  deps: ConversationDeps,
  texts: readonly ThreadedText[],
  options: { inTransaction?: (trx: Kysely<Database>) => Promise<void> } = {},
): Promise<ConversationOutcome[]> {
  const keys = texts.map((t) => threadKey(t.from, t.to))
  if (new Set(keys).size !== keys.length) throw new Error('one text per thread in a batch')
  const serialise = threadSerialiser(deps.store)
  const release = await holdKeys(serialise, keys)
  let plans: Plan[]
  try {
    plans = await planTexts(deps, texts)
    await deps.store.db.transaction().execute(async (trx) => {
      await writePlans(deps, trx, plans)
      await options.inTransaction?.(trx)
    })
  } finally {
    release()
  }
  const outcomes = plans.map(outcomeOf)
  const { crm } = deps.config
  for (const [i, outcome] of outcomes.entries()) {
    if (!outcome.opened) continue
    if (crm) {
      const customerNumber = texts[i]?.from ?? ''
      void fetchScreenPop(
        { crm, store: deps.store, logger: deps.logger, serialise },
        { id: outcome.conversationId, customerNumber, threadKey: keys[i] ?? '' },
      )
    }
    const ack = plans[i]?.opening?.ack
    if (ack && !ack.send && ack.reason !== 'no_template') {
      deps.logger.info(
        { conversationId: outcome.conversationId, queue: outcome.queue, reason: ack.reason },
        'new conversation not acknowledged',
      )
    }
  }
  // an acknowledgement behind a backlog is found by the dispatcher's poll when its slot comes
  const now = deps.clock.now()
  const due = plans.some(
    (p) => p.opening?.ack.send && (p.opening.ack.message.nextAttemptAt ?? now) <= now,
  )
  if (due) deps.wake()
  return outcomes
}

/** Reads the threads (one query) and the acknowledgements' inputs (a few), outside the transaction. */
async function planTexts(deps: ConversationDeps, texts: readonly ThreadedText[]): Promise<Plan[]> {
  const now = deps.clock.now()
  const open = await findOpenConversationsOfThreads(
    deps.store.db,
    texts.map((t) => ({ customerNumber: t.from, ourNumber: t.to })),
  )
  const plans = texts.map((text): Plan => {
    const thread = open.filter((c) => c.customerNumber === text.from && c.ourNumber === text.to)
    return { ...split(deps.config, thread, now), text, opening: undefined }
  })
  const opening = plans.filter((p) => p.current === undefined)
  const ids = opening.map(() => ({
    id: deps.random.id(),
    eventIds: [deps.random.id(), deps.random.id()] as [string, string],
  }))
  const acks = await planAcknowledgements(
    deps,
    opening.map(({ text }, i) => ({
      conversationId: ids[i]?.id ?? '',
      queueId: text.screened.queue,
      program: text.program,
      customerNumber: text.from,
      ourNumber: text.to,
      textLanguage: text.language,
      flagged: text.possibleOptOut,
      messageId: deps.random.id(),
      now,
    })),
  )
  opening.forEach((plan, i) => {
    const ack = acks[i]
    const id = ids[i]
    if (ack?.send && deps.schedule) {
      const { from, segments } = ack.message
      ack.message.nextAttemptAt = deps.schedule.firstAttempt(from, segments, now)
    }
    if (ack && id) plan.opening = { ...id, ack }
  })
  return plans
}

/** The conversation a thread's text continues (within the window) and the stale ones to close. */
function split(config: Config, open: readonly OpenConversation[], now: number) {
  const windowMs = config.threadingWindowHours * 3_600_000
  return {
    current: open.find((c) => now - c.lastActivityAt <= windowMs),
    stale: open.filter((c) => now - c.lastActivityAt > windowMs && c.acceptedAt === undefined),
  }
}

async function writePlans(
  deps: ConversationDeps,
  trx: Kysely<Database>,
  plans: Plan[],
): Promise<void> {
  const now = deps.clock.now()
  for (const plan of plans) {
    const closed = await expire(deps, trx, plan.stale, plan.text.to, now)
    plan.stale = plan.stale.filter((c) => closed.includes(c.id))
  }
  const opening = plans.filter((p) => p.opening !== undefined)
  const opened = await openConversations(
    trx,
    opening.map(({ text, opening: o }) => ({
      conversation: {
        id: o?.id ?? '',
        customerNumber: text.from,
        ourNumber: text.to,
        program: text.program?.id,
        queueId: text.screened.queue,
        category: text.screened.category,
        priority: text.screened.priority,
        attributes: text.screened.attributes,
        flagged: text.possibleOptOut,
        openedAt: now,
        skills: text.screened.skills,
        rule: text.screened.rule,
      },
      eventIds: o?.eventIds ?? ['', ''],
    })),
  )
  await continueLosers(
    deps,
    trx,
    opening.filter((p) => !opened.has(p.opening?.id ?? '')),
    now,
  )

  const acks = plans.flatMap((p) => (p.opening?.ack.send ? [p.opening.ack.message] : []))
  await insertMessages(
    trx,
    [...plans.map((p) => ({ ...p.text.message, conversationId: conversationIdOf(p) })), ...acks],
    () => deps.random.id(),
  )
  const events: ConversationEvent[] = plans.map((p) => messageIn(deps, p, now))
  for (const plan of plans) {
    if (plan.opening?.ack.send) {
      const { message } = plan.opening.ack
      events.push({
        id: deps.random.id(),
        conversationId: plan.opening.id,
        type: 'message_out',
        queueId: plan.text.screened.queue,
        number: plan.text.to,
        data: { messageId: message.id, acknowledgement: message.templateKey },
        occurredAt: now,
      })
    }
  }
  await appendConversationEvents(trx, events)

  const continued = plans.flatMap((p) => (p.current ? [{ text: p.text, current: p.current }] : []))
  for (const { text, current } of continued) {
    const captured = Object.entries(text.screened.attributes).filter(
      ([name]) => !Object.hasOwn(current.attributes, name),
    )
    if (captured.length === 0) continue
    await setConversationAttributes(trx, current.id, {
      ...current.attributes,
      ...Object.fromEntries(captured),
    })
  }
  await flagConversations(
    trx,
    continued.filter((c) => c.text.possibleOptOut && !c.current.flagged).map((c) => c.current.id),
  )
}

/**
 * Texts whose new conversation another text opened first (another server, since this process
 * serialises its own): they continue that one instead, and it was acknowledged already.
 */
async function continueLosers(
  deps: ConversationDeps,
  trx: Kysely<Database>,
  losers: Plan[],
  now: number,
): Promise<void> {
  if (losers.length === 0) return
  const open = await findOpenConversationsOfThreads(
    trx,
    losers.map((p) => ({ customerNumber: p.text.from, ourNumber: p.text.to })),
  )
  for (const plan of losers) {
    const thread = open.filter(
      (c) => c.customerNumber === plan.text.from && c.ourNumber === plan.text.to,
    )
    const { current } = split(deps.config, thread, now)
    // the winner's transaction has committed (the insert waited for it) so it is seen here
    if (current === undefined) throw new Error('a conversation opened meanwhile has gone')
    plan.current = current
    plan.opening = undefined
  }
}

const conversationIdOf = (plan: Plan): string => plan.current?.id ?? plan.opening?.id ?? ''

/** The `message_in` event; it names what was masked, never the values (those are attributes). */
function messageIn(deps: ConversationDeps, plan: Plan, now: number): ConversationEvent {
  const { text, current } = plan
  const masked = [...new Set(text.screened.masked.map((m) => m.name))]
  return {
    id: deps.random.id(),
    conversationId: conversationIdOf(plan),
    type: 'message_in',
    queueId: current ? current.queueId : text.screened.queue,
    agentId: current?.agentId,
    number: text.to,
    data: {
      messageId: text.message.id,
      ...(masked.length > 0 ? { masked } : {}),
      ...(text.possibleOptOut ? { possibleOptOut: true } : {}),
    },
    occurredAt: now,
  }
}

function outcomeOf(plan: Plan): ConversationOutcome {
  const { text, current, opening } = plan
  const expired = plan.stale.map((c) => c.id)
  if (current || !opening) {
    return {
      opened: false,
      conversationId: conversationIdOf(plan),
      queue: current?.queueId,
      flagged: (current?.flagged ?? false) || text.possibleOptOut,
      expired,
    }
  }
  return {
    opened: true,
    conversationId: opening.id,
    queue: text.screened.queue,
    priority: text.screened.priority,
    skills: text.screened.skills,
    flagged: text.possibleOptOut,
    acknowledgementId: opening.ack.send ? opening.ack.message.id : undefined,
    expired,
  }
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
