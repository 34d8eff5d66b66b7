import type { Logger } from 'pino'
import type { MessageStatus } from '../domain/outbox/message-status.ts'
import type { Receipt } from '../gateways/gateway.ts'
import type { Store } from '../store/connect.ts'
import { moveMessageStatus } from '../store/messages.ts'
import { recordPartReceipt } from '../store/outbox.ts'
import type { GroupCommit } from './group-commit.ts'
import type { Clock, Random } from './ports.ts'

/** How long a receipt whose carrier id is not yet recorded waits for it. */
const UNMATCHED_TTL_MS = 120_000
const UNMATCHED_MAX = 10_000
/**
 * How long apply() holds for a parked receipt before resolving anyway. An SMPP trunk
 * acknowledges a receipt when apply() resolves, so a receipt that beat its send's commit is
 * acknowledged once stored (a crash before then makes the SMSC send it again), yet a receipt
 * that will never match (its send was never recorded) does not hold the carrier's window long.
 */
const PARKED_HOLD_MS = 2_000

export interface ReceiptApplier {
  /** Applies a carrier's delivery receipt to its message. */
  apply(trunk: string, receipt: Receipt): Promise<void>
  /** Re-applies receipts that arrived before the send's carrier ids were stored. */
  replayUnmatched(trunk: string, carrierIds: readonly string[]): Promise<void>
}

/**
 * A message's status from its parts' receipts: one failed or undelivered
 * part makes the text undeliverable; it is delivered when every part is.
 */
export function statusFromParts(parts: readonly string[]): MessageStatus {
  if (parts.includes('failed')) return 'failed'
  if (parts.includes('undelivered')) return 'undelivered'
  if (parts.length > 0 && parts.every((p) => p === 'delivered')) return 'delivered'
  return 'sent'
}

/**
 * Receipts move a message forward only (moveMessageStatus refuses to
 * overwrite a final status), so duplicated and out-of-order receipts are
 * harmless. A receipt can beat the dispatcher's own write of the carrier id
 * (fast carriers, the sandbox): it is kept briefly and replayed.
 */
export function createReceiptApplier(deps: {
  store: Store
  clock: Clock
  random: Random
  logger: Logger
  onUndeliverable: (messageId: string) => void
  commits: GroupCommit
}): ReceiptApplier {
  const unmatched = new Map<string, { receipt: Receipt; at: number; release: () => void }>()
  // carrier ids whose refs were just stored: a receipt whose lookup raced that
  // commit is applied again instead of being parked
  const recorded = new Map<string, number>()
  const keyOf = (trunk: string, carrierId: string) => `${trunk}\u0000${carrierId}`

  const apply = async (trunk: string, receipt: Receipt): Promise<void> => {
    // one transaction: the part, the message and its history change together (and one commit
    // instead of four is most of a receipt's cost on SQLite)
    const outcome = await deps.commits.run(async (trx) => {
      const found = await recordPartReceipt(trx, {
        trunk,
        carrierId: receipt.carrierId,
        status: receipt.status,
      })
      if (!found) return undefined
      const status = statusFromParts(found.partStatuses)
      const moved = await moveMessageStatus(trx, {
        id: found.messageId,
        to: status,
        at: deps.clock.now(),
        eventId: deps.random.id(),
        detail: {
          carrierStatus: receipt.carrierStatus,
          ...(receipt.errorCode ? { errorCode: receipt.errorCode } : {}),
        },
        ...(receipt.errorCode && status !== 'delivered'
          ? { patch: { error_code: receipt.errorCode } }
          : {}),
      })
      return { messageId: found.messageId, status, moved }
    })
    if (!outcome) return remember(trunk, receipt)
    if (outcome.moved && (outcome.status === 'undelivered' || outcome.status === 'failed'))
      deps.onUndeliverable(outcome.messageId)
  }

  const remember = (trunk: string, receipt: Receipt): Promise<void> => {
    const now = deps.clock.now()
    const key = keyOf(trunk, receipt.carrierId)
    if (recorded.has(key)) {
      recorded.delete(key)
      return apply(trunk, receipt)
    }
    prune(unmatched, now, (entry) => entry.at)
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, PARKED_HOLD_MS)
      const release = () => {
        clearTimeout(timer)
        resolve()
      }
      unmatched.get(key)?.release() // the same receipt again: the newer copy waits instead
      unmatched.set(key, { receipt, at: now, release })
    })
  }

  const prune = <T>(map: Map<string, T>, now: number, timeOf: (value: T) => number) => {
    for (const [key, value] of map) {
      if (now - timeOf(value) > UNMATCHED_TTL_MS || map.size >= UNMATCHED_MAX) map.delete(key)
      else break // insertion order = age order
    }
  }

  return {
    apply,
    replayUnmatched: async (trunk, carrierIds) => {
      const now = deps.clock.now()
      prune(recorded, now, (at) => at)
      for (const carrierId of carrierIds) {
        const key = keyOf(trunk, carrierId)
        const entry = unmatched.get(key)
        if (!entry) {
          recorded.set(key, now)
          continue
        }
        unmatched.delete(key)
        try {
          await apply(trunk, entry.receipt)
        } finally {
          entry.release()
        }
      }
    },
  }
}
