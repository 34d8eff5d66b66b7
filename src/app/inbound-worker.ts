import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import {
  claimInboundTexts,
  deferInboundText,
  releaseInboundClaims,
  releaseInboundTexts,
  type StagedText,
} from '../store/inbound-texts.ts'
import {
  LeaseLostError,
  processInboundTexts,
  storeWithoutConversation,
  type InboundDeps,
} from './process-inbound-texts.ts'

export interface InboundWorkerOptions {
  /** Stored texts claimed and processed together. */
  batchSize: number
  /**
   * Batches processed at once while a backlog lasts (each its own claim and transaction). Helps
   * PostgreSQL, where a batch mostly waits for round trips; SQLite has one connection: use 1.
   */
  concurrency: number
  /** How long claimed texts are this process's own. */
  leaseMs: number
  /** Failed attempts after which a text is stored without a conversation. */
  maxAttempts: number
  /** While webhooks wait to be stored, the most of the process's time processing may take. */
  workerShare: number
  /** The least time between two claims: texts trickling in faster than that share a batch. */
  claimGapMs: number
  /** How often it looks for texts nobody woke it for (another server's, a dead process's). */
  pollMs: number
  /** Free every claim at start: only with a store no other server uses (SQLite's instance lock). */
  releaseClaimsOnStart: boolean
  /**
   * Lease what it takes (several readers: PostgreSQL's servers and loops). A single reader
   * (SQLite: one server per file, one loop) reads without leasing, a commit less per batch.
   */
  lease: boolean
}

export interface InboundWorker {
  /** Frees a dead process's claims (when allowed), processes the backlog and polls from now on. */
  start(): Promise<void>
  /** Texts were stored: process them soon. Works before start (tests), harmless after stop. */
  wake(): void
  /** Processes until no text can be claimed (tests, shutdown). */
  drain(): Promise<void>
  /** Finishes the batch under way and stops; safe to call twice. */
  stop(): Promise<void>
  counts(): { processed: number; failed: number; batches: number }
}

/** What stage 2 needs of stage 1: to give way to its commits. */
export interface IntakeLoad {
  pending(): number
  settled(): Promise<void>
}

/**
 * Stage 2 of the inbound intake (decision 0009): claims stored texts, oldest first, in batches
 * (claimInboundTexts: a lease, each thread in order across servers and loops) and processes them
 * (processInboundTexts), up to `concurrency` batches at once while a backlog lasts. Woken by
 * stage 1 after each commit, and every `pollMs` for texts of other servers or of a process
 * that died. It gives way to stage 1: before each claim it waits
 * for the commit under way, and while webhooks are waiting it takes at most `workerShare` of
 * the time (a pause after each batch in proportion to the batch's time). Claims are at least
 * `claimGapMs` apart, so texts trickling in share batches.
 *
 * A failed batch is retried text by text, so one bad text cannot hold back the others; a text
 * that fails is retried later with backoff (1 s doubling to 1 min), and after `maxAttempts` is
 * stored without a conversation. Its thread's later texts wait for it meanwhile.
 * @example const worker = createInboundWorker({ ...deps, intake }, options); await worker.start()
 */
