import { countSegments } from '../../domain/segments/count-segments.ts'
import {
  SendError,
  createListeners,
  silentLogger,
  type Clock,
  type Gateway,
  type GatewayHealth,
  type GatewayLogger,
  type InboundSms,
  type OutboundSms,
  type Receipt,
  type ReceiptStatus,
  type SubmitResult,
} from '../gateway.ts'

export interface SandboxGatewayConfig {
  name: string
  /** Time between 'sent' and the final receipt. */
  deliveryDelayMs: number
  /** Numbers whose sends throw SendError('unavailable', retryable). */
  failTemporary: readonly string[]
  /**
   * Numbers the carrier accepts but cannot deliver to: 'sent' then 'undelivered' with error
   * code SANDBOX_UNREACHABLE, as a real carrier reports a dead handset only later. This drives
   * the receipt path; use `rejectAtSubmit` to drive the non-retryable SendError path.
   */
  failPermanent: readonly string[]
  /** Numbers refused at submit with SendError('invalid_number', not retryable). */
  rejectAtSubmit?: readonly string[]
  /** Messages kept per simulated phone (default 100); the oldest go first. */
  inboxLimit?: number
}

export interface SandboxGatewayDeps {
  clock: Clock
  setTimeout?: (run: () => void, ms: number) => unknown
  clearTimeout?: (handle: unknown) => void
  /** Carrier id generator; defaults to 'SB' + a counter. */
  newId?: () => string
  /**
   * Id generator for the phones' texts; defaults to 'SBMO' + a counter. A store that outlives
   * the process needs ids unique across restarts: inbound texts are deduplicated by carrier id.
   */
  newInboundId?: () => string
  logger?: GatewayLogger
}

/** One message in a simulated phone's conversation. */
export interface PhoneMessage {
  direction: 'received' | 'sent'
  carrierId: string
  /** The other party: Parley's number. */
  peer: string
  body: string
  at: number
}

export interface SandboxGateway extends Gateway {
  readonly kind: 'sandbox'
  /** A simulated phone texts Parley: emitted to inbound listeners at once. */
  simulateInbound(message: { from: string; to: string; body: string }): InboundSms
  /** What a simulated phone received (delivered messages only), oldest first. */
  phoneInbox(number: string): PhoneMessage[]
  /** Both directions, for a UI showing the phone's conversation. */
  phoneThread(number: string): PhoneMessage[]
}

const MAX_PHONES = 1000

/**
 * An in-process carrier for demos, development and tests: accepts every send (except the
 * configured failing numbers), emits 'sent' then, after `deliveryDelayMs`, 'delivered', and keeps
 * what each simulated phone received.
 * @example
 * const sandbox = createSandboxGateway(
 *   { name: 'sandbox', deliveryDelayMs: 500, failTemporary: [], failPermanent: ['+15145550199'] },
 *   { clock: { now: () => Date.now() } },
 * )
 */
export function createSandboxGateway(
  config: SandboxGatewayConfig,
  deps: SandboxGatewayDeps,
): SandboxGateway {
  const logger = deps.logger ?? silentLogger
  const schedule = deps.setTimeout ?? ((run: () => void, ms: number) => setTimeout(run, ms))
  const cancel = deps.clearTimeout ?? ((handle: unknown) => clearTimeout(handle as NodeJS.Timeout))
  let counter = 0
  const newId = deps.newId ?? (() => `SB${String(++counter).padStart(10, '0')}`)
  const receipts = createListeners<Receipt>(logger, `${config.name}:receipt`)
  const inbound = createListeners<InboundSms>(logger, `${config.name}:inbound`)
  const phones = new Map<string, PhoneMessage[]>()
  const pending = new Set<unknown>()
  const limit = config.inboxLimit ?? 100
  let moCounter = 0
  const newInboundId = deps.newInboundId ?? (() => `SBMO${String(++moCounter).padStart(8, '0')}`)
  let started = false
  let health: GatewayHealth = { state: 'down', detail: 'not started', since: deps.clock.now() }

  function later(ms: number, run: () => void): void {
    const handle = schedule(() => {
      pending.delete(handle)
      run()
    }, ms)
    pending.add(handle)
  }

  function record(phone: string, message: PhoneMessage): void {
    const thread = phones.get(phone) ?? []
    phones.delete(phone) // re-insert: the map's order is least recently used first
    thread.push(message)
    if (thread.length > limit) thread.splice(0, thread.length - limit)
    phones.set(phone, thread)
    if (phones.size > MAX_PHONES) {
      const oldest = phones.keys().next().value
      if (oldest !== undefined) phones.delete(oldest)
    }
  }

  function emitReceipt(carrierId: string, status: ReceiptStatus, errorCode?: string): void {
    const receipt: Receipt = {
      carrierId,
      status,
      carrierStatus: status,
      occurredAt: deps.clock.now(),
    }
    if (errorCode !== undefined) receipt.errorCode = errorCode
    receipts.emit(receipt)
  }

  function send(sms: OutboundSms): Promise<SubmitResult> {
    if (!started)
      return Promise.reject(new SendError('not_bound', true, `${config.name} is not started`))
    if (config.failTemporary.includes(sms.to)) {
      return Promise.reject(
        new SendError('unavailable', true, `sandbox: ${sms.to} fails temporarily`),
      )
    }
    if (config.rejectAtSubmit?.includes(sms.to) === true) {
      return Promise.reject(new SendError('invalid_number', false, `sandbox: ${sms.to} is refused`))
    }
    const carrierId = newId()
    const unreachable = config.failPermanent.includes(sms.to)
    // 'sent' waits a turn so the caller has recorded the id before any receipt names it.
    later(0, () => emitReceipt(carrierId, 'sent'))
    later(config.deliveryDelayMs, () => {
      if (unreachable) {
        emitReceipt(carrierId, 'undelivered', 'SANDBOX_UNREACHABLE')
        return
      }
      record(sms.to, {
        direction: 'received',
        carrierId,
        peer: sms.from,
        body: sms.body,
        at: deps.clock.now(),
      })
      emitReceipt(carrierId, 'delivered')
    })
    return Promise.resolve({ carrierIds: [carrierId], segments: countSegments(sms.body).segments })
  }

  return {
    name: config.name,
    kind: 'sandbox',
    secrets: [],
    start: () => {
      started = true
      health = { state: 'up', since: deps.clock.now() }
      return Promise.resolve()
    },
    stop: () => {
      started = false
      for (const handle of pending) cancel(handle)
      pending.clear()
      health = { state: 'down', detail: 'stopped', since: deps.clock.now() }
      return Promise.resolve()
    },
    send,
    onReceipt: receipts.add,
    onInbound: inbound.add,
    health: () => health,
    simulateInbound: ({ from, to, body }) => {
      const receivedAt = deps.clock.now()
      const message: InboundSms = {
        carrierId: newInboundId(),
        from,
        to,
        body,
        receivedAt,
      }
      record(from, {
        direction: 'sent',
        carrierId: message.carrierId,
        peer: to,
        body,
        at: receivedAt,
      })
      inbound.emit(message)
      return message
    },
    phoneInbox: (number) => (phones.get(number) ?? []).filter((m) => m.direction === 'received'),
    phoneThread: (number) => [...(phones.get(number) ?? [])],
  }
}
