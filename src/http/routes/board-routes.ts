import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { readAgents, readBoard } from '../../app/read-board.ts'
import type { App } from '../../app/compose.ts'
import { requireUser } from '../session-auth.ts'
import { actionDeps } from './desk-support.ts'
import { AgentsBody, QueuesBody } from './desk-schemas.ts'

/**
 * The supervisors' board: queues (counts, waiting conversations, agents by status and by
 * not-ready reason, today's service level) and the agents with their status and load.
 */
export function boardRoutes(app: App) {
  const deps = actionDeps(app)
  const supervisor = requireUser(app, ['supervisor', 'admin'])
  return (instance: FastifyInstance) => {
    const server = instance.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['supervisors']
    server.get(
      '/v1/queues',
      {
        preHandler: supervisor,
        schema: {
          tags,
          summary: 'Queues: waiting conversations, counts, agents, today’s service level',
          response: { 200: QueuesBody },
        },
      },
      async () => ({ queues: await readBoard(deps) }),
    )
    server.get(
      '/v1/agents',
      {
        preHandler: supervisor,
        schema: {
          tags,
          summary:
            'Agents: status and reason, time in status, capacity, queues, conversations held',
          response: { 200: AgentsBody },
        },
      },
      async () => ({ agents: await readAgents(deps) }),
    )
  }
}
