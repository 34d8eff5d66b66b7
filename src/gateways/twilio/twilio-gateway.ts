import {
  SendError,
  createInboundListeners,
  createListeners,
  silentLogger,
  type Clock,
  type Gateway,
  type GatewayHealth,
  type GatewayLogger,
  type InboundRefusal,
  type OutboundSms,
  type Receipt,
  type SubmitResult,
} from '../gateway.ts'
import type { TwilioParams } from './twilio-signature.ts'
import {
  parseInboundWebhook,
  parseStatusCallback,
  type InboundParse,
  type StatusCallbackParse,
} from './twilio-status.ts'
import { translateTwilioFailure, translateTwilioHttpError } from './twilio-errors.ts'

export interface TwilioGatewayConfig {
  name: string
  accountSid: string
  authToken: string
  /** `https://api.twilio.com` in production; a local server in tests. */
  baseUrl: string
  statusCallbackUrl?: string
  timeoutMs: number
}

export interface TwilioGatewayDeps {
  fetch: typeof fetch
  clock: Clock
  logger?: GatewayLogger
}

/** A Twilio gateway also takes the webhooks the HTTP layer receives (after checking signatures). */
export interface TwilioGateway extends Gateway {
  readonly kind: 'twilio'
  /** Parses a status callback and, when it carries news, emits it to receipt listeners. */
  acceptStatusCallback(params: TwilioParams): StatusCallbackParse
  /**
   * Parses an incoming-message webhook and hands it to the inbound listeners; `answered` says
   * whether they stored it (undefined) or refused it (answer 503: Twilio offers it again).
   */
  acceptInbound(params: TwilioParams): InboundAcceptance
}

export type InboundAcceptance =
  { ok: true; answered: Promise<InboundRefusal | undefined> } | Extract<InboundParse, { ok: false }>

/**
 * Creates the Twilio adapter: `send` posts to the Messages API and translates every failure into
 * a SendError at this border; receipts and inbound messages are fed in by the HTTP layer.
 * @example
 * const twilio = createTwilioGateway(
 *   { name: 'twilio-ca', accountSid, authToken, baseUrl: 'https://api.twilio.com', timeoutMs: 10_000 },
 *   { fetch, clock: { now: () => Date.now() } },
 * )
 */
export function createTwilioGateway(
  config: TwilioGatewayConfig,
  deps: TwilioGatewayDeps,
): TwilioGateway {
  const logger = deps.logger ?? silentLogger
  const receipts = createListeners<Receipt>(logger, `${config.name}:receipt`)
  const inbound = createInboundListeners(logger, `${config.name}:inbound`)
  const base = config.baseUrl.replace(/\/+$/, '')
  const messagesUrl = `${base}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`
  const authorization = `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString('base64')}`
  let health: GatewayHealth = { state: 'down', detail: 'not started', since: deps.clock.now() }
  let started = false

  function setHealth(state: GatewayHealth['state'], detail?: string): void {
    if (health.state === state && health.detail === detail) return
    health =
      detail === undefined
        ? { state, since: deps.clock.now() }
        : { state, detail, since: deps.clock.now() }
  }

  async function send(sms: OutboundSms): Promise<SubmitResult> {
    if (!started) throw new SendError('not_bound', true, `${config.name} is not started`)
    const form = new URLSearchParams({ To: sms.to, From: sms.from, Body: sms.body })
    if (config.statusCallbackUrl !== undefined) form.set('StatusCallback', config.statusCallbackUrl)
    const signal = AbortSignal.timeout(config.timeoutMs)
    let response: Response
    let text: string
    try {
      response = await deps.fetch(messagesUrl, {
        method: 'POST',
        headers: {
          authorization,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: form.toString(),
        signal,
      })
      text = await response.text()
    } catch (cause) {
      const error = translateTwilioFailure(cause, signal.aborted, config.timeoutMs)
      if (error.code === 'unavailable') setHealth('down', error.message)
      throw error
    }
    if (!response.ok) {
      const error = translateTwilioHttpError(response.status, text)
      if (error.code === 'unavailable') setHealth('down', error.message)
      else if (error.code === 'auth_failed') setHealth('down', 'credentials refused')
      else setHealth('up')
      logger.warn(
        { messageId: sms.messageId, status: response.status, code: error.carrierCode },
        'twilio refused a message',
      )
      throw error
    }
    setHealth('up')
    return parseCreatedMessage(text, sms.messageId)
  }

  return {
    name: config.name,
    kind: 'twilio',
    secrets: [config.authToken],
    start: () => {
      started = true
      setHealth('up')
      return Promise.resolve()
    },
    stop: () => {
      started = false
      setHealth('down', 'stopped')
      return Promise.resolve()
    },
    send,
    onReceipt: receipts.add,
    onInbound: inbound.add,
    health: () => health,
    acceptStatusCallback: (params) => {
      const parsed = parseStatusCallback(params, deps.clock.now())
      if (parsed.ok && parsed.receipt !== undefined) receipts.emit(parsed.receipt)
      return parsed
    },
    acceptInbound: (params) => {
      const parsed = parseInboundWebhook(params, deps.clock.now())
      return parsed.ok ? { ok: true, answered: inbound.deliver(parsed.inbound) } : parsed
    },
  }
}

function parseCreatedMessage(text: string, messageId: string): SubmitResult {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch (cause) {
    throw new SendError(
      'unknown',
      false,
      `Twilio accepted ${messageId} but its answer is not JSON`,
      {
        cause,
        mayHaveBeenSent: true,
      },
    )
  }
  const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
  const sid = record.sid
  if (typeof sid !== 'string' || sid === '') {
    throw new SendError('unknown', false, `Twilio accepted ${messageId} without a sid`, {
      mayHaveBeenSent: true,
    })
  }
  // Twilio returns num_segments as a string ("2"); absent or odd values count as one.
  const raw = record.num_segments
  const segments =
    typeof raw === 'string' || typeof raw === 'number' ? Number.parseInt(String(raw), 10) : 1
  return { carrierIds: [sid], segments: Number.isInteger(segments) && segments > 0 ? segments : 1 }
}
