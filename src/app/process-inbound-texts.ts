import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { Config } from '../config/schema.ts'
import type { KeywordIntent } from '../domain/keywords/keyword-set.ts'
import type { Store } from '../store/connect.ts'
import type { Database } from '../store/database.ts'
import {
  carrierRefKey,
  finishInboundTexts,
  knownCarrierIds,
  rememberCarrierIds,
  type StagedText,
} from '../store/inbound-texts.ts'
import { insertMessages } from '../store/messages.ts'
import { threadsWithOpenSurveys } from '../store/surveys.ts'
import { answerKeyword, type KeywordAnswer } from './answer-keyword.ts'
import {
  openOrContinueConversations,
  type ConversationOutcome,
} from './open-or-continue-conversation.ts'
import type { Clock, Random } from './ports.ts'
import { readInboundText, type ReadText } from './read-inbound-text.ts'
import { recordSurveyReply } from './record-survey-reply.ts'
import type { SendSchedule } from './send-schedule.ts'

export type InboundOutcome =
  | { kind: 'duplicate' }
  | ({ kind: 'keyword' } & KeywordAnswer)
  | { kind: 'survey_reply'; conversationId: string | undefined }
  | ({ kind: 'conversation'; intent: KeywordIntent; messageId: string } & ConversationOutcome)

/** What became of one text of a batch: an outcome, a failure, or not tried (see below). */
export type TextResult =
  | InboundOutcome
  | { kind: 'failed'; error: unknown }
  /** An earlier text of its thread failed in this batch, so it was left for later. */
  | { kind: 'skipped' }

export interface InboundDeps {
  config: Config
  store: Store
  clock: Clock
  random: Random
  logger: Logger
  /** Tells the dispatcher a text (an acknowledgement, a keyword's reply) is waiting. */
  wake: () => void
  /** Tells the routing runtime that conversations were queued or closed. */
  wakeRouting?: () => void
  /** Schedules acknowledgements behind their sender's waiting texts (the dispatcher's). */
  schedule?: Pick<SendSchedule, 'firstAttempt'>
}

/**
 * Texts taken from `inbound_texts` (their rows are deleted once processed), under a lease token
 * when several readers may take them (see claimInboundTexts).
 */
export interface Lease {
  token: string | undefined
}

/** The texts' lease was lost (it ran out and another server took them): nothing was written. */
export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError'
  readonly code = 'lease_lost'
}

type Keyword = ReadText & { intent: { intent: 'opt_out' | 'opt_in' | 'help' } }

const isKeyword = (text: ReadText): text is Keyword =>
  text.intent.intent === 'opt_out' ||
  text.intent.intent === 'opt_in' ||
  text.intent.intent === 'help'

const threadOf = (t: StagedText) => `${t.from}\u0000${t.to}`

/**
 * Stage 2 of the inbound intake (decision 0009): processes stored texts, oldest first. A
 * carrier's repeat of a text processed before is dropped. Then, as before the intake existed:
 * keywords first (answerKeyword), then a reply inside a survey window answers the survey
 * (recordSurveyReply), and anything else joins or opens a conversation. The texts of a batch
 * go in waves, each thread's n-th text in the n-th wave, so a customer's texts keep their
 * order; a wave's conversation texts are stored together, in one transaction with their
 * conversations, events and acknowledgements (openOrContinueConversations); keywords and
 * survey answers, rare, go one at a time. Every text is stored masked, with its carrier id,
 * and its staged row (with a `lease`) deleted in the same transaction: a text is processed once,
 * or, after a crash, again from the start. A failure fails that text (a wave: all its texts)
 * and leaves the thread's later texts for later, never out of order.
 * @example const results = await processInboundTexts(deps, claimed, { token })
 */
export async function processInboundTexts(
  deps: InboundDeps,
  texts: readonly StagedText[],
  lease: Lease | undefined,
): Promise<Map<string, TextResult>> {
  const { store } = deps
  const results = new Map<string, TextResult>()
  const known = await knownCarrierIds(store.db, texts)
  const repeats = texts.filter((t) => known.has(carrierRefKey(t))).map((t) => t.id)
  if (repeats.length > 0 && lease) await finishInboundTexts(store.db, repeats, lease.token)
  for (const id of repeats) results.set(id, { kind: 'duplicate' })

  const read = texts
    .filter((t) => !known.has(carrierRefKey(t)))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((t) => readInboundText(deps.config, t))
  const surveyed = await threadsWithOpenSurveys(
    store.db,
    read
      .filter((r) => !isKeyword(r))
      .map((r) => ({ phone: r.staged.from, ourNumber: r.staged.to })),
    deps.clock.now(),
  )
  const failed = new Set<string>()
  const fail = (text: ReadText, error: unknown) => {
    results.set(text.staged.id, { kind: 'failed', error })
    failed.add(threadOf(text.staged))
  }
  for (const wave of wavesOf(read)) {
    const live = wave.filter((r) => !failed.has(threadOf(r.staged)))
    for (const r of wave) if (!live.includes(r)) results.set(r.staged.id, { kind: 'skipped' })
    const plain = live.filter((r) => !isKeyword(r) && !surveyed.has(threadOf(r.staged)))
    try {
      for (const [id, outcome] of await converse(deps, plain, lease)) results.set(id, outcome)
    } catch (error) {
      for (const r of plain) fail(r, error)
    }
    for (const r of live.filter((t) => !plain.includes(t))) {
      try {
        results.set(r.staged.id, await answerRare(deps, r, lease))
      } catch (error) {
        fail(r, error)
      }
    }
  }
  return results
}

