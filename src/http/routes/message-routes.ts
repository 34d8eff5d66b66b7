import { Type, type Static } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { acceptMessage } from '../../app/accept-message.ts'
import type { App } from '../../app/compose.ts'
import { findMessage, listMessagesFor } from '../../app/read-messages.ts'
import { MESSAGE_STATUSES } from '../../domain/outbox/message-status.ts'
import { apiKeyOf, requireApiKey } from '../api-key-auth.ts'
import { HttpError } from '../error-codes.ts'
import { refusalToHttp } from '../refusal-to-http.ts'

const SendBody = Type.Object(
  {
    to: Type.String({
      minLength: 1,
      maxLength: 32,
      description: 'E.164, or a national number in the default region',
    }),
    template: Type.String({ minLength: 1, maxLength: 64 }),
    language: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('fr')])),
    personalisation: Type.Record(Type.String({ maxLength: 64 }), Type.String({ maxLength: 1000 }), {
      default: {},
    }),
    program: Type.String({ minLength: 1, maxLength: 64 }),
    priority: Type.Optional(Type.Union([Type.Literal('normal'), Type.Literal('high')])),
    sendAt: Type.Optional(Type.String({ format: 'date-time' })),
    reference: Type.Optional(Type.String({ maxLength: 128 })),
  },
  { additionalProperties: false },
)

const Accepted = Type.Object({
  id: Type.String(),
  status: Type.Literal('queued'),
  from: Type.String(),
  to: Type.String(),
  program: Type.String(),
  segments: Type.Integer(),
  encoding: Type.Union([Type.Literal('gsm7'), Type.Literal('ucs2')]),
  template: Type.Object({ key: Type.String(), version: Type.Integer() }),
  language: Type.String(),
  priority: Type.String(),
  sendAt: Type.Optional(Type.String()),
  reference: Type.Optional(Type.String()),
  test: Type.Boolean(),
})

const Status = Type.Union(MESSAGE_STATUSES.map((s) => Type.Literal(s)))
const Message = Type.Object({
  id: Type.String(),
  direction: Type.String(),
  status: Status,
  program: Type.Optional(Type.String()),
  from: Type.String(),
  to: Type.String(),
  body: Type.String(),
  segments: Type.Integer(),
  encoding: Type.String(),
  template: Type.Optional(Type.Object({ key: Type.String(), version: Type.Integer() })),
  language: Type.Optional(Type.String()),
  priority: Type.String(),
  reference: Type.Optional(Type.String()),
  trunk: Type.Optional(Type.String()),
  attempts: Type.Integer(),
  errorCode: Type.Optional(Type.String()),
  test: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
})
const MessageWithHistory = Type.Composite([
  Message,
  Type.Object({
    history: Type.Array(
      Type.Object({
        status: Status,
        at: Type.String(),
        detail: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
      }),
    ),
  }),
])

const ListQuery = Type.Object(
  {
    status: Type.Optional(Status),
    program: Type.Optional(Type.String({ maxLength: 64 })),
    reference: Type.Optional(Type.String({ maxLength: 128 })),
    since: Type.Optional(Type.String({ format: 'date-time' })),
    until: Type.Optional(Type.String({ format: 'date-time' })),
    before: Type.Optional(
      Type.String({ maxLength: 64, description: 'the last id of the previous page' }),
    ),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  },
  { additionalProperties: false },
)

const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
})

/** POST /v1/messages, GET /v1/messages/:id, GET /v1/messages. */
export function messageRoutes(app: App) {
  const deps = {
    config: app.config,
    store: app.store,
    clock: app.clock,
    random: app.random,
    commits: app.commits,
  }
  return (server: FastifyInstance) => {
    server.post<{ Body: Static<typeof SendBody>; Headers: Static<typeof IdempotencyHeaders> }>(
      '/v1/messages',
      {
        onRequest: requireApiKey(app, ['send']),
        schema: {
          tags: ['messages'],
          summary: 'Send a templated text; 202 means it is committed to the outbox',
          security: [{ apiKey: [] }],
          headers: IdempotencyHeaders,
          body: SendBody,
          response: { 202: Accepted },
        },
      },
      async (request, reply) => {
        const result = await acceptMessage(deps, request.body, {
          apiKey: apiKeyOf(request),
          idempotencyKey: request.headers['idempotency-key'],
        })
        if (!result.ok) throw refusalToHttp(result)
        if (!result.replayed) app.dispatcher.wake()
        return reply
          .status(202)
          .header('idempotent-replayed', String(result.replayed))
          .send(result.message)
      },
    )

    server.get<{ Params: { id: string } }>(
      '/v1/messages/:id',
      {
        onRequest: requireApiKey(app, ['read', 'send']),
        schema: {
          tags: ['messages'],
          summary: 'A message with its status history',
          security: [{ apiKey: [] }],
          params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
          response: { 200: MessageWithHistory },
        },
      },
      async (request) => {
        const found = await findMessage(deps, request.params.id, apiKeyOf(request))
        if (!found) throw new HttpError('not_found', `no message ${request.params.id}`)
        return found
      },
    )

    server.get<{ Querystring: Static<typeof ListQuery> }>(
      '/v1/messages',
      {
        onRequest: requireApiKey(app, ['read', 'send']),
        schema: {
          tags: ['messages'],
          summary: 'Messages, newest first, filtered and paged',
          security: [{ apiKey: [] }],
          querystring: ListQuery,
          response: {
            200: Type.Object({ messages: Type.Array(Message), next: Type.Optional(Type.String()) }),
          },
        },
      },
      async (request) => listMessagesFor(deps, request.query, apiKeyOf(request)),
    )
  }
}