export function createInboundWorker(
  deps: InboundDeps & { intake: IntakeLoad },
  options: InboundWorkerOptions,
): InboundWorker {
  const { store, logger } = deps
  let stopped = false
  const loops = new Set<Promise<void>>()
  /** Wake-ups so far: one that comes while a loop is ending makes it look once more. */
  let wakes = 0
  let timer: NodeJS.Timeout | undefined
  const totals = { processed: 0, failed: 0, batches: 0 }
  /** When the last claim was made (the event loop's clock, ms). */
  let lastClaimAt = -Infinity

  /** Claims and processes batches until none is left. */
  async function loop(): Promise<void> {
    let seen: number
    do {
      seen = wakes
      while (!stopped) {
        if (!(await spaceClaims())) break // stopped while it waited: no new batch
        await deps.intake.settled()
        // the event loop's busy time, not the CPU's: cheaper to read, and a PostgreSQL batch's
        // waits for the database leave the loop free for stage 1 anyway
        const began = performance.eventLoopUtilization()
        const token = options.lease ? deps.random.id() : undefined
        const batch = await claimInboundTexts(store.db, store.dialect, {
          now: deps.clock.now(),
          limit: options.batchSize,
          leaseMs: options.leaseMs,
          token,
        })
        if (batch.length === 0) break
        if (batch.length === options.batchSize) spawn() // a backlog: another loop may help
        await handle(batch, token)
        totals.batches++
        const busyMs = performance.eventLoopUtilization(began).active
        // a short batch took every text there was: texts stored since then woke us (`wakes`)
        if (batch.length < options.batchSize) break
        await giveWay(busyMs)
      }
    } while (wakes !== seen && !stopped)
  }

  function spawn(): void {
    if (stopped || loops.size >= options.concurrency) return
    const running: Promise<void> = loop()
      .catch((error: unknown) => {
        logger.error({ err: error }, 'inbound processing failed; it resumes at the next wake-up')
      })
      .finally(() => loops.delete(running))
    loops.add(running)
  }

  async function handle(batch: readonly StagedText[], token: string | undefined): Promise<void> {
    const results = await processInboundTexts(deps, batch, { token })
    const failed = batch.filter((t) => results.get(t.id)?.kind === 'failed')
    const skipped = batch.filter((t) => results.get(t.id)?.kind === 'skipped').map((t) => t.id)
    totals.processed += batch.length - failed.length - skipped.length
    for (const text of failed) {
      const result = failed.length > 1 ? await alone(text, token) : results.get(text.id)
      if (result?.kind === 'failed') await defer(text, result.error, token)
      else totals.processed++
    }
    if (skipped.length > 0 && token !== undefined) {
      await releaseInboundTexts(store.db, skipped, token)
    }
  }

  const alone = async (text: StagedText, token: string | undefined) =>
    (await processInboundTexts(deps, [text], { token })).get(text.id)

  async function defer(text: StagedText, error: unknown, token: string | undefined): Promise<void> {
    totals.failed++
    if (error instanceof LeaseLostError) {
      logger.warn({ id: text.id }, 'inbound text taken over by another server (its lease ran out)')
      return
    }
    const attempts = text.attempts + 1
    if (attempts >= options.maxAttempts) {
      try {
        await storeWithoutConversation(deps, text, { token })
        logger.error(
          { err: error, id: text.id, attempts },
          'inbound text stored without a conversation: processing it kept failing',
        )
        return
      } catch (lastError) {
        logger.error({ err: lastError, id: text.id }, 'inbound text could not be stored at all')
      }
    }
    const until = deps.clock.now() + Math.min(60_000, 1_000 * 2 ** Math.min(attempts, 6))
    await deferInboundText(store.db, { id: text.id, token, until })
    logger.warn({ err: error, id: text.id, attempts }, 'inbound text failed; it will be retried')
  }

  /**
   * Waits until `claimGapMs` has passed since the last claim. A text after a quiet spell is
   * claimed at once; texts trickling in faster share a batch, and so its reads, its commit and
   * the routing cycle after it, which cost nearly as much for one text as for ten: at 1,000
   * texts/s a batch otherwise holds one or two. False when the worker was stopped meanwhile.
   */
  async function spaceClaims(): Promise<boolean> {
    const wait = lastClaimAt + options.claimGapMs - performance.now()
    if (wait > 0) await sleep(wait)
    lastClaimAt = performance.now()
    return !stopped
  }

  /**
   * While webhooks wait to be stored, pauses in proportion to the event loop's busy time during
   * the batch (its own and whatever ran meanwhile), so processing takes at most `workerShare`
   * of the time.
   */
  async function giveWay(busyMs: number): Promise<void> {
    const share = options.workerShare
    if (share < 1 && deps.intake.pending() > 0) await sleep((busyMs * (1 - share)) / share)
    else await new Promise((resolve) => setImmediate(resolve))
  }

  function wake(): void {
    if (stopped) return
    wakes++
    if (loops.size === 0) spawn()
  }

  const settled = async () => {
    while (loops.size > 0) await Promise.all(loops)
  }

  return {
    async start() {
      if (options.releaseClaimsOnStart) {
        const released = await releaseInboundClaims(store.db)
        if (released > 0)
          logger.warn({ released }, 'inbound texts a stopped process was processing taken back')
      }
      timer = setInterval(wake, options.pollMs)
      timer.unref()
      wake()
    },
    wake,
    async drain() {
      wake()
      await settled()
    },
    async stop() {
      stopped = true
      clearInterval(timer)
      await settled()
    },
    counts: () => ({ ...totals }),
  }
}
