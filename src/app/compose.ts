import type { Logger } from 'pino'
import type { Config } from '../config/schema.ts'
import { openStore, type Store } from '../store/connect.ts'
import { migrateToLatest } from '../store/migrate.ts'
import { checkReadiness, type Readiness } from './check-readiness.ts'
import { createMetrics, type Metrics } from './create-metrics.ts'
import { systemClock, systemRandom, type Clock, type Random } from './ports.ts'

/** Everything the edges (HTTP, CLI) may use, wired once. */
export interface App {
  readonly config: Config
  readonly logger: Logger
  readonly clock: Clock
  readonly random: Random
  readonly metrics: Metrics
  readonly store: Store
  readiness(): Promise<Readiness>
  /** Stops background work and closes the store; safe to call twice. */
  close(): Promise<void>
}

/**
 * The one place where configuration, store, clock, randomness and logger meet.
 * Opens the store (PostgreSQL when configured, else SQLite) and migrates it.
 * @example const app = await composeApp({ config, logger })
 */
export async function composeApp(options: {
  config: Config
  logger: Logger
  clock?: Clock
  random?: Random
  store?: Store
  migrate?: boolean
  /** A server holds the SQLite instance lock; one-off commands do not. */
  singleInstance?: boolean
}): Promise<App> {
  const { config, logger } = options
  const store =
    options.store ??
    (await openStore({
      url: config.databaseUrl,
      file: config.database.file,
      busyTimeoutMs: config.database.busyTimeoutMs,
      poolSize: config.database.poolSize,
      singleInstance: options.singleInstance ?? false,
    }))
  try {
    if (options.migrate !== false) {
      const applied = await migrateToLatest(store)
      if (applied.length > 0) logger.info({ applied, store: store.location }, 'migrations applied')
    }
  } catch (error) {
    await store.close()
    throw error
  }
  let closed: Promise<void> | undefined
  return {
    config,
    logger,
    clock: options.clock ?? systemClock,
    random: options.random ?? systemRandom,
    metrics: createMetrics(),
    store,
    readiness: () => checkReadiness(store),
    close: () => (closed ??= store.close()),
  }
}
