import { Type } from '@sinclair/typebox'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import type { App } from '../../app/compose.ts'
import { readPhoneThread, sandboxNumbers, textFromPhone } from '../../app/simulate-phone.ts'
import { MESSAGE_STATUSES } from '../../domain/outbox/message-status.ts'
import { requireUser } from '../session-auth.ts'
import { unwrap } from './desk-support.ts'
import { Iso, PhoneParams } from './admin-support.ts'

const Status = Type.Union(MESSAGE_STATUSES.map((s) => Type.Literal(s)))
const Numbers = Type.Object({
  trunk: Type.String({ description: 'the sandbox trunk' }),
  deliveryDelayMs: Type.Integer({ description: "between 'sent' and the final receipt" }),
  numbers: Type.Array(
    Type.Object({
      number: Type.String(),
      label: Type.Optional(Type.String()),
      programs: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
    }),
    { description: 'our numbers a simulated phone can text (the sandbox carries them)' },
  ),
  special: Type.Object(
    {
      failTemporary: Type.Array(Type.String(), { description: 'sends fail and are retried' }),
      failPermanent: Type.Array(Type.String(), { description: 'sent, then undelivered' }),
      rejectAtSubmit: Type.Array(Type.String(), { description: 'refused at once' }),
    },
    { description: 'phones the sandbox treats specially' },
  ),
})
const TextBody = Type.Object(
  {
    to: Type.String({ minLength: 1, maxLength: 32, description: 'one of `numbers`' }),
    body: Type.String({ minLength: 1, maxLength: 1600 }),
  },
  { additionalProperties: false },
)
const Simulated = Type.Object({
  carrierId: Type.String(),
  from: Type.String({ description: 'the phone, E.164' }),
  to: Type.String(),
  body: Type.String(),
  at: Iso,
})
const Thread = Type.Object({
  phone: Type.String(),
  texts: Type.Array(
    Type.Object({
      id: Type.String(),
      direction: Type.Union([Type.Literal('sent'), Type.Literal('received')], {
        description: "the phone's side: sent = the phone texted us",
      }),
      from: Type.String(),
      to: Type.String(),
      body: Type.String({
        description: 'as stored; what the phone sent is masked like for agents',
      }),
      program: Type.Optional(Type.String()),
      purpose: Type.Optional(Type.String({ description: 'e.g. opt_out_confirmation, help_reply' })),
      status: Status,
      errorCode: Type.Optional(Type.String()),
      segments: Type.Integer(),
      encoding: Type.String(),
      at: Iso,
      history: Type.Array(
        Type.Object({
          status: Status,
          at: Iso,
          detail: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
        }),
        { description: 'statuses with their times: the delivery receipts' },
      ),
    }),
    { description: 'oldest first' },
  ),
})
const ThreadQuery = Type.Object(
  { limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }) },
  { additionalProperties: false },
)

/**
 * The phone simulator (signed-in people, only when a sandbox trunk is enabled; otherwise
 * 404 sandbox_not_enabled): text one of our numbers as a citizen would, and read the phone's
 * thread with delivery receipts.
 */
export function sandboxPhoneRoutes(app: App) {
  const signedIn = requireUser(app)
  return (instance: FastifyInstance) => {
    const server = instance.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['sandbox']
    server.get(
      '/v1/sandbox/numbers',
      {
        onRequest: signedIn,
        schema: {
          tags,
          summary: 'Our numbers a simulated phone can text, and the special phones',
          response: { 200: Numbers },
        },
      },
      () => unwrap(sandboxNumbers(app)),
    )
    server.post(
      '/v1/sandbox/phones/:phone/messages',
      {
        onRequest: signedIn,
        schema: {
          tags,
          summary: 'A simulated phone texts us; the normal inbound path handles it',
          params: PhoneParams,
          body: TextBody,
          response: { 202: Simulated },
        },
      },
      async (request, reply) => {
        const sent = unwrap(textFromPhone(app, request.params.phone, request.body))
        return reply.status(202).send({ ...sent, at: new Date(sent.at).toISOString() })
      },
    )
    server.get(
      '/v1/sandbox/phones/:phone/thread',
      {
        onRequest: signedIn,
        schema: {
          tags,
          summary: "The phone's texts both ways, with statuses and receipts",
          params: PhoneParams,
          querystring: ThreadQuery,
          response: { 200: Thread },
        },
      },
      async (request) =>
        unwrap(await readPhoneThread(app, request.params.phone, request.query.limit)),
    )
  }
}
