import { Type, type Static } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { App } from '../../app/compose.ts'
import { checkVerification, startVerification } from '../../app/verify-code.ts'
import { apiKeyOf, requireApiKey } from '../api-key-auth.ts'
import { refusalToHttp } from '../refusal-to-http.ts'

const StartBody = Type.Object(
  {
    to: Type.String({ minLength: 1, maxLength: 32 }),
    program: Type.String({ minLength: 1, maxLength: 64 }),
    template: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    language: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('fr')])),
  },
  { additionalProperties: false },
)
const CheckBody = Type.Object(
  {
    to: Type.String({ minLength: 1, maxLength: 32 }),
    program: Type.String({ minLength: 1, maxLength: 64 }),
    code: Type.String({ pattern: '^\\s*\\d{4,10}\\s*$' }),
  },
  { additionalProperties: false },
)

/** POST /v1/verifications (send a one-time code) and POST /v1/verifications/check. */
export function verificationRoutes(app: App) {
  const deps = {
    config: app.config,
    store: app.store,
    clock: app.clock,
    random: app.random,
    secretBodies: app.secretBodies,
  }
  return (server: FastifyInstance) => {
    server.post<{ Body: Static<typeof StartBody> }>(
      '/v1/verifications',
      {
        onRequest: requireApiKey(app, ['send']),
        schema: {
          tags: ['verifications'],
          summary:
            'Text a 6-digit one-time code (10 minutes, 5 attempts, 5 codes per number per hour)',
          security: [{ apiKey: [] }],
          body: StartBody,
          response: {
            202: Type.Object({
              id: Type.String(),
              to: Type.String(),
              program: Type.String(),
              status: Type.Literal('pending'),
              expiresAt: Type.String(),
              messageId: Type.String(),
            }),
          },
        },
      },
      async (request, reply) => {
        const result = await startVerification(deps, request.body, apiKeyOf(request))
        if (!result.ok) throw refusalToHttp(result)
        app.dispatcher.wake()
        return reply.status(202).send(result.verification)
      },
    )

    server.post<{ Body: Static<typeof CheckBody> }>(
      '/v1/verifications/check',
      {
        onRequest: requireApiKey(app, ['send']),
        schema: {
          tags: ['verifications'],
          summary:
            'Check a code: approved, incorrect (with attempts left), expired, too_many_attempts or not_found',
          security: [{ apiKey: [] }],
          body: CheckBody,
          response: {
            200: Type.Object({
              status: Type.Union(
                ['approved', 'incorrect', 'expired', 'too_many_attempts', 'not_found'].map((s) =>
                  Type.Literal(s),
                ),
              ),
              attemptsLeft: Type.Optional(Type.Integer()),
            }),
          },
        },
      },
      async (request) => {
        const outcome = await checkVerification(deps, request.body)
        if ('ok' in outcome) throw refusalToHttp(outcome)
        return outcome
      },
    )
  }
}
