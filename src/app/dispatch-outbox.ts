import type { Logger } from 'pino'
import type { Config, ProgramConfig, SenderConfig } from '../config/schema.ts'
import { checkSendPolicy, type MessagePurpose } from '../domain/consent/check-send-policy.ts'
import { nextAttemptAt } from '../domain/outbox/backoff.ts'
import {
  CLOSED_BREAKER,
  isTrunkUsable,
  recordTrunkResult,
  type TrunkBreaker,
} from '../domain/outbox/trunk-breaker.ts'
import { SendError, type Gateway } from '../gateways/gateway.ts'
import type { Store } from '../store/connect.ts'
import { getConsentStatuses } from '../store/consents.ts'
import type { ConsentStatus } from '../domain/consent/consent-event.ts'
import { moveMessageStatus, type MessageRecord } from '../store/messages.ts'
import {
  claimDueMessages,
  deferMessage,
  recordCarrierRefs,
  recoverExpiredLeases,
  requeueAllSending,
  scheduleRetry,
} from '../store/outbox.ts'
import type { ReceiptApplier } from './apply-receipt.ts'
import type { Gateways } from './create-gateways.ts'
import type { Clock, Random } from './ports.ts'
import type { GroupCommit } from './group-commit.ts'
import type { SecretBodies } from './secret-bodies.ts'
import { createSendSchedule, type SendSchedule } from './send-schedule.ts'

export interface DispatcherOptions {
  /** Most messages being sent at once (across trunks). */
  maxInFlight: number
  /** Rows claimed per query. */
  batchSize: number
  /** A claimed row's lease; after it, a crashed sender's rows are requeued. */
  leaseMs: number
  /** Wait in-process for a throughput slot up to this long; beyond it, hand the row back. */
  holdMs: number
  /** Idle polling interval when nothing is due and no one woke us. */
  pollMs: number
  /**
   * At start, requeue every `sending` row without waiting for its lease. Only
   * when no other dispatcher can share the store (SQLite under the instance
   * lock): such rows were left by a process that died mid-send.
   */
  requeueOnStart: boolean
}

export const DEFAULT_DISPATCHER_OPTIONS: DispatcherOptions = {
  maxInFlight: 200,
  batchSize: 100,
  leaseMs: 60_000,
  holdMs: 1_000,
  pollMs: 250,
  requeueOnStart: false,
}

export interface Dispatcher {
  start(): void
  /** Stops claiming, waits for in-flight sends to settle. */
  stop(): Promise<void>
  /** Something became due: look now rather than at the next poll. */
  wake(): void
  /** One claim-and-send pass; resolves when that pass's sends are done (tests, benchmarks). */
  drain(): Promise<number>
  readonly inFlight: number
  /** This process's breaker for a trunk (closed when it has never failed), for the admin view. */
  breaker(trunk: string): TrunkBreaker
}

export interface DispatcherDeps {
  config: Config
  store: Store
  clock: Clock
  random: Random
  logger: Logger
  gateways: Gateways
  receipts: ReceiptApplier
  onUndeliverable: (messageId: string) => void
  secretBodies: SecretBodies
  commits: GroupCommit
  /** Shared with whatever creates texts, so that new texts can be scheduled behind a backlog. */
  schedule?: SendSchedule
  options?: Partial<DispatcherOptions>
}

/**
 * The outbox dispatcher: claims due messages (high lane first), re-checks
 * consent, keeps each sender within its throughput (segments per second),
 * submits through the sender's trunk — or the program's failover trunk while
 * the primary's breaker is open — and records the outcome: sent with carrier
 * ids, a retry with backoff and jitter until the deadline, or a final failure
 * that triggers the e-mail fallback.
 */
