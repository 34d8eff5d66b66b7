import type { Kysely } from 'kysely'
import type { Store } from '../store/connect.ts'
import type { Database } from '../store/database.ts'

/** Runs small pieces of write work together, one transaction (one commit) for all that are waiting. */
export interface GroupCommit {
  /** Resolves with `work`'s result once the transaction it ran in has committed. */
  run<R>(work: (trx: Kysely<Database>) => Promise<R>): Promise<R>
}

interface Job {
  work: (trx: Kysely<Database>) => Promise<unknown>
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

/**
 * Group commit: the dispatcher's "sent" writes and the carriers' receipts
 * arrive many per millisecond, and a commit costs far more than the few rows
 * each writes. Work queued while a transaction runs joins the next one (at
 * most `maxBatch` jobs). If a batch fails, each of its jobs is retried alone,
 * so one bad job cannot fail the others. Jobs must only touch the database.
 * @example await commits.run((trx) => moveMessageStatus(trx, change))
 */
export function createGroupCommit(store: Store, options: { maxBatch?: number } = {}): GroupCommit {
  const maxBatch = options.maxBatch ?? 100
  const pending: Job[] = []
  let active = false

  const flush = async () => {
    active = true
    while (pending.length > 0) {
      const batch = pending.splice(0, maxBatch)
      try {
        const results = await store.db.transaction().execute(async (trx) => {
          const out: unknown[] = []
          for (const job of batch) out.push(await job.work(trx))
          return out
        })
        batch.forEach((job, i) => job.resolve(results[i]))
      } catch {
        for (const job of batch) {
          try {
            job.resolve(await store.db.transaction().execute((trx) => job.work(trx)))
          } catch (error) {
            job.reject(error)
          }
        }
      }
    }
    active = false
  }

  return {
    run: <R>(work: (trx: Kysely<Database>) => Promise<R>) =>
      new Promise<R>((resolve, reject) => {
        pending.push({ work, resolve: resolve as (value: unknown) => void, reject })
        // wait one turn of the event loop so that everything ready now shares the commit
        if (!active && pending.length === 1) setImmediate(() => void flush())
      }),
  }
}
