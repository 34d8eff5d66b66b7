import type { Config } from '../config/schema.ts'
import { verifyTwilioSignature, type TwilioParams } from '../gateways/twilio/twilio-signature.ts'
import type { Gateways } from './create-gateways.ts'
import { refuse, type Refusal } from './refusal.ts'

export type TwilioWebhookRefusal =
  | 'trunk_not_found'
  | 'invalid_signature'
  | 'invalid_request'
  /** An incoming message not stored: too many waiting to be stored, or the store failed. */
  | 'inbound_busy'
  | 'inbound_unavailable'

/**
 * Checks a Twilio webhook's X-Twilio-Signature against the URL Twilio called:
 * the configured public base URL plus the request's path and query (behind a
 * proxy the local URL differs, REFERENCE.md).
 */
export function verifyTwilioWebhook(
  deps: { config: Config; gateways: Gateways },
  request: {
    trunk: string
    pathAndQuery: string
    params: TwilioParams
    signature: string | undefined
  },
): Refusal<TwilioWebhookRefusal> | undefined {
  const trunk = deps.config.trunks[request.trunk]
  if (trunk?.type !== 'twilio' || !deps.gateways.twilio(request.trunk)) {
    return refuse('trunk_not_found', `no running Twilio trunk ${JSON.stringify(request.trunk)}`)
  }
  const token = deps.config.secrets[trunk.authTokenEnv] ?? ''
  const url = deps.config.server.publicUrl.replace(/\/$/, '') + request.pathAndQuery
  if (!request.signature || !verifyTwilioSignature(token, url, request.params, request.signature)) {
    return refuse('invalid_signature', 'X-Twilio-Signature does not match this request')
  }
  return undefined
}

export type TwilioWebhookKind = 'status' | 'inbound'

/**
 * A verified Twilio webhook, handed to the trunk. A status callback becomes a receipt for the
 * outbox (repeats and stale statuses are harmless there), answered at once. An incoming
 * message is answered only once it is stored (decision 0009): a refusal (`inbound_busy`,
 * `inbound_unavailable`, with `retryAfterSeconds` in its details) means it was not, and
 * Twilio must offer it again. A repeated MessageSid is acknowledged and ignored.
 * @example await receiveTwilioWebhook(deps, 'inbound', { trunk, pathAndQuery, params, signature }) // { ok: true }
 */
export async function receiveTwilioWebhook(
  deps: { config: Config; gateways: Gateways },
  kind: TwilioWebhookKind,
  request: {
    trunk: string
    pathAndQuery: string
    params: TwilioParams
    signature: string | undefined
  },
): Promise<{ ok: true } | Refusal<TwilioWebhookRefusal>> {
  const refusal = verifyTwilioWebhook(deps, request)
  if (refusal) return refusal
  const twilio = deps.gateways.twilio(request.trunk)
  if (twilio === undefined) return refuse('trunk_not_found', 'the Twilio trunk stopped')
  if (kind === 'status') {
    const parsed = twilio.acceptStatusCallback(request.params)
    if (!parsed.ok) return refuse('invalid_request', parsed.detail, { reason: parsed.reason })
    return { ok: true }
  }
  const parsed = twilio.acceptInbound(request.params)
  if (!parsed.ok) return refuse('invalid_request', parsed.detail, { reason: parsed.reason })
  const refused = await parsed.answered
  if (refused === undefined) return { ok: true }
  return refused.refused === 'busy'
    ? refuse('inbound_busy', 'too many incoming messages waiting to be stored; offer it again', {
        retryAfterSeconds: refused.retryAfterSeconds,
      })
    : refuse('inbound_unavailable', 'the incoming message could not be stored; offer it again', {
        retryAfterSeconds: refused.retryAfterSeconds,
      })
}
