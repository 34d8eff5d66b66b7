import { checkReviewScores } from '../domain/reviews/check-review-scores.ts'
import {
  insertQualityReview,
  listQualityReviews,
  type QualityReview,
} from '../store/quality-reviews.ts'
import {
  findVisibleConversation,
  isSupervisor,
  type Actor,
  type AgentActionDeps,
  type NotFound,
} from './conversation-access.ts'
import { refuse, type Refusal } from './refusal.ts'

type Deps = Pick<AgentActionDeps, 'config' | 'store' | 'clock' | 'random'>

/** A review with its total, out of the scorecard's maximum for the criteria it scores. */
export type ReviewView = QualityReview & { total: number; maxTotal: number }

export type ReviewRefusal =
  NotFound | Refusal<'forbidden' | 'unknown_criterion' | 'score_out_of_range' | 'missing_score'>

export const MAX_REVIEW_COMMENT = 2000

/**
 * A supervisor or admin scores a conversation against the configured scorecard
 * (`qualityReview.criteria`): every criterion, each from 0 to its maxScore, with an optional
 * comment. A conversation may be reviewed more than once; each review is kept.
 * @example await reviewConversation(deps, supervisor, 'c1', { scores: { greeting: 5, accuracy: 4, tone: 5 }, comment: 'Clear answer' })
 * // { ok: true, review: { id, scores, total: 14, maxTotal: 15, … } }
 */
export async function reviewConversation(
  deps: Deps,
  actor: Actor & { username: string },
  conversationId: string,
  input: { scores: Readonly<Record<string, number>>; comment?: string | undefined },
): Promise<{ ok: true; review: ReviewView } | ReviewRefusal> {
  if (!isSupervisor(actor)) {
    return refuse('forbidden', 'reviewing a conversation needs the role supervisor or admin')
  }
  const found = await findVisibleConversation(deps, actor, conversationId)
  if (!found.ok) return found
  const { criteria } = deps.config.qualityReview
  const problem = checkReviewScores(criteria, input.scores)
  if (problem) {
    const { code, ...details } = problem
    const message =
      code === 'unknown_criterion'
        ? `no such criterion: ${problem.criteria.join(', ')}; the scorecard has ${criteria.map((c) => c.id).join(', ')}`
        : code === 'score_out_of_range'
          ? `${problem.criterion} is scored as a whole number from 0 to ${problem.maxScore}`
          : `every criterion is scored; missing ${problem.criteria.join(', ')}`
    return refuse(code, message, details)
  }
  const comment = input.comment?.trim() || undefined
  const review = {
    id: deps.random.id(),
    conversationId,
    reviewerId: actor.id,
    scores: { ...input.scores },
    comment,
    createdAt: deps.clock.now(),
  }
  await insertQualityReview(deps.store.db, review)
  const stored: QualityReview = {
    id: review.id,
    conversationId,
    reviewer: { id: actor.id, username: actor.username, displayName: actor.displayName },
    scores: review.scores,
    comment,
    createdAt: review.createdAt,
  }
  return { ok: true, review: withTotals(deps, stored) }
}

/**
 * The reviews of a conversation, oldest first: for supervisors and admins, and for the agent
 * who handled it (their own feedback); another agent of the queue is refused.
 * @example await listReviews(deps, me, 'c1') // { ok: true, reviews: [{ total: 14, maxTotal: 15, … }] }
 */
export async function listReviews(
  deps: Deps,
  actor: Actor,
  conversationId: string,
): Promise<{ ok: true; reviews: ReviewView[] } | NotFound | Refusal<'forbidden'>> {
  const found = await findVisibleConversation(deps, actor, conversationId)
  if (!found.ok) return found
  if (!isSupervisor(actor) && found.conversation.agentId !== actor.id) {
    return refuse('forbidden', 'only supervisors and the agent who handled it read its reviews')
  }
  const reviews = await listQualityReviews(deps.store.db, conversationId)
  return { ok: true, reviews: reviews.map((r) => withTotals(deps, r)) }
}

function withTotals(deps: Pick<Deps, 'config'>, review: QualityReview): ReviewView {
  const max = new Map(deps.config.qualityReview.criteria.map((c) => [c.id, c.maxScore]))
  const scored = Object.entries(review.scores)
  return {
    ...review,
    total: scored.reduce((sum, [, score]) => sum + score, 0),
    // a criterion since dropped from the scorecard still counts with its score as its maximum
    maxTotal: scored.reduce((sum, [id, score]) => sum + (max.get(id) ?? score), 0),
  }
}
