import type { Kysely } from 'kysely'
import type { Database } from './database.ts'
import { runCompiled } from './run-compiled.ts'

export interface SurveySession {
  id: string
  phone: string
  ourNumber: string
  program: string
  messageId: string
  templateKey: string
  sentAt: number
  expiresAt: number
}

/** Opens a reply window for each survey text sent (call in the transaction that queues them). */
export async function insertSurveySessions(
  db: Kysely<Database>,
  sessions: readonly SurveySession[],
): Promise<void> {
  for (let i = 0; i < sessions.length; i += 500) {
    await db
      .insertInto('survey_sessions')
      .values(
        sessions.slice(i, i + 500).map((s) => ({
          id: s.id,
          phone: s.phone,
          our_number: s.ourNumber,
          program: s.program,
          message_id: s.messageId,
          template_key: s.templateKey,
          sent_at: s.sentAt,
          expires_at: s.expiresAt,
          answered_at: null,
          rating: null,
          response: null,
          conversation_id: null,
        })),
      )
      .execute()
  }
}

/** The most recent unanswered survey sent from `ourNumber` to `phone` whose window is still open. */
export async function findOpenSurvey(
  db: Kysely<Database>,
  phone: string,
  ourNumber: string,
  now: number,
): Promise<SurveySession | undefined> {
  const row = await db
    .selectFrom('survey_sessions')
    .selectAll()
    .where('phone', '=', phone)
    .where('our_number', '=', ourNumber)
    .where('expires_at', '>=', now)
    .where('answered_at', 'is', null)
    .orderBy('sent_at', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (!row) return undefined
  return {
    id: row.id,
    phone: row.phone,
    ourNumber: row.our_number,
    program: row.program,
    messageId: row.message_id,
    templateKey: row.template_key,
    sentAt: row.sent_at,
    expiresAt: row.expires_at,
  }
}

/** Records the answer once; false when the survey was already answered. */
export async function recordSurveyAnswer(
  db: Kysely<Database>,
  answer: {
    id: string
    at: number
    rating: number | undefined
    response: string
    conversationId: string | undefined
  },
): Promise<boolean> {
  const result = await db
    .updateTable('survey_sessions')
    .set({
      answered_at: answer.at,
      rating: answer.rating ?? null,
      response: answer.response,
      conversation_id: answer.conversationId ?? null,
    })
    .where('id', '=', answer.id)
    .where('answered_at', 'is', null)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

/** Links an answered survey to the follow-up conversation it opened. */
export async function linkSurveyConversation(
  db: Kysely<Database>,
  id: string,
  conversationId: string,
): Promise<void> {
  await db
    .updateTable('survey_sessions')
    .set({ conversation_id: conversationId })
    .where('id', '=', id)
    .execute()
}

/**
 * The threads (phone + our number) among these that have a survey waiting for its answer, in
 * one query per 500 numbers: the inbound intake asks for a whole batch of texts at once.
 * Returns `phone + '\u0000' + ourNumber` keys.
 * @example await threadsWithOpenSurveys(db, [{ phone: '+1250…', ourNumber: '+1250…' }], now)
 */
export async function threadsWithOpenSurveys(
  db: Kysely<Database>,
  threads: readonly { phone: string; ourNumber: string }[],
  now: number,
): Promise<Set<string>> {
  const found = new Set<string>()
  const phones = [...new Set(threads.map((t) => t.phone))]
  for (let i = 0; i < phones.length; i += 500) {
    const values = { phones: phones.slice(i, i + 500), now }
    const { rows } = await runCompiled(db, 'open-surveys', values, (v) =>
      db
        .selectFrom('survey_sessions')
        .select(['phone', 'our_number'])
        .where('phone', 'in', v.phones)
        .where('expires_at', '>=', v.now)
        .where('answered_at', 'is', null),
    )
    for (const row of rows) found.add(`${row.phone}\u0000${row.our_number}`)
  }
  return found
}
