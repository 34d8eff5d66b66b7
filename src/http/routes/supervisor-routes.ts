import { Type } from '@sinclair/typebox'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import type { App } from '../../app/compose.ts'
import type { AgentActionDeps } from '../../app/conversation-access.ts'
import { setAgentStatus } from '../../app/set-agent-status.ts'
import {
  assignConversation,
  moveConversation,
  reprioritiseConversation,
} from '../../app/supervise-conversation.ts'
import { requireUser, signedInUser } from '../session-auth.ts'
import { IdParams, StatusBody, unwrap } from './desk-support.ts'

/**
 * Supervisors (and admins): moving, reprioritising and assigning conversations
 * not yet accepted, and changing an agent's status. Any transcript is read through
 * GET /v1/conversations/:id, which lets supervisors see every conversation; the board
 * (GET /v1/queues, GET /v1/agents) is in board-routes.ts.
 */
export function supervisorRoutes(app: App, deps: AgentActionDeps) {
  const supervisor = requireUser(app, ['supervisor', 'admin'])
  return (instance: FastifyInstance) => {
    const server = instance.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['supervisors']
    server.put(
      '/v1/agents/:id/status',
      {
        preHandler: supervisor,
        schema: { tags, summary: "Change an agent's status", params: IdParams, body: StatusBody },
      },
      async (request) =>
        unwrap(
          await setAgentStatus(deps, signedInUser(request), {
            agentId: request.params.id,
            ...request.body,
          }),
        ),
    )
    server.post(
      '/v1/conversations/:id/move',
      {
        preHandler: supervisor,
        schema: {
          tags,
          summary: 'Move a conversation not yet accepted to another queue',
          params: IdParams,
          body: Type.Object(
            { queue: Type.String({ minLength: 1 }) },
            { additionalProperties: false },
          ),
        },
      },
      async (request) =>
        unwrap(
          await moveConversation(deps, signedInUser(request), request.params.id, request.body),
        ),
    )
    server.post(
      '/v1/conversations/:id/priority',
      {
        preHandler: supervisor,
        schema: {
          tags,
          summary: 'Change the priority (1–10) of a conversation not yet accepted',
          params: IdParams,
          body: Type.Object(
            { priority: Type.Integer({ minimum: 1, maximum: 10 }) },
            { additionalProperties: false },
          ),
        },
      },
      async (request) =>
        unwrap(
          await reprioritiseConversation(
            deps,
            signedInUser(request),
            request.params.id,
            request.body,
          ),
        ),
    )
    server.post(
      '/v1/conversations/:id/assign',
      {
        preHandler: supervisor,
        schema: {
          tags,
          summary: 'Offer a conversation not yet accepted to a chosen agent',
          params: IdParams,
          body: Type.Object(
            { agent: Type.String({ minLength: 1 }) },
            { additionalProperties: false },
          ),
        },
      },
      async (request) =>
        unwrap(
          await assignConversation(deps, signedInUser(request), request.params.id, request.body),
        ),
    )
  }
}
