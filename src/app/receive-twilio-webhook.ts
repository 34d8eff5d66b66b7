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

/**
 * A verified status callback: parsed into a receipt and handed to the trunk's
 * receipt listeners (the outbox applies it; repeats and stale statuses are
 * harmless there).
 */
export function receiveTwilioStatus(
  deps: { config: Config; gateways: Gateways },
  request: {
    trunk: string
    pathAndQuery: string
    params: TwilioParams
    signature: string | undefined
  },
): { ok: true } | Refusal<TwilioWebhookRefusal> {
  const refusal = verifyTwilioWebhook(deps, request)
  if (refusal) return refusal
  const parsed = deps.gateways.twilio(request.trunk)?.acceptStatusCallback(request.params)
  if (parsed && !parsed.ok)
    return refuse('invalid_request', parsed.detail, { reason: parsed.reason })
  return { ok: true }
}

/**
 * A verified incoming-message webhook: handed to the trunk's inbound
 * listeners (stored, de-duplicated by MessageSid, keywords, routing), so the
 * HTTP answer need not wait for any of it.
 */
export function receiveTwilioInbound(
  deps: { config: Config; gateways: Gateways },
  request: {
    trunk: string
    pathAndQuery: string
    params: TwilioParams
    signature: string | undefined
  },
): { ok: true } | Refusal<TwilioWebhookRefusal> {
  const refusal = verifyTwilioWebhook(deps, request)
  if (refusal) return refusal
  const parsed = deps.gateways.twilio(request.trunk)?.acceptInbound(request.params)
  if (parsed && !parsed.ok)
    return refuse('invalid_request', parsed.detail, { reason: parsed.reason })
  return { ok: true }
}
