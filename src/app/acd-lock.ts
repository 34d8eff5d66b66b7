import { sql } from 'kysely'
import type { Logger } from 'pino'
import type { Store } from '../store/connect.ts'

/** Who runs the ACD: one process per database. */
export interface AcdLock {
  /** Takes the lock if free; true while this process holds it. */
  tryTake(): Promise<boolean>
  /** False once the lock is lost (its connection died) or released. */
  held(): boolean
  release(): Promise<void>
}

/** Prefix of the advisory lock's key; the schema is appended so test schemas do not contend. */
const LOCK_NAME = 'parley.acd:'

/**
 * The single-ACD guarantee. With SQLite the instance lock already means one server per file, so
 * this lock is always held. With PostgreSQL it is a session-level advisory lock
 * (pg_try_advisory_lock) on a connection kept out of the pool for as long as it is held, checked
 * every `checkMs`: if that connection dies the server loses the lock (and PostgreSQL releases it
 * for another server), so two servers never make offers at once.
 * @example const lock = createAcdLock({ store, logger }); if (await lock.tryTake()) rebuild()
 */
export function createAcdLock(deps: { store: Store; logger: Logger }, checkMs = 5_000): AcdLock {
  const { store, logger } = deps
  if (store.dialect === 'sqlite') {
    let taken = false
    return {
      tryTake: () => Promise.resolve((taken = true)),
      held: () => taken,
      release: () => Promise.resolve(void (taken = false)),
    }
  }
  let holding = false
  let release: (() => void) | undefined
  let session: Promise<void> | undefined
  return {
    tryTake() {
      if (holding) return Promise.resolve(true)
      return new Promise<boolean>((resolve) => {
        session = store.db
          .connection()
          .execute(async (conn) => {
            const key = sql`hashtext(${LOCK_NAME} || current_schema())::bigint`
            const result = await sql<{
              locked: boolean
            }>`select pg_try_advisory_lock(${key}) as locked`.execute(conn)
            if (result.rows[0]?.locked !== true) return resolve(false)
            holding = true
            resolve(true)
            logger.info('this server now runs the ACD (PostgreSQL advisory lock taken)')
            const session = { released: false }
            const done = new Promise<void>((r) => {
              release = () => {
                session.released = true
                r()
              }
            })
            for (;;) {
              await Promise.race([done, new Promise((r) => setTimeout(r, checkMs).unref())])
              if (session.released) break
              // throws if the connection died, which ends the session and so the lock
              await sql`select 1`.execute(conn)
            }
            await sql`select pg_advisory_unlock(${key})`.execute(conn)
          })
          .catch((error: unknown) => {
            if (holding) logger.error({ err: error }, 'ACD lock lost; another server may take over')
            resolve(false)
          })
          .finally(() => {
            holding = false
            release = undefined
          })
      })
    },
    held: () => holding,
    async release() {
      release?.()
      await session
    },
  }
}