/** Each thread's n-th text in the n-th wave (texts in arrival order). */
function wavesOf(read: readonly ReadText[]): ReadText[][] {
  const waves: ReadText[][] = []
  const seen = new Map<string, number>()
  for (const r of read) {
    const n = seen.get(threadOf(r.staged)) ?? 0
    seen.set(threadOf(r.staged), n + 1)
    ;(waves[n] ??= []).push(r)
  }
  return waves
}

/** Conversation texts of distinct threads, stored and threaded in one transaction. */
async function converse(
  deps: InboundDeps,
  texts: readonly ReadText[],
  lease: Lease | undefined,
): Promise<Map<string, InboundOutcome>> {
  if (texts.length === 0) return new Map()
  const outcomes = await openOrContinueConversations(
    deps,
    texts.map((r) => ({
      message: r.message,
      from: r.staged.from,
      to: r.staged.to,
      program: r.program,
      screened: r.screened,
      possibleOptOut: r.intent.intent === 'possible_opt_out',
      language: r.intent.language,
    })),
    { inTransaction: (trx) => settle(trx, texts, lease) },
  )
  if (outcomes.some((o) => o.opened || o.expired.length > 0)) deps.wakeRouting?.()
  return new Map(
    texts.map((r, i) => [
      r.staged.id,
      {
        kind: 'conversation',
        intent: r.intent.intent,
        messageId: r.message.id,
        ...(outcomes[i] as ConversationOutcome),
      },
    ]),
  )
}

/** A keyword, or a text in a survey's window: on its own, the text stored once it is answered. */
async function answerRare(
  deps: InboundDeps,
  text: ReadText,
  lease: Lease | undefined,
): Promise<InboundOutcome> {
  if (isKeyword(text)) {
    const answer = await answerKeyword(deps, text)
    await storeAlone(deps, text, lease)
    if (answer.closed.length > 0) deps.wakeRouting?.()
    return { kind: 'keyword', ...answer }
  }
  const survey = await recordSurveyReply(deps, {
    from: text.staged.from,
    to: text.staged.to,
    body: text.screened.maskedText,
  })
  if (!survey.matched) {
    // answered meanwhile (an earlier text of this batch): an ordinary text after all
    const [outcome] = (await converse(deps, [text], lease)).values()
    if (outcome === undefined) throw new Error('no outcome for a conversation text')
    return outcome
  }
  await storeAlone(deps, text, lease)
  if (survey.conversationId !== undefined) deps.wakeRouting?.()
  return { kind: 'survey_reply', conversationId: survey.conversationId }
}

async function storeAlone(
  deps: InboundDeps,
  text: ReadText,
  lease: Lease | undefined,
): Promise<void> {
  await deps.store.db.transaction().execute(async (trx) => {
    await insertMessages(trx, [text.message], () => deps.random.id())
    await settle(trx, [text], lease)
  })
}

/** Inside the transaction that stores the texts: their carrier ids, and their staged rows gone. */
async function settle(
  trx: Kysely<Database>,
  texts: readonly ReadText[],
  lease: Lease | undefined,
): Promise<void> {
  await rememberCarrierIds(
    trx,
    texts.map(({ staged }) => ({
      trunk: staged.trunk,
      carrierId: staged.carrierId,
      messageId: staged.id,
    })),
  )
  if (lease === undefined) return
  const ids = texts.map((t) => t.staged.id)
  if ((await finishInboundTexts(trx, ids, lease.token)) !== ids.length) {
    throw new LeaseLostError(`${ids.length} texts' lease ran out; another server has them`)
  }
}

/**
 * The last resort for a text that keeps failing (`inbound.maxAttempts`): stored masked,
 * without a conversation, its error code `not_processed`, so that it is neither lost nor kept
 * unmasked, and its thread's later texts go on.
 * @example await storeWithoutConversation(deps, staged, { token })
 */
export async function storeWithoutConversation(
  deps: InboundDeps,
  text: StagedText,
  lease: Lease,
): Promise<void> {
  const read = readInboundText(deps.config, text)
  const message = { ...read.message, errorCode: 'not_processed' }
  await storeAlone(deps, { ...read, message }, lease)
}
