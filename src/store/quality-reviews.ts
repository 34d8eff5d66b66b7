import type { Kysely } from 'kysely'
import type { Database } from './database.ts'

export interface QualityReview {
  id: string
  conversationId: string
  reviewer: { id: string; username: string; displayName: string }
  /** Criterion id → score. */
  scores: Record<string, number>
  comment: string | undefined
  createdAt: number
}

/**
 * Stores one quality review of a conversation.
 * @example await insertQualityReview(db, { id, conversationId: 'c1', reviewerId: 'u1', scores: { tone: 4 }, comment: undefined, createdAt: now })
 */
export async function insertQualityReview(
  db: Kysely<Database>,
  review: {
    id: string
    conversationId: string
    reviewerId: string
    scores: Record<string, number>
    comment: string | undefined
    createdAt: number
  },
): Promise<void> {
  await db
    .insertInto('quality_reviews')
    .values({
      id: review.id,
      conversation_id: review.conversationId,
      reviewer_id: review.reviewerId,
      scores: JSON.stringify(review.scores),
      comment: review.comment ?? null,
      created_at: review.createdAt,
    })
    .execute()
}

/** The reviews of a conversation, oldest first, with who wrote them. */
export async function listQualityReviews(
  db: Kysely<Database>,
  conversationId: string,
): Promise<QualityReview[]> {
  const rows = await db
    .selectFrom('quality_reviews as r')
    .innerJoin('users as u', 'u.id', 'r.reviewer_id')
    .select([
      'r.id',
      'r.conversation_id',
      'r.reviewer_id',
      'u.username',
      'u.display_name',
      'r.scores',
      'r.comment',
      'r.created_at',
    ])
    .where('r.conversation_id', '=', conversationId)
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    conversationId: r.conversation_id,
    reviewer: { id: r.reviewer_id, username: r.username, displayName: r.display_name },
    scores: JSON.parse(r.scores) as Record<string, number>,
    comment: r.comment ?? undefined,
    createdAt: r.created_at,
  }))
}
