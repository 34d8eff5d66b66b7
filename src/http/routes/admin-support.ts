import { Type } from '@sinclair/typebox'
import { requireUser } from '../session-auth.ts'
import type { App } from '../../app/compose.ts'

/** Schemas and guards shared by the administration routes. Times are ISO 8601 strings. */

/** Only admins; an agent or supervisor gets 403 forbidden. */
export const requireAdmin = (app: App) => requireUser(app, ['admin'])

export const Iso = Type.String({ format: 'date-time' })
export const Encoding = Type.Union([Type.Literal('gsm7'), Type.Literal('ucs2')])
export const Ucs2Occurrence = Type.Object({
  character: Type.String(),
  start: Type.Integer({ description: 'UTF-16 index in the text' }),
  end: Type.Integer({ description: 'UTF-16 index just after it' }),
  suggestion: Type.Optional(Type.String({ description: 'a GSM-7 stand-in, when one exists' })),
})
export const Role = Type.Union([
  Type.Literal('agent'),
  Type.Literal('supervisor'),
  Type.Literal('admin'),
])
export const Skills = Type.Record(
  Type.String({ maxLength: 64 }),
  Type.Integer({ minimum: 1, maximum: 5 }),
  { description: 'skill id (from the configuration) → proficiency 1–5' },
)
export const Queues = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
  maxItems: 100,
  description: 'queue ids (from the configuration) served',
})
export const Phone = Type.String({
  minLength: 1,
  maxLength: 32,
  description: 'E.164, or a national number in the default region',
})
export const PhoneParams = Type.Object({ phone: Phone })
export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) })
