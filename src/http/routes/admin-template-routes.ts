import { Type } from '@sinclair/typebox'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { approveTemplate } from '../../app/approve-template.ts'
import type { App } from '../../app/compose.ts'
import { readTemplates } from '../../app/read-templates.ts'
import { previewBody } from '../../domain/templates/preview-body.ts'
import { signedInUser } from '../session-auth.ts'
import { unwrap } from './desk-support.ts'
import { Encoding, Iso, requireAdmin, Ucs2Occurrence } from './admin-support.ts'

const Status = Type.Union([
  Type.Literal('draft'),
  Type.Literal('approved'),
  Type.Literal('retired'),
])
const Body = Type.Object({
  body: Type.String(),
  placeholders: Type.Array(Type.String()),
  encoding: Encoding,
  segments: Type.Integer({ description: 'placeholders counted as their ((name)) token' }),
  units: Type.Integer(),
  perSegment: Type.Integer(),
  remaining: Type.Integer(),
  ucs2Characters: Type.Array(Ucs2Occurrence),
})
const Email = Type.Object({ subject: Type.String(), body: Type.String() })
const Version = Type.Object({
  version: Type.Integer(),
  status: Status,
  reviewDue: Type.Optional(Type.String({ description: 'YYYY-MM-DD' })),
  createdBy: Type.String(),
  createdAt: Iso,
  approvedBy: Type.Optional(Type.String({ description: 'username, or "config" when seeded' })),
  approvedAt: Type.Optional(Iso),
  canApprove: Type.Boolean({ description: 'only a draft can be approved' }),
  en: Type.Optional(Body),
  fr: Type.Optional(Body),
  email: Type.Optional(Type.Object({ en: Type.Optional(Email), fr: Type.Optional(Email) })),
})
const Template = Type.Object({
  key: Type.String(),
  category: Type.String(),
  owner: Type.String(),
  status: Status,
  sendableVersion: Type.Optional(
    Type.Integer({ description: 'the newest approved version, which texts are sent from' }),
  ),
  reviewDue: Type.Optional(Type.String({ description: 'of the version in force; YYYY-MM-DD' })),
  overdue: Type.Boolean({ description: 'today (UTC) is after reviewDue' }),
  versions: Type.Array(Version, { description: 'newest first' }),
})
const Templates = Type.Object({ templates: Type.Array(Template) })

const VersionParams = Type.Object({
  key: Type.String({ minLength: 1, maxLength: 64 }),
  version: Type.Integer({ minimum: 1 }),
})
const Approved = Type.Object({
  key: Type.String(),
  version: Type.Integer(),
  status: Type.Literal('approved'),
  approvedBy: Type.String(),
  approvedAt: Iso,
})

const PreviewBody = Type.Object(
  {
    body: Type.String({ minLength: 1, maxLength: 2000 }),
    values: Type.Optional(
      Type.Record(Type.String({ maxLength: 64 }), Type.String({ maxLength: 1000 }), {
        description: 'placeholder values; a missing one stays as its ((name)) token',
      }),
    ),
  },
  { additionalProperties: false },
)
const Preview = Type.Object({
  text: Type.String({ description: 'the body with the values filled in' }),
  placeholders: Type.Array(Type.String()),
  missing: Type.Array(Type.String({ description: 'placeholders without a value' })),
  encoding: Encoding,
  segments: Type.Integer(),
  units: Type.Integer({ description: 'septets (GSM-7) or UTF-16 units (UCS-2)' }),
  perSegment: Type.Integer(),
  remaining: Type.Integer({ description: 'units left in the last segment' }),
  parts: Type.Array(
    Type.Object({ text: Type.String(), units: Type.Integer(), limit: Type.Integer() }),
    { description: 'each SMS segment with the units it uses of its limit' },
  ),
  ucs2Characters: Type.Array(Ucs2Occurrence, { description: 'positions in `text`' }),
})

/**
 * Templates for administrators: every template with its versions and what each language costs,
 * the ones overdue for review, approving a draft version, and a preview of any body.
 */
export function adminTemplateRoutes(app: App) {
  const admin = requireAdmin(app)
  const deps = { store: app.store, clock: app.clock, random: app.random }
  return (instance: FastifyInstance) => {
    const server = instance.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['administration']
    server.get(
      '/v1/admin/templates',
      {
        onRequest: admin,
        schema: {
          tags,
          summary: 'Every template with its versions, segment counts and UCS-2 characters',
          response: { 200: Templates },
        },
      },
      async () => ({ templates: await readTemplates(deps) }),
    )
    server.get(
      '/v1/admin/templates/overdue',
      {
        onRequest: admin,
        schema: {
          tags,
          summary: 'Templates whose review date has passed',
          response: { 200: Templates },
        },
      },
      async () => ({ templates: await readTemplates(deps, { overdueOnly: true }) }),
    )
    server.post(
      '/v1/admin/templates/:key/versions/:version/approve',
      {
        onRequest: admin,
        schema: {
          tags,
          summary: 'Approve a draft version: texts for the key are then sent from it',
          params: VersionParams,
          response: { 200: Approved },
        },
      },
      async (request) => {
        const { key, version } = request.params
        const approved = unwrap(
          await approveTemplate(deps, signedInUser(request), { key, version }),
        )
        return {
          key,
          version,
          status: 'approved' as const,
          approvedBy: approved.approvedBy,
          approvedAt: new Date(approved.approvedAt).toISOString(),
        }
      },
    )
    server.post(
      '/v1/admin/templates/preview',
      {
        onRequest: admin,
        schema: {
          tags,
          summary: 'Fill, count and split a template body as it is being written',
          body: PreviewBody,
          response: { 200: Preview },
        },
      },
      (request) => {
        const preview = previewBody(request.body.body, request.body.values ?? {})
        return {
          ...preview,
          placeholders: [...preview.placeholders],
          missing: [...preview.missing],
          parts: [...preview.parts],
          ucs2Characters: [...preview.ucs2Characters],
        }
      },
    )
  }
}
