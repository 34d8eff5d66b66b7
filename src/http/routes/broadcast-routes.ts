import { Type, type Static } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { App } from '../../app/compose.ts'
import {
  readBroadcast,
  recipientsFromCsv,
  startBroadcast,
  stopBroadcast,
} from '../../app/run-broadcast.ts'
import { apiKeyOf, requireApiKey } from '../api-key-auth.ts'
import { HttpError } from '../error-codes.ts'
import { refusalToHttp } from '../refusal-to-http.ts'

const Values = Type.Record(Type.String({ maxLength: 64 }), Type.String({ maxLength: 1000 }))
const Options = {
  program: Type.String({ minLength: 1, maxLength: 64 }),
  template: Type.String({ minLength: 1, maxLength: 64 }),
  language: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('fr')])),
  priority: Type.Optional(Type.Union([Type.Literal('normal'), Type.Literal('high')])),
  sendAt: Type.Optional(Type.String({ format: 'date-time' })),
  reference: Type.Optional(Type.String({ maxLength: 128 })),
}
const JsonBody = Type.Object(
  {
    ...Options,
    personalisation: Type.Optional(Values),
    recipients: Type.Array(
      Type.Object(
        {
          to: Type.String({ minLength: 1, maxLength: 32 }),
          language: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('fr')])),
          personalisation: Type.Optional(Values),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 500_000 },
    ),
  },
  { additionalProperties: false },
)
const CsvQuery = Type.Object(Options, { additionalProperties: false })

const Summary = Type.Object({
  id: Type.String(),
  program: Type.String(),
  template: Type.String(),
  priority: Type.String(),
  status: Type.Union([
    Type.Literal('sending'),
    Type.Literal('completed'),
    Type.Literal('cancelled'),
  ]),
  total: Type.Integer(),
  accepted: Type.Integer(),
  skipped: Type.Record(Type.String(), Type.Integer()),
  problems: Type.Optional(
    Type.Array(Type.Object({ row: Type.Integer(), to: Type.String(), reason: Type.String() })),
  ),
  counts: Type.Record(Type.String(), Type.Integer()),
  createdAt: Type.String(),
  cancelledAt: Type.Optional(Type.String()),
  stopped: Type.Optional(Type.Integer()),
})

/** POST /v1/broadcasts (JSON recipients or a CSV upload), GET /v1/broadcasts/:id, POST …/cancel. */
export function broadcastRoutes(app: App) {
  const deps = { config: app.config, store: app.store, clock: app.clock, random: app.random }
  return (server: FastifyInstance) => {
    // a CSV upload is the request body itself: `Content-Type: text/csv`, options in the query
    server.addContentTypeParser(
      'text/csv',
      { parseAs: 'string', bodyLimit: 64 * 1024 * 1024 },
      (_request, body, done) => {
        done(null, body)
      },
    )

    server.post<{
      Body: Static<typeof JsonBody> | string
      Querystring: Partial<Static<typeof CsvQuery>>
    }>(
      '/v1/broadcasts',
      {
        bodyLimit: 64 * 1024 * 1024,
        onRequest: requireApiKey(app, ['send']),
        schema: {
          tags: ['broadcasts'],
          summary:
            'Queue one templated text per recipient (JSON list, or a CSV upload with options in the query)',
          description:
            'CSV: a `phone` (or `to`) column, an optional `language` column; every other column is a personalisation value. ' +
            'Recipients without consent, with invalid numbers or duplicates are skipped and counted.',
          security: [{ apiKey: [] }],
          body: Type.Union([JsonBody, Type.String()]),
          querystring: Type.Partial(CsvQuery),
          response: { 202: Summary },
        },
      },
      async (request, reply) => {
        let input
        if (typeof request.body === 'string') {
          const query = request.query
          if (!query.program || !query.template) {
            throw new HttpError(
              'invalid_request',
              'a CSV upload needs ?program=…&template=… in the query',
            )
          }
          const parsed = recipientsFromCsv(request.body)
          if (!parsed.ok) throw refusalToHttp(parsed)
          input = {
            ...query,
            program: query.program,
            template: query.template,
            recipients: parsed.recipients,
          }
        } else {
          input = request.body
        }
        const result = await startBroadcast(deps, input, apiKeyOf(request))
        if (!result.ok) throw refusalToHttp(result)
        app.dispatcher.wake()
        return reply.status(202).send(result.broadcast)
      },
    )

    server.get<{ Params: { id: string } }>(
      '/v1/broadcasts/:id',
      {
        onRequest: requireApiKey(app, ['read', 'send']),
        schema: {
          tags: ['broadcasts'],
          summary: 'Progress of a broadcast: per-status counts',
          security: [{ apiKey: [] }],
          params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
          response: { 200: Summary },
        },
      },
      async (request) => {
        const found = await readBroadcast(deps, request.params.id)
        if (!found) throw new HttpError('not_found', `no broadcast ${request.params.id}`)
        return found
      },
    )

    server.post<{ Params: { id: string } }>(
      '/v1/broadcasts/:id/cancel',
      {
        onRequest: requireApiKey(app, ['send']),
        schema: {
          tags: ['broadcasts'],
          summary: 'Stop the texts still waiting; those already with a carrier go on',
          security: [{ apiKey: [] }],
          params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
          response: { 200: Summary },
        },
      },
      async (request) => {
        const result = await stopBroadcast(deps, request.params.id)
        if (!result.ok) throw refusalToHttp(result)
        return { ...result.broadcast, stopped: result.stopped }
      },
    )
  }
}
