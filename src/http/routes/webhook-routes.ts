import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { App } from '../../app/compose.ts'
import { receiveTwilioWebhook, type TwilioWebhookKind } from '../../app/receive-twilio-webhook.ts'
import { ERROR_STATUS, type ErrorBody } from '../error-codes.ts'
import { refusalToHttp } from '../refusal-to-http.ts'

const Params = Type.Object({ trunk: Type.String({ maxLength: 64 }) })
const FormBody = Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())]))
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'

const SUMMARY: Record<TwilioWebhookKind, string> = {
  status: 'Twilio status callback (signed with X-Twilio-Signature)',
  inbound:
    'Twilio incoming message (signed); answered with empty TwiML once stored, 503 with Retry-After when it could not be',
}

/** Carrier callbacks. Twilio posts application/x-www-form-urlencoded and signs it. */
export function webhookRoutes(app: App) {
  const deps = { config: app.config, gateways: app.gateways }
  return (server: FastifyInstance) => {
    for (const kind of ['status', 'inbound'] as const) {
      server.post<{ Params: { trunk: string }; Body: Record<string, string | string[]> }>(
        `/webhooks/twilio/:trunk/${kind}`,
        {
          schema: { tags: ['webhooks'], summary: SUMMARY[kind], params: Params, body: FormBody },
          // a carrier posts thousands a second: two access-log lines each cost more than storing
          // the text; /metrics counts them, and warnings and errors are still logged
          logLevel: 'warn',
        },
        async (request, reply) => {
          const signature = request.headers['x-twilio-signature']
          const result = await receiveTwilioWebhook(deps, kind, {
            trunk: request.params.trunk,
            pathAndQuery: request.url,
            params: request.body,
            signature: typeof signature === 'string' ? signature : undefined,
          })
          if (
            !result.ok &&
            (result.code === 'inbound_busy' || result.code === 'inbound_unavailable')
          ) {
            // Not stored: Twilio must offer it again. Answered here, not thrown, so that a flood
            // of refusals is counted in /metrics without an error line in the log for each one.
            app.metrics.errors.inc({ code: result.code })
            const body: ErrorBody = {
              error: { code: result.code, message: result.message, requestId: request.id },
            }
            const retryAfter = result.details?.retryAfterSeconds
            return reply
              .status(ERROR_STATUS[result.code])
              .header('retry-after', typeof retryAfter === 'number' ? String(retryAfter) : '1')
              .send(body)
          }
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
