import type { FastifyInstance } from 'fastify'
import type { App } from '../../app/compose.ts'
import { adminAccessRoutes } from './admin-access-routes.ts'
import { adminConfigRoutes } from './admin-config-routes.ts'
import { adminTemplateRoutes } from './admin-template-routes.ts'
import { adminUserRoutes } from './admin-user-routes.ts'

/**
 * The administration API under /v1/admin (signed-in admins; the consent lookup also for
 * supervisors): templates, the running configuration and a screening test, users, API keys.
 */
export function adminRoutes(app: App) {
  return async (server: FastifyInstance) => {
    await server.register(adminTemplateRoutes(app))
    await server.register(adminConfigRoutes(app))
    await server.register(adminUserRoutes(app))
    await server.register(adminAccessRoutes(app))
  }
}
