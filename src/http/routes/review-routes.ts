import { Type } from '@sinclair/typebox'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import type { App } from '../../app/compose.ts'
import {
  listReviews,
  MAX_REVIEW_COMMENT,
  reviewConversation,
} from '../../app/review-conversation.ts'
import { requireUser, signedInUser } from '../session-auth.ts'
import { actionDeps, IdParams, unwrap } from './desk-support.ts'
import { ReviewBody } from './desk-schemas.ts'

const ReviewRequest = Type.Object(
  {
    scores: Type.Record(Type.String({ maxLength: 64 }), Type.Integer(), {
      maxProperties: 50,
      description:
        'criterion id (GET /v1/desk/settings → reviewCriteria) → score from 0 to its maxScore; every criterion',
    }),
    comment: Type.Optional(Type.String({ maxLength: MAX_REVIEW_COMMENT })),
  },
  { additionalProperties: false },
)

/** Quality reviews: supervisors score a conversation on the configured scorecard. */
export function reviewRoutes(app: App) {
  const deps = actionDeps(app)
  const signedIn = requireUser(app)
  const supervisor = requireUser(app, ['supervisor', 'admin'])
  return (instance: FastifyInstance) => {
    const server = instance.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['supervisors']
    server.post(
      '/v1/conversations/:id/reviews',
      {
        preHandler: supervisor,
        schema: {
          tags,
          summary: 'Review a conversation on the quality scorecard',
          params: IdParams,
          body: ReviewRequest,
          response: { 201: ReviewBody },
        },
      },
      async (request, reply) => {
        const { review } = unwrap(
          await reviewConversation(deps, signedInUser(request), request.params.id, request.body),
        )
        return reply.status(201).send(review)
      },
    )
    server.get(
      '/v1/conversations/:id/reviews',
      {
        preHandler: signedIn,
        schema: {
          tags,
          summary: "A conversation's reviews (supervisors, and the agent who handled it)",
          params: IdParams,
          response: { 200: Type.Object({ reviews: Type.Array(ReviewBody) }) },
        },
      },
      async (request) => unwrap(await listReviews(deps, signedInUser(request), request.params.id)),
    )
  }
}
