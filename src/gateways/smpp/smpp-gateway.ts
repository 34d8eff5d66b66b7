import type { Pdu, Session } from 'smpp'
import { splitSegments } from '../../domain/segments/split-segments.ts'
import {
  SendError,
  createInboundListeners,
  createListeners,
  inboundRefusalOf,
  silentLogger,
  type Clock,
  type Gateway,
  type GatewayLogger,
  type InboundRefusal,
  type OutboundSms,
  type Receipt,
  type SubmitResult,
} from '../gateway.ts'
import { pausesBind, sendErrorForCommandStatus } from './command-status-error.ts'
import { concatUdh } from './concatenation.ts'
import { createMoReassembler } from './mo-reassembler.ts'
import type { IdBase } from './normalise-carrier-id.ts'
import { readDeliverSm } from './read-deliver-sm.ts'
import { createReceiptCorrelator } from './receipt-correlator.ts'
import { receiptStatusOf } from './receipt-text.ts'
import { toSmppAddress, type SourceAddressing } from './smpp-address.ts'
import { createSmppConnection } from './smpp-connection.ts'
import { createSubmitWindow } from './submit-window.ts'

export interface SmppGatewayConfig extends SourceAddressing {
  name: string
  host: string
  port: number
  systemId: string
  password: string
  systemType?: string
  /** Most submit_sm awaiting their submit_sm_resp at once (10 is common). */
  window: number
  enquireLinkMs: number
  rebind: { initialMs: number; maxMs: number }
  /** How long the whole bind stops submitting after ESME_RTHROTTLED or ESME_RMSGQFUL. */
  throttleBackoffMs: number
  submitTimeoutMs: number
  /** Base of the ids in submit_sm_resp and in receipts; 'auto' (default) tries both. */
  submitIdBase?: IdBase
  receiptIdBase?: IdBase
  /** How long to wait for the missing parts of a concatenated incoming message (default 60 s). */
  moReassemblyMs?: number
}

export interface SmppGatewayDeps {
  clock: Clock
  logger?: GatewayLogger
  /** For rebind jitter; defaults to Math.random. */
  random?: () => number
}

/** An SMPP gateway; `kind` narrows the Gateway contract. */
export interface SmppGateway extends Gateway {
  readonly kind: 'smpp'
}

/**
 * The SMPP v3.4 adapter over one transceiver bind (the `smpp` package). Texts are split with
 * splitSegments and sent as data_coding 0 (SMSC default alphabet: the package writes GSM 03.38,
 * one septet per octet, extension characters as 0x1B pairs) or 8 (UCS-2 big-endian, surrogate
 * pairs kept whole). data_coding is always set explicitly: left empty, the package would pick
 * 0x01 (IA5) or 0x03 (Latin-1) itself, which many SMSCs render wrongly. Long texts carry the
 * concatenation UDH (05 00 03 ref total seq, esm_class 0x40), one submit_sm and one id per part.
 * @example
 * const gateway = createSmppGateway({ name: 'smpp-ca', host, port: 2775, systemId, password,
 *   window: 10, enquireLinkMs: 30_000, rebind: { initialMs: 1000, maxMs: 60_000 },
 *   throttleBackoffMs: 1000, submitTimeoutMs: 10_000 }, { clock })
 */
