import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { App } from '../../app/compose.ts'
import { receiveTwilioInbound, receiveTwilioStatus } from '../../app/receive-twilio-status.ts'
import { refusalToHttp } from '../refusal-to-http.ts'

const Params = Type.Object({ trunk: Type.String({ maxLength: 64 }) })
const FormBody = Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())]))

/** Carrier callbacks. Twilio posts application/x-www-form-urlencoded and signs it. */
export function webhookRoutes(app: App) {
  const deps = { config: app.config, gateways: app.gateways }
  return (server: FastifyInstance) => {
    server.post<{ Params: { trunk: string }; Body: Record<string, string | string[]> }>(
      '/webhooks/twilio/:trunk/status',
      {
        schema: {
          tags: ['webhooks'],
          summary: 'Twilio status callback (signed with X-Twilio-Signature)',
          params: Params,
          body: FormBody,
        },
      },
      async (request, reply) => {
        const signature = request.headers['x-twilio-signature']
        const result = receiveTwilioStatus(deps, {
          trunk: request.params.trunk,
          pathAndQuery: request.url,
          params: request.body,
          signature: typeof signature === 'string' ? signature : undefined,
        })
        if (!result.ok) throw refusalToHttp(result)
        return reply.status(204).send()
      },
    )

    server.post<{ Params: { trunk: string }; Body: Record<string, string | string[]> }>(
      '/webhooks/twilio/:trunk/inbound',
      {
        schema: {
          tags: ['webhooks'],
          summary: 'Twilio incoming message (signed); answered at once with empty TwiML',
          params: Params,
          body: FormBody,
        },
      },
      async (request, reply) => {
        const signature = request.headers['x-twilio-signature']
        const result = receiveTwilioInbound(deps, {
          trunk: request.params.trunk,
          pathAndQuery: request.url,
          params: request.body,
          signature: typeof signature === 'string' ? signature : undefined,
        })
        if (!result.ok) throw refusalToHttp(result)
        return reply
          .type('text/xml')
          .send('<?xml version="1.0" encoding="UTF-8"?><Response></Response>')
      },
    )
  }
}
