import { Type, type Static } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { App } from '../../app/compose.ts'
import { lookUpConsent, recordConsent } from '../../app/record-consent.ts'
import { saveContact } from '../../app/save-contact.ts'
import { CONSENT_SOURCES } from '../../domain/consent/consent-event.ts'
import { apiKeyOf, requireApiKey } from '../api-key-auth.ts'
import { refusalToHttp } from '../refusal-to-http.ts'

const PhoneParams = Type.Object({ phone: Type.String({ minLength: 1, maxLength: 32 }) })
const ProgramConsent = Type.Object({
  program: Type.String(),
  status: Type.Union([
    Type.Literal('opted_in'),
    Type.Literal('opted_out'),
    Type.Literal('unknown'),
  ]),
  since: Type.Optional(Type.String()),
})
const ConsentBody = Type.Object(
  {
    program: Type.String({ minLength: 1, maxLength: 64 }),
    status: Type.Union([Type.Literal('opted_in'), Type.Literal('opted_out')]),
    source: Type.Union(
      CONSENT_SOURCES.map((s) => Type.Literal(s)),
      { default: 'api' },
    ),
    evidence: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    occurredAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
)
const ContactBody = Type.Object(
  {
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    name: Type.Optional(Type.String({ maxLength: 200 })),
    language: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('fr')])),
  },
  { additionalProperties: false },
)

/** GET/PUT /v1/consents/:phone and PUT /v1/contacts/:phone. */
export function consentRoutes(app: App) {
  const deps = { config: app.config, store: app.store, clock: app.clock, random: app.random }
  return (server: FastifyInstance) => {
    server.get<{ Params: Static<typeof PhoneParams> }>(
      '/v1/consents/:phone',
      {
        onRequest: requireApiKey(app, ['read', 'send']),
        schema: {
          tags: ['consent'],
          summary: "A number's consent per program, with its history",
          security: [{ apiKey: [] }],
          params: PhoneParams,
          response: {
            200: Type.Object({
              phone: Type.String(),
              consents: Type.Array(ProgramConsent),
              events: Type.Array(
                Type.Object({
                  program: Type.String(),
                  action: Type.String(),
                  source: Type.String(),
                  evidence: Type.Optional(Type.String()),
                  actor: Type.String(),
                  occurredAt: Type.String(),
                  recordedAt: Type.String(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const found = await lookUpConsent(deps, request.params.phone)
        if (!found.ok) throw refusalToHttp(found)
        return {
          phone: found.phone,
          consents: found.consents,
          events: found.events.map((e) => ({
            ...e,
            occurredAt: new Date(e.occurredAt).toISOString(),
            recordedAt: new Date(e.recordedAt).toISOString(),
          })),
        }
      },
    )

    server.put<{ Params: Static<typeof PhoneParams>; Body: Static<typeof ConsentBody> }>(
      '/v1/consents/:phone',
      {
        onRequest: requireApiKey(app, ['send']),
        schema: {
          tags: ['consent'],
          summary: 'Record an opt-in (with evidence) or an opt-out for one program',
          security: [{ apiKey: [] }],
          params: PhoneParams,
          body: ConsentBody,
          response: { 200: ProgramConsent },
        },
      },
      async (request) => {
        const result = await recordConsent(deps, {
          ...request.body,
          phone: request.params.phone,
          actor: `apikey:${apiKeyOf(request).name}`,
        })
        if (!result.ok) throw refusalToHttp(result)
        if (result.consent.status === 'opted_out') app.dispatcher.wake()
        return result.consent
      },
    )

    server.put<{ Params: Static<typeof PhoneParams>; Body: Static<typeof ContactBody> }>(
      '/v1/contacts/:phone',
      {
        onRequest: requireApiKey(app, ['send']),
        schema: {
          tags: ['consent'],
          summary: "Set a contact's e-mail (for the fallback), name and language",
          security: [{ apiKey: [] }],
          params: PhoneParams,
          body: ContactBody,
          response: { 204: Type.Null() },
        },
      },
      async (request, reply) => {
        const result = await saveContact(deps, { phone: request.params.phone, ...request.body })
        if (!result.ok) throw refusalToHttp(result)
        return reply.status(204).send()
      },
    )
  }
}
