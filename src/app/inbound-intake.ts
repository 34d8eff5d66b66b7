import type { Logger } from 'pino'
import type { InboundRefusal, InboundSms } from '../gateways/gateway.ts'
import type { Store } from '../store/connect.ts'
import { stageInboundTexts, type StagedText } from '../store/inbound-texts.ts'
import type { Random } from './ports.ts'

export interface IntakeOptions {
  /** Texts accepted and not yet committed; beyond, texts are refused as `busy`. */
  maxPending: number
  /** Texts stored by one statement (one commit) at most. */
  maxBatch: number
  /** What a refusal asks the carrier to wait before offering the text again. */
  retryAfterSeconds: number
}

/** A text stored (or a repeat of one waiting to be processed): the carrier may be answered. */
export interface IntakeStored {
  stored: true
  /** The carrier sent this text before and it is still waiting: it was not stored twice. */
  repeat: boolean
  /** The stored text's id (the messages row it becomes); the first copy's for a repeat: absent. */
  id: string | undefined
}

export type IntakeVerdict = IntakeStored | InboundRefusal

export interface InboundIntake {
  /** Stores a carrier's text durably; resolves once it is committed, or refused. Never rejects. */
  submit(trunk: string, sms: InboundSms): Promise<IntakeVerdict>
  /** Texts accepted and not yet committed. */
  pending(): number
  /** Resolves once the commit under way, if any, is done (stage 2 gives way to stage 1). */
  settled(): Promise<void>
  /** Refuses new texts and waits for those already accepted to be stored (or refused). */
  close(): Promise<void>
  /** Totals since start, for /metrics and the benchmarks. */
  counts(): { stored: number; repeats: number; refusedBusy: number; refusedUnavailable: number }
}

interface Job {
  text: Omit<StagedText, 'attempts'>
  resolve: (verdict: IntakeVerdict) => void
}

/**
 * Stage 1 of the inbound intake (decision 0009): a carrier's text is answered only once it is
 * stored. Texts arriving together share one INSERT (group commit: everything ready within one
 * turn of the event loop, up to `maxBatch`, then whatever arrived during that commit), so a
 * commit's cost is shared by hundreds of webhooks. The queue in front of the database is
 * bounded: past `maxPending` a text is refused at once (`busy`), and a failed commit refuses
 * its texts (`unavailable`); the carrier is told to offer them again (HTTP 503 with
 * Retry-After, SMPP ESME_RTHROTTLED / ESME_RX_T_APPN), never that a text it still has to keep
 * was taken. `onStored` is called after each commit (stage 2's wake-up).
 * @example const intake = createInboundIntake({ store, random, logger, onStored: () => worker.wake() }, options)
 * await intake.submit('twilio-longcode', sms) // { stored: true, repeat: false, id: '…' }
 */
export function createInboundIntake(
  deps: { store: Store; random: Random; logger: Logger; onStored: () => void },
  options: IntakeOptions,
): InboundIntake {
  const queue: Job[] = []
  let committing = 0
  /** A flush is scheduled or running: it takes whatever is queued until the queue is empty. */
  let flushing = false
  let closed = false
  let commit: Promise<unknown> = Promise.resolve()
  let idleWaiters: (() => void)[] = []
  const totals = { stored: 0, repeats: 0, refusedBusy: 0, refusedUnavailable: 0 }
  const refusal = (refused: InboundRefusal['refused']): InboundRefusal => ({
    refused,
    retryAfterSeconds: options.retryAfterSeconds,
  })

  async function flush(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.splice(0, options.maxBatch)
      committing = batch.length
      try {
        const storing = stageInboundTexts(
          deps.store.db,
          batch.map((job) => job.text),
        )
        commit = storing.catch(() => undefined)
        const stored = await storing
        for (const { text, resolve } of batch) {
          const repeat = !stored.has(text.id)
          totals[repeat ? 'repeats' : 'stored']++
          resolve({ stored: true, repeat, id: repeat ? undefined : text.id })
        }
        if (stored.size > 0) deps.onStored()
      } catch (error) {
        deps.logger.error(
          { err: error, texts: batch.length },
          'inbound texts not stored; the carrier is asked to offer them again',
        )
        totals.refusedUnavailable += batch.length
        for (const job of batch) job.resolve(refusal('unavailable'))
      } finally {
        committing = 0
      }
    }
    flushing = false
    for (const resolve of idleWaiters) resolve()
    idleWaiters = []
  }

  const pending = () => queue.length + committing
  return {
    submit(trunk, sms) {
      if (closed) {
        totals.refusedUnavailable++
        return Promise.resolve(refusal('unavailable'))
      }
      if (pending() >= options.maxPending) {
        totals.refusedBusy++
        return Promise.resolve(refusal('busy'))
      }
      return new Promise<IntakeVerdict>((resolve) => {
        queue.push({
          text: {
            id: deps.random.id(), // sorts by arrival: stage 2's order
            trunk,
            carrierId: sms.carrierId,
            from: sms.from,
            to: sms.to,
            body: sms.body,
            receivedAt: sms.receivedAt,
          },
          resolve,
        })
        // one turn of the event loop, so that every webhook ready now shares the commit
        if (!flushing) {
          flushing = true
          setImmediate(() => void flush())
        }
      })
    },
    pending,
    settled: async () => {
      await commit
    },
    async close() {
      closed = true
      await (pending() === 0 ? Promise.resolve() : new Promise<void>((r) => idleWaiters.push(r)))
    },
    counts: () => ({ ...totals }),
  }
}
