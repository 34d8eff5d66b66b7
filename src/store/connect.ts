import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely'
import pg from 'pg'
import type { Database } from './database.ts'
import { registerSqliteConnection } from './execute-compiled.ts'
import { startCheckpoints } from './sqlite-checkpoints.ts'
import { StoreError, redactUrl } from './store-error.ts'

export type Dialect = 'sqlite' | 'postgres'

export interface StoreOptions {
  /** postgres:// URL; when absent the embedded SQLite file is used. */
  url?: string | undefined
  /** SQLite file path, or ':memory:'. */
  file?: string
  busyTimeoutMs?: number
  poolSize?: number
  /** PostgreSQL schema to use (tests isolate themselves in a throwaway schema). */
  schema?: string
  /**
   * Hold the SQLite instance lock for the life of the store: a second server
   * on the same file fails fast. Commands (migrate, doctor, apikey) do not take it.
   */
  singleInstance?: boolean
  /** A background checkpoint of the SQLite log failed (the server's; it is tried again). */
  onCheckpointError?: (message: string) => void
  /** Frames past which a server starts the SQLite log over (tests use a small number). */
  logRestartFrames?: number
}

const CHECKPOINT_EVERY_MS = 250
/**
 * About 64 MB of log at 2 KiB pages: past it the server starts the log over (decision 0015).
 * Each restart costs the event loop a checkpoint's two syncs (about 4 ms under load), so not
 * much less: at 1,000 texts/s this is one every 2 s.
 */
const RESTART_LOG_FRAMES = 32_768
/** The log file is cut back to this when it starts over, after a burst made it longer. */
const LOG_SIZE_LIMIT = 64 * 1024 * 1024

/**
 * Pages of a new SQLite file (decision 0016): a commit writes every page it changed whole to
 * the log, and the inbound path changes one page per text in each index keyed by phone number
 * or carrier id; at half the default size those commits write half as much.
 */
export const SQLITE_PAGE_SIZE = 2048

/** An open store: the query builder plus what the rest of the system needs to know about it. */
export interface Store {
  readonly db: Kysely<Database>
  readonly dialect: Dialect
  /** Human description for logs and `parley doctor` (no password). */
  readonly location: string
  /**
   * PostgreSQL only: opens a connection of its own (outside the pool, which LISTEN would
   * pin) that LISTENs on `channel` until closed or lost. See event-feed.ts.
   */
  readonly listen?: (channel: string, handlers: ListenHandlers) => Promise<Listener>
  close(): Promise<void>
}

export interface ListenHandlers {
  onNotification(payload: string): void
  /** The connection failed or ended: nothing more is heard until `listen` is called again. */
  onLost(error: unknown): void
}

/** A LISTENing connection. */
export interface Listener {
  close(): Promise<void>
}

/** bigint columns hold epoch milliseconds, well inside Number's exact range. */
function typeOverrides(): pg.TypeOverrides {
  const types = new pg.TypeOverrides()
  types.setTypeParser(pg.types.builtins.INT8, Number)
  return types
}

/**
 * Opens the store: PostgreSQL when `url` is given, otherwise the SQLite file
 * (created with its folder, WAL, foreign keys on). A server opens SQLite with
 * `singleInstance`, so a second server on the same file fails fast instead of
 * dispatching the same outbox twice.
 * @example const store = await openStore({ file: './data/parley.db' })
 */
export async function openStore(options: StoreOptions): Promise<Store> {
  return options.url
    ? openPostgres(options.url, options)
    : openSqlite(options.file ?? './data/parley.db', options)
}

function openSqlite(file: string, options: StoreOptions): Store {
  const inMemory = file === ':memory:'
  const location = inMemory ? 'sqlite::memory:' : `sqlite:${resolve(file)}`
  const instanceLock =
    options.singleInstance && !inMemory ? takeInstanceLock(file, location) : undefined
  let sqlite: SqliteDatabase.Database
  try {
    if (!inMemory) mkdirSync(dirname(resolve(file)), { recursive: true })
    sqlite = new SqliteDatabase(file, { timeout: options.busyTimeoutMs ?? 5000 })
    // takes effect only on a new, empty file: an existing one keeps its page size
    sqlite.pragma(`page_size = ${SQLITE_PAGE_SIZE}`)
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('synchronous = NORMAL')
    sqlite.pragma('foreign_keys = ON')
  } catch (error) {
    instanceLock?.close()
    throw sqliteError(error, location)
  }
  const statements = withStatementCache(sqlite, 512)
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: statements }) })
  registerSqliteConnection(db, statements)
  const onError = options.onCheckpointError ?? (() => {})
  let finishing: Promise<unknown> | undefined
  // The thread copied nearly all the log; copying the rest here, between transactions (Kysely
  // runs it when the one under way ends), makes this connection's next commit start it over.
  const finishCheckpoint = () => {
    finishing ??= sql`pragma wal_checkpoint(PASSIVE)`
      .execute(db)
      .catch((error: unknown) => onError(String(error)))
      .finally(() => (finishing = undefined))
  }
  // a server checkpoints from a thread of its own, off the event loop (sqlite-checkpoints.ts)
  const checkpoints = instanceLock
    ? startCheckpoints(file, {
        everyMs: CHECKPOINT_EVERY_MS,
        restartFrames: options.logRestartFrames ?? RESTART_LOG_FRAMES,
        onLongLog: finishCheckpoint,
        onError,
      })
    : undefined
  if (checkpoints) {
    sqlite.pragma('wal_autocheckpoint = 0')
    sqlite.pragma(`journal_size_limit = ${LOG_SIZE_LIMIT}`)
  }
  const close = async () => {
    await checkpoints?.stop()
    await finishing
    await db.destroy()
    instanceLock?.close()
  }
  return { db, dialect: 'sqlite', location, close }
}

