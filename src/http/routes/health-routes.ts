import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { App } from '../../app/compose.ts'

const Healthz = Type.Object({ status: Type.Literal('ok') })
const Readyz = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('not_ready')]),
  database: Type.Object({
    ok: Type.Boolean(),
    location: Type.String(),
    detail: Type.Optional(Type.String()),
  }),
  migrations: Type.Object({ ok: Type.Boolean(), pending: Type.Array(Type.String()) }),
})

/** Liveness (the process answers), readiness (database reachable, migrated), and Prometheus metrics. */
export function healthRoutes(app: App) {
  return (server: FastifyInstance) => {
    server.get(
      '/healthz',
      {
        schema: { tags: ['operations'], summary: 'The process is up', response: { 200: Healthz } },
      },
      () => ({ status: 'ok' as const }),
    )
    server.get(
      '/readyz',
      {
        schema: {
          tags: ['operations'],
          summary: 'The database is reachable and migrated',
          response: { 200: Readyz, 503: Readyz },
        },
      },
      async (_request, reply) => {
        const readiness = await app.readiness()
        const body = {
          status: readiness.ready ? ('ready' as const) : ('not_ready' as const),
          ...readiness,
        }
        return reply.status(readiness.ready ? 200 : 503).send(body)
      },
    )
    server.get(
      '/metrics',
      { schema: { tags: ['operations'], summary: 'Prometheus metrics', hide: false } },
      async (_request, reply) => {
        const text = await app.metrics.registry.metrics()
        return reply.type(app.metrics.registry.contentType).send(text)
      },
    )
  }
}
