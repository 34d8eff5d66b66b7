import type { Config } from '../config/schema.ts'
import { parseSurveyReply, type SurveyReply } from '../domain/surveys/parse-survey-reply.ts'
import type { Store } from '../store/connect.ts'
import { findOpenConversations } from '../store/conversation-threads.ts'
import { openConversation } from '../store/conversations.ts'
import { findOpenSurvey, linkSurveyConversation, recordSurveyAnswer } from '../store/surveys.ts'
import type { Clock, Random } from './ports.ts'

export type SurveyReplyOutcome =
  | { matched: false }
  | { matched: true; surveyId: string; reply: SurveyReply; conversationId: string | undefined }

/**
 * Matches an inbound text to the survey last sent to that number from that
 * sender, if its reply window is open, and records it as a rating or free
 * text. Free text and low ratings open a conversation in the survey queue,
 * so a person follows up.
 * @example await recordSurveyReply(deps, { from: '+12505550123', to: '+12505550100', body: '2' })
 */
export async function recordSurveyReply(
  deps: { config: Config; store: Store; clock: Clock; random: Random },
  inbound: { from: string; to: string; body: string },
): Promise<SurveyReplyOutcome> {
  const now = deps.clock.now()
  const survey = await findOpenSurvey(deps.store.db, inbound.from, inbound.to, now)
  if (!survey) return { matched: false }
  const reply = parseSurveyReply(inbound.body)
  const { followUpAtOrBelow, queue } = deps.config.surveys
  const followUp = reply.kind === 'text' || reply.rating <= followUpAtOrBelow
  let conversationId = followUp ? deps.random.id() : undefined
  const recorded = await deps.store.db.transaction().execute(async (trx) => {
    const first = await recordSurveyAnswer(trx, {
      id: survey.id,
      at: now,
      rating: reply.kind === 'rating' ? reply.rating : undefined,
      response: inbound.body,
      conversationId: undefined,
    })
    if (first && conversationId) {
      const opened = await openConversation(
        trx,
        {
          id: conversationId,
          customerNumber: inbound.from,
          ourNumber: inbound.to,
          program: survey.program,
          queueId: queue,
          category: 'survey',
          priority: reply.kind === 'rating' ? 6 : 5, // an unhappy rating is looked at first
          attributes: {
            survey: survey.templateKey,
            ...(reply.kind === 'rating' ? { rating: reply.rating } : {}),
          },
          flagged: false,
          openedAt: now,
        },
        [deps.random.id(), deps.random.id()],
      )
      // the thread already has a conversation waiting for an agent: the follow-up is that one
      if (!opened) {
        const open = await findOpenConversations(trx, inbound.from, inbound.to)
        conversationId = open.find((c) => c.acceptedAt === undefined)?.id
      }
      if (conversationId) await linkSurveyConversation(trx, survey.id, conversationId)
    }
    return first
  })
  if (!recorded) return { matched: false }
  return { matched: true, surveyId: survey.id, reply, conversationId }
}