/**
 * Kysely's SQLite driver prepares every query it runs; the outbox and the send API run the same
 * few statements thousands of times a second, and preparing was an eighth of the dispatcher's
 * CPU time (`npm run bench -- smpp-dispatch`). Keeps the `size` most recently used prepared
 * (inserts of 1 to 16 rows each have a statement of their own: insert-rows.ts).
 * Safe because Kysely runs one query at a time on its one connection, each to completion.
 */
function withStatementCache(sqlite: SqliteDatabase.Database, size: number) {
  const cache = new Map<string, SqliteDatabase.Statement>()
  return {
    close: () => sqlite.close(),
    get inTransaction() {
      return sqlite.inTransaction
    },
    prepare: (sql: string) => {
      const cached = cache.get(sql)
      if (cached) {
        cache.delete(sql) // re-inserted: Map order is recency order
        cache.set(sql, cached)
        return cached
      }
      const statement = sqlite.prepare(sql)
      cache.set(sql, statement)
      if (cache.size > size) cache.delete(cache.keys().next().value ?? '')
      return statement
    },
  }
}

/**
 * Locks `<file>.lock` exclusively (an SQLite file in EXCLUSIVE locking mode).
 * The OS drops the lock when the process dies, even on kill -9, so it never
 * goes stale the way a PID file does.
 */
function takeInstanceLock(file: string, location: string): SqliteDatabase.Database {
  let lock: SqliteDatabase.Database | undefined
  try {
    mkdirSync(dirname(resolve(file)), { recursive: true })
    lock = new SqliteDatabase(`${file}.lock`, { timeout: 250 })
    lock.pragma('locking_mode = EXCLUSIVE')
    lock.exec('CREATE TABLE IF NOT EXISTS instance (pid INTEGER); DELETE FROM instance;')
    lock.prepare('INSERT INTO instance (pid) VALUES (?)').run(process.pid)
    return lock
  } catch (error) {
    lock?.close()
    throw sqliteError(error, location)
  }
}

function sqliteError(error: unknown, location: string): StoreError {
  const code = (error as { code?: string }).code ?? ''
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StoreError('database_locked', `${location} is in use by another Parley server`, {
      cause: error,
    })
  }
  return new StoreError('database_unwritable', `cannot use ${location}: ${describe(error)}`, {
    cause: error,
  })
}

async function openPostgres(url: string, options: StoreOptions): Promise<Store> {
  const location = redactUrl(url)
  const connection = {
    connectionString: url,
    connectionTimeoutMillis: 5000,
    types: typeOverrides(),
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  }
  const pool = new pg.Pool({ ...connection, max: options.poolSize ?? 10 })
  pool.on('error', () => {
    // an idle client lost its connection; the pool replaces it on next use
  })
  try {
    const client = await pool.connect()
    client.release()
  } catch (error) {
    await pool.end().catch(() => undefined)
    throw new StoreError('database_unreachable', `cannot reach ${location}: ${describe(error)}`, {
      cause: error,
    })
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  const listeners = new Set<Listener>()
  const listen = async (channel: string, handlers: ListenHandlers): Promise<Listener> => {
    const client = new pg.Client(connection)
    let done = false
    const end = async () => {
      done = true
      listeners.delete(listener)
      await client.end().catch(() => undefined)
    }
    const lose = (error: unknown) => {
      if (done) return
      void end()
      handlers.onLost(error)
    }
    const listener: Listener = { close: end }
    client.on('error', lose)
    client.on('end', () => lose(new Error('the LISTEN connection ended')))
    client.on('notification', (message) => {
      if (!done && message.channel === channel) handlers.onNotification(message.payload ?? '')
    })
    try {
      await client.connect()
      await client.query(`LISTEN ${client.escapeIdentifier(channel)}`)
    } catch (error) {
      await end()
      throw error
    }
    listeners.add(listener)
    return listener
  }
  const close = async () => {
    await Promise.all([...listeners].map((l) => l.close()))
    await db.destroy()
    // Kysely ends the pool only if it ever used it; end it ourselves otherwise
    if (!pool.ending) await pool.end()
  }
  return { db, dialect: 'postgres', location, listen, close }
}

function describe(error: unknown): string {
  if (error instanceof AggregateError) return error.errors.map(describe).join('; ')
  return error instanceof Error ? error.message || error.name : String(error)
}
