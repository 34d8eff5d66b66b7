import { Type, type Static } from '@sinclair/typebox'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import type { App } from '../../app/compose.ts'
import { issueApiKey, listKeys, revokeKeyById } from '../../app/manage-api-keys.ts'
import { lookUpConsent } from '../../app/record-consent.ts'
import type { ApiKeyRecord } from '../../store/api-keys.ts'
import { requireUser, signedInUser } from '../session-auth.ts'
import { unwrap } from './desk-support.ts'
import { IdParams, Iso, PhoneParams, requireAdmin } from './admin-support.ts'

const Scope = Type.Union([Type.Literal('send'), Type.Literal('read'), Type.Literal('admin')])
const ApiKey = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String({ description: 'the public part of the key, pk_live_<prefix>_…' }),
  scopes: Type.Array(Scope),
  test: Type.Boolean({ description: 'sends through the sandbox carrier whatever the number' }),
  status: Type.Union([Type.Literal('active'), Type.Literal('revoked')]),
  createdAt: Iso,
  revokedAt: Type.Optional(Iso),
  lastUsedAt: Type.Optional(Iso),
})
const NewKey = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 64, description: 'who uses it, e.g. crm' }),
    scopes: Type.Array(Scope, { minItems: 1, maxItems: 3, uniqueItems: true }),
    test: Type.Boolean({ default: false }),
  },
  { additionalProperties: false },
)
const CreatedKey = Type.Object({
  key: Type.String({ description: 'shown this once; only its hash is stored' }),
  apiKey: ApiKey,
})

const Consent = Type.Object({
  phone: Type.String(),
  consents: Type.Array(
    Type.Object({
      program: Type.String(),
      status: Type.Union([
        Type.Literal('opted_in'),
        Type.Literal('opted_out'),
        Type.Literal('unknown'),
      ]),
      since: Type.Optional(Iso),
    }),
  ),
  events: Type.Array(
    Type.Object({
      id: Type.String(),
      program: Type.String(),
      action: Type.Union([Type.Literal('opt_in'), Type.Literal('opt_out')]),
      source: Type.String(),
      evidence: Type.Optional(Type.String()),
      actor: Type.String(),
      occurredAt: Iso,
      recordedAt: Iso,
    }),
    { description: 'newest first' },
  ),
})

function apiKeyView(record: ApiKeyRecord): Static<typeof ApiKey> {
  const iso = (ms: number) => new Date(ms).toISOString()
  return {
    id: record.id,
    name: record.name,
    prefix: record.prefix,
    scopes: record.scopes,
    test: record.test,
    status: record.revokedAt === undefined ? 'active' : 'revoked',
    createdAt: iso(record.createdAt),
    ...(record.revokedAt === undefined ? {} : { revokedAt: iso(record.revokedAt) }),
    ...(record.lastUsedAt === undefined ? {} : { lastUsedAt: iso(record.lastUsedAt) }),
  }
}

/** API keys for other systems (admins) and a number's consent history (admins, supervisors). */
export function adminAccessRoutes(app: App) {
  const admin = requireAdmin(app)
  const deps = { config: app.config, store: app.store, clock: app.clock, random: app.random }
  return (instance: FastifyInstance) => {
    const server = instance.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['administration']
    server.get(
      '/v1/admin/api-keys',
      {
        onRequest: admin,
        schema: {
          tags,
          summary: 'Every API key, newest first (never the key itself)',
          response: { 200: Type.Object({ apiKeys: Type.Array(ApiKey) }) },
        },
      },
      async () => ({ apiKeys: (await listKeys(deps)).map(apiKeyView) }),
    )
    server.post(
      '/v1/admin/api-keys',
      {
        onRequest: admin,
        schema: {
          tags,
          summary: 'Create an API key; the answer is the only time it is shown',
          body: NewKey,
          response: { 201: CreatedKey },
        },
      },
      async (request, reply) => {
        const { key, record } = await issueApiKey(
          deps,
          `user:${signedInUser(request).id}`,
          request.body,
        )
        return reply
          .status(201)
          .header('cache-control', 'no-store')
          .send({ key, apiKey: apiKeyView(record) })
      },
    )
    server.post(
      '/v1/admin/api-keys/:id/revoke',
      {
        onRequest: admin,
        schema: {
          tags,
          summary: 'Revoke an API key: the next request with it is refused',
          params: IdParams,
          response: { 200: ApiKey },
        },
      },
      async (request) => {
        const { record } = unwrap(
          await revokeKeyById(deps, `user:${signedInUser(request).id}`, request.params.id),
        )
        return apiKeyView(record)
      },
    )
    server.get(
      '/v1/admin/consents/:phone',
      {
        onRequest: requireUser(app, ['supervisor', 'admin']),
        schema: {
          tags,
          summary: "A number's consent per program with every event (evidence, source, actor)",
          params: PhoneParams,
          response: { 200: Consent },
        },
      },
      async (request) => {
        const found = unwrap(await lookUpConsent(deps, request.params.phone))
        const iso = (ms: number) => new Date(ms).toISOString()
        return {
          phone: found.phone,
          consents: found.consents,
          events: found.events.map((e) => ({
            id: e.id,
            program: e.program,
            action: e.action,
            source: e.source,
            evidence: e.evidence,
            actor: e.actor,
            occurredAt: iso(e.occurredAt),
            recordedAt: iso(e.recordedAt),
          })),
        }
      },
    )
  }
}
