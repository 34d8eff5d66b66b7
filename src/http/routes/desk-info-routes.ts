import { Type } from '@sinclair/typebox'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import type { App } from '../../app/compose.ts'
import { readCustomerPanel } from '../../app/read-customer-panel.ts'
import { readDeskSettings } from '../../app/read-desk-settings.ts'
import { revealAttribute } from '../../app/reveal-attribute.ts'
import { requireUser, signedInUser } from '../session-auth.ts'
import { actionDeps, IdParams, unwrap } from './desk-support.ts'
import { CustomerPanelBody, DeskSettingsBody, RevealBody } from './desk-schemas.ts'

const RevealRequest = Type.Object(
  {
    attribute: Type.String({
      minLength: 1,
      maxLength: 64,
      description: 'a captured attribute named in the customer panel’s `captured`',
    }),
  },
  { additionalProperties: false },
)

/**
 * What the desk reads beside a conversation: its settings (codes, queues, standard responses,
 * the signed-in person), the customer panel, and — for supervisors — an audited reveal of a
 * captured value.
 */
export function deskInfoRoutes(app: App) {
  const deps = actionDeps(app)
  const signedIn = requireUser(app)
  const supervisor = requireUser(app, ['supervisor', 'admin'])
  return (instance: FastifyInstance) => {
    const server = instance.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['agents']
    server.get(
      '/v1/desk/settings',
      {
        preHandler: signedIn,
        schema: {
          tags,
          summary: 'What a desk needs to render: codes, queues, standard responses, who I am',
          response: { 200: DeskSettingsBody },
        },
      },
      (request) => readDeskSettings(app.config, signedInUser(request)),
    )
    server.get(
      '/v1/conversations/:id/customer',
      {
        preHandler: signedIn,
        schema: {
          tags,
          summary: 'The customer panel: contact, consent, screening, screen pop, history',
          params: IdParams,
          response: { 200: CustomerPanelBody },
        },
      },
      async (request) =>
        unwrap(await readCustomerPanel(deps, signedInUser(request), request.params.id)),
    )
    server.post(
      '/v1/conversations/:id/reveal',
      {
        preHandler: supervisor,
        schema: {
          tags: ['supervisors'],
          summary: 'Reveal a captured value in clear (audited as pii.reveal)',
          params: IdParams,
          body: RevealRequest,
          response: { 200: RevealBody },
        },
      },
      async (request, reply) => {
        const revealed = unwrap(
          await revealAttribute(
            deps,
            signedInUser(request),
            request.params.id,
            request.body.attribute,
          ),
        )
        return reply.header('cache-control', 'no-store').send(revealed)
      },
    )
  }
}
