/**
 * The contract every carrier adapter (Twilio, SMPP, sandbox) implements. Carrier vocabulary
 * (HTTP codes, command_status, stat:DELIVRD…) is translated into these words at the border, so
 * the outbox and the rest of Parley never see a carrier-specific value except as `carrier*`
 * fields kept for diagnostics.
 */

/** One SMS to submit. `messageId` is Parley's id, used only for logs and correlation. */
export interface OutboundSms {
  messageId: string
  from: string
  to: string
  body: string
}

/** What the carrier accepted. SMPP multipart gives one id per part, in part order. */
export interface SubmitResult {
  carrierIds: string[]
  segments: number
}

export type SendErrorCode =
  | 'throttled'
  | 'unavailable'
  | 'timeout'
  | 'rejected'
  | 'invalid_number'
  | 'opted_out'
  | 'auth_failed'
  | 'not_bound'
  | 'unknown'

export interface SendErrorOptions {
  cause?: unknown
  /** The carrier's own code (Twilio error code, SMPP command_status) for diagnostics. */
  carrierCode?: string
  /** True when the carrier may have accepted the message although we saw a failure. */
  mayHaveBeenSent?: boolean
}

/**
 * Thrown by every `Gateway.send`. The outbox retries only when `retryable` is true; when
 * `mayHaveBeenSent` is true a retry may produce a duplicate, which the outbox may accept or not.
 * @example throw new SendError('throttled', true, 'Twilio answered 429', { carrierCode: '20429' })
 */
export class SendError extends Error {
  override readonly name = 'SendError'
  readonly carrierCode: string | undefined
  readonly mayHaveBeenSent: boolean

  constructor(
    readonly code: SendErrorCode,
    readonly retryable: boolean,
    message: string,
    options: SendErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.carrierCode = options.carrierCode
    this.mayHaveBeenSent = options.mayHaveBeenSent ?? false
  }
}

/** Final statuses are delivered, undelivered and failed; 'sent' means the carrier has it. */
export type ReceiptStatus = 'sent' | 'delivered' | 'undelivered' | 'failed'

/** A delivery report. `carrierId` equals one of the ids `send` returned for the message. */
export interface Receipt {
  carrierId: string
  status: ReceiptStatus
  /** The carrier's own word (Twilio `undelivered`, SMPP `UNDELIV`), kept for diagnostics. */
  carrierStatus: string
  errorCode?: string
  occurredAt: number
}

/** A mobile-originated message, already reassembled when it came in several parts. */
export interface InboundSms {
  carrierId: string
  from: string
  to: string
  body: string
  receivedAt: number
}

/** A listener could not store an inbound text: the carrier should offer it again later. */
export interface InboundRefusal {
  /** busy: too many texts waiting to be stored; unavailable: the store failed. */
  refused: 'busy' | 'unavailable'
  retryAfterSeconds: number
}

/** The refusal a listener answered with, if that is what `value` is. */
export function inboundRefusalOf(value: unknown): InboundRefusal | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const { refused, retryAfterSeconds } = value as Partial<InboundRefusal>
  return (refused === 'busy' || refused === 'unavailable') && typeof retryAfterSeconds === 'number'
    ? { refused, retryAfterSeconds }
    : undefined
}

export interface GatewayHealth {
  state: 'up' | 'down' | 'connecting' | 'disabled'
  detail?: string
  since: number
}

export interface Gateway {
  readonly name: string
  readonly kind: 'twilio' | 'smpp' | 'sandbox'
  start(): Promise<void>
  stop(): Promise<void>
  /** @throws {SendError} */
  send(sms: OutboundSms): Promise<SubmitResult>
  /**
   * Where receipts go. A listener may return a promise: a protocol that acknowledges receipts
   * (SMPP's deliver_sm_resp) acknowledges only once it settles, so a receipt the process dies
   * before storing is sent again by the carrier instead of being lost.
   */
  onReceipt(listener: (r: Receipt) => unknown): void
  /**
   * Where mobile-originated texts go. A listener may return (a promise of) an InboundRefusal:
   * the carrier is then asked to offer the text again later (HTTP 503, an SMPP temporary
   * error). Anything else, once settled, means the text is stored and the carrier is answered;
   * a listener that throws or rejects counts as a refusal (decision 0009).
   */
  onInbound(listener: (m: InboundSms) => unknown): void
  health(): GatewayHealth
  /** Values to scrub from logs (passwords, tokens). */
  readonly secrets: readonly string[]
}

/** Time source, injected so tests control it and nothing calls Date.now() directly. */
export interface Clock {
  now(): number
}

/** The part of pino's logger that gateways use. */
export interface GatewayLogger {
  info(obj: object, msg: string): void
  warn(obj: object, msg: string): void
  error(obj: object, msg: string): void
}

/** Discards everything; the default when no logger is injected. */
export const silentLogger: GatewayLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
}

/**
 * Small listener registry shared by the adapters; one failing listener does not stop others
 * (a bug in one subscriber must not lose a receipt for the rest).
 * @example const receipts = createListeners<Receipt>(logger, 'twilio:receipt'); receipts.emit(r)
 */
export function createListeners<T>(
  logger: GatewayLogger,
  label: string,
): {
  /** A listener's promise, if it returns one, is what emitAndWait waits for. */
  add: (listener: (value: T) => unknown) => void
  emit: (value: T) => void
  /** Emits, then waits for every listener's promise to settle (never rejects). */
  emitAndWait: (value: T) => Promise<void>
} {
  const listeners: ((value: T) => unknown)[] = []
  const emitAndWait = async (value: T): Promise<void> => {
    const pending: Promise<unknown>[] = []
    for (const listener of listeners) {
      try {
        const result = listener(value)
        if (result instanceof Promise) pending.push(result)
      } catch (err) {
        logger.error({ err, label }, 'gateway listener threw')
      }
    }
    for (const outcome of await Promise.allSettled(pending)) {
      if (outcome.status === 'rejected')
        logger.error({ err: outcome.reason as unknown, label }, 'gateway listener failed')
    }
  }
  return {
    add: (listener) => {
      listeners.push(listener)
    },
    emit: (value) => void emitAndWait(value),
    emitAndWait,
  }
}

/**
 * The inbound listeners of an adapter. `deliver` hands a text to every listener and resolves
 * with the first refusal (or undefined: stored, answer the carrier); a listener that throws or
 * rejects is logged and counts as an `unavailable` refusal, since the text may not be stored.
 * @example const inbound = createInboundListeners(logger, 'smpp:inbound'); const refusal = await inbound.deliver(sms)
 */
export function createInboundListeners(
  logger: GatewayLogger,
  label: string,
): {
  add: (listener: (m: InboundSms) => unknown) => void
  deliver: (sms: InboundSms) => Promise<InboundRefusal | undefined>
} {
  const listeners: ((m: InboundSms) => unknown)[] = []
  return {
    add: (listener) => {
      listeners.push(listener)
    },
    deliver: async (sms) => {
      const answers = await Promise.allSettled(
        listeners.map(async (listener) => await listener(sms)),
      )
      for (const answer of answers) {
        if (answer.status === 'rejected') {
          logger.error({ err: answer.reason as unknown, label }, 'inbound listener failed')
          return { refused: 'unavailable', retryAfterSeconds: 1 }
        }
        const refusal = inboundRefusalOf(answer.value)
        if (refusal) return refusal
      }
      return undefined
    },
  }
}