export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const options = { ...DEFAULT_DISPATCHER_OPTIONS, ...deps.options }
  const { config, store, clock, logger } = deps
  const schedule = deps.schedule ?? createSendSchedule(config)
  const breakers = new Map<string, TrunkBreaker>()
  const senders = new Map(config.senders.map((s) => [s.number, s]))
  const programs = new Map(config.programs.map((p) => [p.id, p]))
  const inFlight = new Set<Promise<void>>()
  let running = false
  let loop: Promise<void> | undefined
  let wakeUp: (() => void) | undefined
  let lastRecovery = 0

  /** Woken since the last claim began: claim again rather than wait. */
  let wanted = false
  const wake = () => {
    wanted = true
    wakeUp?.()
  }

  /** Claims what is due and starts sending it; `full` when there may be more due now. */
  const claimAndSend = async (): Promise<{ started: Promise<void>[]; full: boolean }> => {
    wanted = false
    const now = clock.now()
    if (now - lastRecovery > 5_000) {
      lastRecovery = now
      const recovered = await recoverExpiredLeases(store.db, now)
      if (recovered > 0)
        logger.warn({ recovered }, 'requeued messages whose sender stopped mid-send')
    }
    const room = options.maxInFlight - inFlight.size
    if (room <= 0) return { started: [], full: false }
    const limit = Math.min(options.batchSize, room)
    const claimed = await claimDueMessages(store.db, store.dialect, {
      now,
      limit,
      leaseMs: options.leaseMs,
      holder: deps.secretBodies.holder,
    })
    const consent = await consentOf(claimed)
    const started = claimed.map((message) => {
      const task = handle(message, consent.get(`${message.program ?? ''}\u0000${message.to}`))
        .catch((error: unknown) =>
          logger.error({ err: error, messageId: message.id }, 'dispatch failed'),
        )
        .finally(() => {
          inFlight.delete(task)
          // a slot came free where none was: what could not be claimed for want of room can be
          if (inFlight.size === options.maxInFlight - 1) wake()
        })
      inFlight.add(task)
      return task
    })
    return { started, full: claimed.length === limit }
  }

  /** Consent at send time for a whole claimed batch: one query per program, not one per text. */
  const consentOf = async (messages: readonly MessageRecord[]) => {
    const byProgram = new Map<string, string[]>()
    for (const m of messages) {
      const phones = byProgram.get(m.program ?? '') ?? []
      phones.push(m.to)
      byProgram.set(m.program ?? '', phones)
    }
    const statuses = new Map<string, ConsentStatus>()
    for (const [program, phones] of byProgram) {
      for (const [phone, status] of await getConsentStatuses(store.db, program, phones)) {
        statuses.set(`${program}\u0000${phone}`, status)
      }
    }
    return statuses
  }

  const handle = async (
    message: MessageRecord,
    consent: ConsentStatus | undefined,
  ): Promise<void> => {
    const now = clock.now()
    if (message.expiresAt !== undefined && now > message.expiresAt) {
      await finish(message, 'expired', { reason: 'expired before it could be sent' })
      return
    }
    const program = message.program ? programs.get(message.program) : undefined
    const policy = checkSendPolicy({
      status: consent ?? 'unknown',
      purpose: policyPurpose(message.purpose),
      program: { requiresOptIn: program?.requiresOptIn ?? true },
    })
    if (!policy.allowed) {
      await finish(message, 'blocked', { reason: policy.reason })
      return
    }
    const sender = senders.get(message.from)
    const trunk = chooseTrunk(message, sender, program, now)
    const gateway = deps.gateways.all.get(trunk)
    if (!gateway) {
      await finish(message, 'failed', { reason: `trunk ${trunk} is not running` })
      return
    }
    const at = schedule.book(message.from, message.segments, now, options.holdMs)
    if (at === undefined) {
      // over the sender's throughput: back to a slot of its own, when it can go
      const slot = schedule.slot(message.from, message.segments, now)
      await deps.commits.run((trx) => deferMessage(trx, message.id, slot))
      return
    }
    if (at > now) await sleep(at - now)
    await submit(message, gateway)
  }

  const chooseTrunk = (
    message: MessageRecord,
    sender: SenderConfig | undefined,
    program: ProgramConfig | undefined,
    now: number,
  ) => {
    if (message.trunk) return message.trunk // a test key's sandbox, or a pinned trunk
    const primary = deps.gateways.trunkForSender(sender)
    const failover = program?.failoverTrunk
    const usable = isTrunkUsable(breakers.get(primary) ?? CLOSED_BREAKER, now)
    return !usable && failover && deps.gateways.all.has(failover) ? failover : primary
  }

  const submit = async (message: MessageRecord, gateway: Gateway): Promise<void> => {
    const body =
      message.purpose === 'verification'
        ? deps.secretBodies.get(message.id, clock.now())
        : message.body
    if (body === undefined) {
      const reason = 'the one-time code was lost (restart or expiry)'
      await finish(message, 'failed', { reason, code: 'secret_lost' })
      return
    }
    try {
      const result = await gateway.send({
        messageId: message.id,
        from: message.from,
        to: message.to,
        body,
      })
      deps.secretBodies.forget(message.id)
      breakers.set(
        gateway.name,
        recordTrunkResult(breakers.get(gateway.name) ?? CLOSED_BREAKER, 'success', clock.now()),
      )
      // one commit for every send that finished meanwhile (group commit)
      await deps.commits.run(async (trx) => {
        await recordCarrierRefs(trx, {
          trunk: gateway.name,
          messageId: message.id,
          carrierIds: result.carrierIds,
        })
        await moveMessageStatus(trx, {
          id: message.id,
          to: 'sent',
          at: clock.now(),
          eventId: deps.random.id(),
          detail: { trunk: gateway.name, carrierIds: result.carrierIds },
          patch: {
            trunk: gateway.name,
            carrier_id: result.carrierIds[0] ?? null,
            lease_until: null,
            error_code: null, // an earlier attempt's error is history now
            error_detail: null,
          },
        })
      })
      await deps.receipts.replayUnmatched(gateway.name, result.carrierIds)
    } catch (error) {
      await failed(message, gateway, error)
    }
  }

  const failed = async (message: MessageRecord, gateway: Gateway, error: unknown) => {
    const sendError =
      error instanceof SendError
        ? error
        : new SendError('unknown', true, String(error), { cause: error })
    const now = clock.now()
    if (sendError.retryable) {
      breakers.set(
        gateway.name,
        recordTrunkResult(breakers.get(gateway.name) ?? CLOSED_BREAKER, 'failure', now),
      )
      const at = nextAttemptAt(config.retry, {
        attempt: message.attempts,
        acceptedAt: message.createdAt,
        now,
        random: deps.random.bytes(4).readUInt32BE() / 2 ** 32,
      })
      if (at !== undefined) {
        await scheduleRetry(store.db, {
          id: message.id,
          at: now,
          nextAttemptAt: at,
          errorCode: sendError.code,
          errorDetail: sendError.message,
          eventId: deps.random.id(),
        })
        deps.logger.debug(
          { messageId: message.id, code: sendError.code, retryAt: at },
          'send failed; will retry',
        )
        return
      }
    }
    await finish(message, 'failed', {
      reason: sendError.retryable ? 'retry deadline passed' : 'carrier refused',
      code: sendError.code,
      carrierCode: sendError.carrierCode,
      trunk: gateway.name,
    })
  }

  const finish = async (
    message: MessageRecord,
    status: 'failed' | 'blocked' | 'expired',
    detail: Record<string, unknown>,
  ) => {
    const moved = await moveMessageStatus(store.db, {
      id: message.id,
      to: status,
      at: clock.now(),
      eventId: deps.random.id(),
      detail,
      patch: {
        lease_until: null,
        error_code: typeof detail.code === 'string' ? detail.code : String(detail.reason),
      },
    })
    if (moved && status !== 'blocked') deps.onUndeliverable(message.id)
  }

  const run = async () => {
    while (running) {
      let full = false
      let failed = false
      try {
        ;({ full } = await claimAndSend())
      } catch (error) {
        failed = true
        logger.error({ err: error }, 'claiming due messages failed')
      }
      // one claim per wake-up: wake-ups that came meanwhile fold into the next claim
      if (failed || ((!full || inFlight.size >= options.maxInFlight) && !wanted)) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, options.pollMs)
          wakeUp = () => {
            clearTimeout(timer)
            resolve()
          }
        })
        wakeUp = undefined
      }
    }
  }

  const requeueLeftovers = async () => {
    try {
      const requeued = await requeueAllSending(store.db, clock.now())
      if (requeued > 0)
        logger.warn({ requeued }, 'requeued messages a stopped process left mid-send')
    } catch (error) {
      logger.error({ err: error }, 'requeueing messages left mid-send failed')
    }
  }

  return {
    start: () => {
      if (running) return
      running = true
      loop = (options.requeueOnStart ? requeueLeftovers() : Promise.resolve()).then(run)
    },
    stop: async () => {
      running = false
      wake()
      await loop
      await Promise.allSettled([...inFlight])
    },
    wake,
    drain: async () => {
      const { started } = await claimAndSend()
      await Promise.allSettled(started)
      return started.length
    },
    get inFlight() {
      return inFlight.size
    },
    breaker: (trunk) => breakers.get(trunk) ?? CLOSED_BREAKER,
  }
}

/** The consent rule a text falls under: a one-time code is a regular text. */
function policyPurpose(purpose: string): MessagePurpose {
  switch (purpose) {
    case 'opt_out_confirmation':
    case 'opt_in_confirmation':
    case 'help_reply':
    case 'conversation_reply':
      return purpose
    default:
      return 'regular'
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
