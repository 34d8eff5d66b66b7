import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { App } from '../../app/compose.ts'
import { receiveTwilioWebhook, type TwilioWebhookKind } from '../../app/receive-twilio-webhook.ts'
import { refusalToHttp } from '../refusal-to-http.ts'

const Params = Type.Object({ trunk: Type.String({ maxLength: 64 }) })
const FormBody = Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())]))
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'

const SUMMARY: Record<TwilioWebhookKind, string> = {
  status: 'Twilio status callback (signed with X-Twilio-Signature)',
  inbound: 'Twilio incoming message (signed); answered at once with empty TwiML',
}

/** Carrier callbacks. Twilio posts application/x-www-form-urlencoded and signs it. */
export function webhookRoutes(app: App) {
  const deps = { config: app.config, gateways: app.gateways }
  return (server: FastifyInstance) => {
    for (const kind of ['status', 'inbound'] as const) {
      server.post<{ Params: { trunk: string }; Body: Record<string, string | string[]> }>(
        `/webhooks/twilio/:trunk/${kind}`,
        { schema: { tags: ['webhooks'], summary: SUMMARY[kind], params: Params, body: FormBody } },
        async (request, reply) => {
          const signature = request.headers['x-twilio-signature']
          const result = receiveTwilioWebhook(deps, kind, {
            trunk: request.params.trunk,
            pathAndQuery: request.url,
            params: request.body,
            signature: typeof signature === 'string' ? signature : undefined,
          })
          if (!result.ok) throw refusalToHttp(result)
          // Twilio reads a TwiML answer to an incoming message; a status callback needs none
          return kind === 'inbound'
            ? reply.type('text/xml').send(EMPTY_TWIML)
            : reply.status(204).send()
        },
      )
    }
  }
}
