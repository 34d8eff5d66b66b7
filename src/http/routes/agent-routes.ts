import { Type } from '@sinclair/typebox'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { acceptConversation } from '../../app/accept-conversation.ts'
import type { App } from '../../app/compose.ts'
import { declineConversation } from '../../app/decline-conversation.ts'
import { endConversation, wrapUpConversation } from '../../app/end-conversation.ts'
import { readDesk, readTranscript } from '../../app/read-conversations.ts'
import { replyToConversation, type ReplyInput } from '../../app/reply-to-conversation.ts'
import { setAgentStatus } from '../../app/set-agent-status.ts'
import { transferConversation } from '../../app/transfer-conversation.ts'
import { requireUser, signedInUser } from '../session-auth.ts'
import { actionDeps, IdParams, StatusBody, unwrap } from './desk-support.ts'
import { supervisorRoutes } from './supervisor-routes.ts'

const ReplyBody = Type.Union([
  Type.Object(
    { text: Type.String({ minLength: 1, maxLength: 670 }) },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      template: Type.String({
        minLength: 1,
        description: 'a standard response: an approved template key',
      }),
      language: Type.Optional(Type.String()),
      values: Type.Optional(Type.Record(Type.String(), Type.String())),
    },
    { additionalProperties: false },
  ),
])

const TransferBody = Type.Object(
  {
    toAgent: Type.Optional(
      Type.String({ minLength: 1, description: "the agent's id or username" }),
    ),
    toQueue: Type.Optional(Type.String({ minLength: 1 })),
    note: Type.String({ maxLength: 1000 }),
  },
  { additionalProperties: false },
)

const WrapUpBody = Type.Object(
  {
    disposition: Type.String({ minLength: 1, description: "one of the queue's disposition codes" }),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
)

/**
 * The agent desk API (signed-in people): status, the conversations they hold and their queues'
 * waiting ones, accept, decline, reply, transfer, end, wrap-up, transcript; and the supervisors'
 * API.
 */
export function agentRoutes(app: App) {
  const deps = actionDeps(app)
  const signedIn = requireUser(app)
  return async (instance: FastifyInstance) => {
    const server = instance.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['agents']
    server.put(
      '/v1/agents/me/status',
      { preHandler: signedIn, schema: { tags, summary: 'Set my status', body: StatusBody } },
      async (request) => {
        const me = signedInUser(request)
        return unwrap(await setAgentStatus(deps, me, { agentId: me.id, ...request.body }))
      },
    )
    server.get(
      '/v1/conversations',
      {
        preHandler: signedIn,
        schema: { tags, summary: "My conversations and my queues' waiting ones" },
      },
      async (request) => readDesk(deps, signedInUser(request)),
    )
    server.get(
      '/v1/conversations/:id',
      {
        preHandler: signedIn,
        schema: { tags, summary: 'A conversation with its transcript', params: IdParams },
      },
      async (request) =>
        unwrap(await readTranscript(deps, signedInUser(request), request.params.id)),
    )
    server.post(
      '/v1/conversations/:id/accept',
      {
        preHandler: signedIn,
        schema: { tags, summary: 'Accept the conversation offered to me', params: IdParams },
      },
      async (request) =>
        unwrap(await acceptConversation(deps, signedInUser(request), request.params.id)),
    )
    server.post(
      '/v1/conversations/:id/decline',
      {
        preHandler: signedIn,
        schema: {
          tags,
          summary: 'Decline the conversation offered to me',
          description:
            "The conversation goes back to its queue for someone else; I stay available and am passed over for it for the queue's excludeAgentForSeconds.",
          params: IdParams,
        },
      },
      async (request) =>
        unwrap(await declineConversation(deps, signedInUser(request), request.params.id)),
    )
    server.post(
      '/v1/conversations/:id/messages',
      {
        preHandler: signedIn,
        schema: { tags, summary: 'Reply to the customer', params: IdParams, body: ReplyBody },
      },
      async (request, reply) => {
        const body: ReplyInput = request.body
        const sent = unwrap(
          await replyToConversation(deps, signedInUser(request), request.params.id, body),
        )
        return reply.status(201).send(sent)
      },
    )
    server.post(
      '/v1/conversations/:id/transfer',
      {
        preHandler: signedIn,
        schema: {
          tags,
          summary: 'Transfer to an agent or a queue, with a note',
          params: IdParams,
          body: TransferBody,
        },
      },
      async (request) =>
        unwrap(
          await transferConversation(deps, signedInUser(request), request.params.id, request.body),
        ),
    )
    server.post(
      '/v1/conversations/:id/end',
      {
        preHandler: signedIn,
        schema: { tags, summary: 'End my active conversation', params: IdParams },
      },
      async (request) =>
        unwrap(await endConversation(deps, signedInUser(request), request.params.id)),
    )
    server.post(
      '/v1/conversations/:id/wrap-up',
      {
        preHandler: signedIn,
        schema: {
          tags,
          summary: 'Wrap up with a disposition code',
          params: IdParams,
          body: WrapUpBody,
        },
      },
      async (request) =>
        unwrap(
          await wrapUpConversation(deps, signedInUser(request), request.params.id, request.body),
        ),
    )
    await server.register(supervisorRoutes(app, deps))
  }
}