export function createSmppGateway(config: SmppGatewayConfig, deps: SmppGatewayDeps): SmppGateway {
  const logger = deps.logger ?? silentLogger
  const receipts = createListeners<Receipt>(logger, `${config.name}:receipt`)
  const inbound = createInboundListeners(logger, `${config.name}:inbound`)
  const window = createSubmitWindow(config.window)
  const inFlight = new Set<(error: SendError) => void>()
  const ids = createReceiptCorrelator({
    submitIdBase: config.submitIdBase ?? 'auto',
    receiptIdBase: config.receiptIdBase ?? 'auto',
    maxIds: 100_000,
  })
  let moCounter = 0
  let concatRef = Math.floor((deps.random ?? Math.random)() * 256)
  const mo = createMoReassembler({
    timeoutMs: config.moReassemblyMs ?? 60_000,
    maxPending: 1000,
    onMessage: ({ from, to, body, complete }) => {
      const receivedAt = deps.clock.now()
      if (!complete) logger.warn({ gateway: config.name, from }, 'incoming message missing parts')
      const answered = inbound.deliver({
        carrierId: `${config.name}:mo:${receivedAt}:${++moCounter}`,
        from,
        to,
        body,
        receivedAt,
      })
      if (!complete) {
        // flushed after a timeout: no deliver_sm is waiting for this verdict
        void answered.then((refusal) => {
          if (refusal) logger.error({ gateway: config.name, from }, 'incomplete message lost')
        })
      }
      return answered
    },
  })
  const connection = createSmppConnection(
    { ...config, bindTimeoutMs: config.submitTimeoutMs },
    { clock: deps.clock, logger, random: deps.random ?? Math.random },
    {
      onLost: (reason) => {
        window.rejectWaiting(
          new SendError('not_bound', true, `${config.name}: bind lost (${reason})`),
        )
        for (const fail of [...inFlight]) {
          fail(
            new SendError('unavailable', true, `${config.name}: bind lost before submit_sm_resp`, {
              mayHaveBeenSent: true,
            }),
          )
        }
      },
      onDeliverSm: handleDeliverSm,
    },
  )

  function notBound(): SendError {
    return new SendError('not_bound', true, `${config.name} is not bound`)
  }

  async function submitPart(fields: Record<string, unknown>): Promise<string> {
    const release = await window.acquire()
    const session = connection.bound()
    if (session === undefined) {
      release()
      throw notBound()
    }
    return new Promise<string>((resolve, reject) => {
      let settled = false
      const settle = (outcome: () => void): void => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        inFlight.delete(fail)
        release()
        outcome()
      }
      const fail = (error: SendError): void => settle(() => reject(error))
      const timer = setTimeout(() => {
        fail(
          new SendError('timeout', true, `no submit_sm_resp within ${config.submitTimeoutMs} ms`, {
            mayHaveBeenSent: true,
          }),
        )
      }, config.submitTimeoutMs)
      inFlight.add(fail)
      const written = session.submit_sm(fields, (resp) => {
        if (resp.command_status === 0) {
          const id = typeof resp.message_id === 'string' ? resp.message_id : ''
          // Filed at once: a part's receipt may arrive before the other parts' responses.
          ids.remember(id)
          settle(() => resolve(id))
          return
        }
        // Pause before the slot is released so no waiting submit slips through.
        if (pausesBind(resp.command_status)) window.pause(config.throttleBackoffMs)
        const error = sendErrorForCommandStatus(resp.command_status)
        if (error.code === 'not_bound') connection.rebindNow('SMSC answered ESME_RINVBNDSTS')
        fail(error)
      })
      if (!written) fail(notBound())
    })
  }

  async function send(sms: OutboundSms): Promise<SubmitResult> {
    if (connection.bound() === undefined) throw notBound()
    const { encoding, parts } = splitSegments(sms.body)
    if (parts.length > 255) {
      throw new SendError('rejected', false, `${parts.length} parts: concatenation allows 255`)
    }
    const source = toSmppAddress(sms.from, config)
    const dest = toSmppAddress(sms.to)
    const common = {
      source_addr_ton: source.ton,
      source_addr_npi: source.npi,
      source_addr: source.addr,
      dest_addr_ton: dest.ton,
      dest_addr_npi: dest.npi,
      destination_addr: dest.addr,
      registered_delivery: 1, // a final receipt, success or failure
      data_coding: encoding === 'gsm7' ? 0 : 8,
    }
    const ref = (concatRef = (concatRef + 1) % 256)
    const outcomes = await Promise.allSettled(
      parts.map((message, i) =>
        submitPart(
          parts.length === 1
            ? { ...common, esm_class: 0, short_message: message }
            : {
                ...common,
                esm_class: 0x40,
                short_message: {
                  udh: concatUdh({ ref, total: parts.length, seq: i + 1 }),
                  message,
                },
              },
        ),
      ),
    )
    const carrierIds = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []))
    const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')
    if (failure !== undefined) {
      const cause: unknown = failure.reason
      if (!(cause instanceof SendError)) throw cause
      if (carrierIds.length === 0) throw cause
      // Some parts left: a retry resends them all under a new ref (the handset may show a stray part).
      throw new SendError(
        cause.code,
        cause.retryable,
        `${cause.message} (${carrierIds.length}/${parts.length} parts accepted)`,
        {
          cause,
          ...(cause.carrierCode === undefined ? {} : { carrierCode: cause.carrierCode }),
          mayHaveBeenSent: true,
        },
      )
    }
    return { carrierIds, segments: parts.length }
  }

  function handleDeliverSm(pdu: Pdu, session: Session): void {
    // Always answer (an unanswered deliver_sm is redelivered by the SMSC forever), but a
    // receipt or a customer's text only once its listeners have stored it: if the process dies
    // first, the SMSC delivers it again on the next bind instead of it being lost.
    const message = readDeliverSm(pdu)
    if (message.kind === 'invalid') {
      session.send(pdu.response())
      logger.warn({ gateway: config.name, reason: message.reason }, 'unreadable deliver_sm')
      return
    }
    if (message.kind === 'mo') {
      const completed = mo.add(message)
      // A part that leaves its message incomplete is acknowledged at once: holding it could
      // stall an SMSC that sends the next part only after this answer (decision 0009).
      if (completed === undefined) {
        session.send(pdu.response())
        return
      }
      void Promise.resolve(completed.answered).then((answer: unknown) => {
        const refusal = inboundRefusalOf(answer)
        if (refusal) completed.putBack()
        session.send(
          refusal ? pdu.response({ command_status: moRefusalStatus(refusal) }) : pdu.response(),
        )
      })
      return
    }
    const status = receiptStatusOf(message.stat)
    if (status === undefined || status === 'ignore') {
      session.send(pdu.response())
      if (status === undefined)
        logger.warn({ gateway: config.name, stat: message.stat }, 'unknown receipt stat')
      return
    }
    const submitted = ids.match(message.id)
    if (submitted === undefined)
      logger.warn({ gateway: config.name, id: message.id }, 'receipt for an unknown id')
    const carrierId = submitted ?? message.id
    const receipt: Receipt = {
      carrierId,
      status,
      carrierStatus: message.stat,
      occurredAt: deps.clock.now(),
    }
    if (message.err !== undefined) receipt.errorCode = message.err
    void receipts.emitAndWait(receipt).then(() => {
      // forgotten once stored: a copy sent again before that still finds its id
      if (status !== 'sent' && submitted !== undefined) ids.forget(submitted)
      session.send(pdu.response())
    })
  }

  return {
    name: config.name,
    kind: 'smpp',
    secrets: [config.password],
    // Resolves once the first bind attempt has an outcome; never throws (health tells).
    start: () => connection.start(),
    stop: async () => {
      window.rejectWaiting(new SendError('not_bound', true, `${config.name} is stopping`))
      await connection.stop()
      window.close()
      mo.flushAll()
    },
    send,
    onReceipt: receipts.add,
    onInbound: inbound.add,
    health: () => connection.health(),
  }
}

/**
 * The deliver_sm_resp status that asks the SMSC to offer a text again later (SMPP v3.4
 * §5.1.3): ESME_RTHROTTLED (0x58) when too many texts are waiting to be stored,
 * ESME_RX_T_APPN (0x64, "ESME receiver temporary app error") when storing failed.
 */
function moRefusalStatus(refusal: InboundRefusal): number {
  return refusal.refused === 'busy' ? 0x58 : 0x64
}
