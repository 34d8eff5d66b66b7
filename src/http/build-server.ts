import { randomUUID } from 'node:crypto'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyRequest,
  type RawServerDefault,
} from 'fastify'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { App } from '../app/compose.ts'
import { HttpError } from './error-codes.ts'
import { createErrorHandler } from './error-handler.ts'
import formbody from '@fastify/formbody'
import { adminRoutes } from './routes/admin-routes.ts'
import { agentRoutes } from './routes/agent-routes.ts'
import { boardRoutes } from './routes/board-routes.ts'
import { broadcastRoutes } from './routes/broadcast-routes.ts'
import { consentRoutes } from './routes/consent-routes.ts'
import { deskInfoRoutes } from './routes/desk-info-routes.ts'
import { eventRoutes } from './routes/event-routes.ts'
import { healthRoutes } from './routes/health-routes.ts'
import { messageRoutes } from './routes/message-routes.ts'
import { reviewRoutes } from './routes/review-routes.ts'
import { sandboxPhoneRoutes } from './routes/sandbox-phone-routes.ts'
import { sessionRoutes } from './routes/session-routes.ts'
import { verificationRoutes } from './routes/verification-routes.ts'
import { webhookRoutes } from './routes/webhook-routes.ts'
import { DEFAULT_WEB_ROOT, registerWebApp } from './web-app.ts'

export type ParleyServer = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

/** Reuses a caller's X-Request-Id when it is sane, so logs join up across systems. */
function requestIdOf(request: { headers: FastifyRequest['headers'] }): string {
  const given = request.headers['x-request-id']
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID()
}

/**
 * Builds the HTTP server for an app: the API, the webhooks and the web app (`webRoot`, built by
 * `npm run build:web`). Never listens: `serve` does, tests call `inject()`.
 * @example const server = await buildServer(app); const res = await server.inject('/healthz')
 */
export async function buildServer(
  app: App,
  options: { webRoot?: string } = {},
): Promise<ParleyServer> {
  const logger: FastifyBaseLogger = app.logger
  const server = Fastify({
    loggerInstance: logger,
    genReqId: requestIdOf,
    requestIdHeader: false,
    trustProxy: app.config.server.trustProxy,
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    // a closed schema refuses an unknown field (a typo such as "proirity") instead of
    // silently dropping it, so the caller learns their request was not understood
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>()

  server.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id)
  })
  server.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched'
    app.metrics.httpRequests.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    )
  })
  server.setErrorHandler(createErrorHandler(app))
  const answerWebApp = await registerWebApp(server, options.webRoot ?? DEFAULT_WEB_ROOT)
  server.setNotFoundHandler((request, reply) => {
    if (answerWebApp(request, reply)) return reply
    throw new HttpError(
      'not_found',
      `no route for ${request.method} ${request.url.split('?')[0] ?? ''}`,
    )
  })

  await server.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Parley API',
        version: '1',
        description: 'SMS contact centre: consented notifications and two-way conversations.',
      },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
    },
  })
  await server.register(swaggerUi, { routePrefix: '/docs' })
  server.get('/openapi.json', { schema: { hide: true } }, () => server.swagger())

  await server.register(formbody)
  await server.register(healthRoutes(app))
  await server.register(messageRoutes(app))
  await server.register(consentRoutes(app))
  await server.register(broadcastRoutes(app))
  await server.register(verificationRoutes(app))
  await server.register(webhookRoutes(app))
  await server.register(sessionRoutes(app))
  await server.register(agentRoutes(app))
  await server.register(deskInfoRoutes(app))
  await server.register(boardRoutes(app))
  await server.register(reviewRoutes(app))
  await server.register(eventRoutes(app))
  await server.register(adminRoutes(app))
  await server.register(sandboxPhoneRoutes(app))
  return server
}
