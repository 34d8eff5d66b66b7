import type { Config } from '../config/schema.ts'
import { verifyTwilioSignature, type TwilioParams } from '../gateways/twilio/twilio-signature.ts'
import type { Gateways } from './create-gateways.ts'
import { refuse, type Refusal } from './refusal.ts'

export type TwilioWebhookRefusal = 'trunk_not_found' | 'invalid_signature' | 'invalid_request'

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
 * A verified Twilio webhook, handed to the trunk: a status callback becomes a
 * receipt for the outbox (repeats and stale statuses are harmless there); an
 * incoming message goes to the inbound path (stored once per MessageSid,
 * keywords, conversations), so the HTTP answer need not wait for either.
 */
export function receiveTwilioWebhook(
  deps: { config: Config; gateways: Gateways },
  kind: TwilioWebhookKind,
  request: {
    trunk: string
    pathAndQuery: string
    params: TwilioParams
    signature: string | undefined
  },
): { ok: true } | Refusal<TwilioWebhookRefusal> {
  const refusal = verifyTwilioWebhook(deps, request)
  if (refusal) return refusal
  const twilio = deps.gateways.twilio(request.trunk)
  const parsed =
    kind === 'status'
      ? twilio?.acceptStatusCallback(request.params)
      : twilio?.acceptInbound(request.params)
  if (parsed && !parsed.ok)
    return refuse('invalid_request', parsed.detail, { reason: parsed.reason })
  return { ok: true }
}
