import type { Logger } from 'pino'
import type { Config } from '../config/schema.ts'
import { createEmailSender, type EmailSender } from '../gateways/email/email-sender.ts'
import type { ApiKeyRecord } from '../store/api-keys.ts'
import { openStore, type Store } from '../store/connect.ts'
import { migrateToLatest } from '../store/migrate.ts'
import { upsertQueues } from '../store/queues.ts'
import { createAcd, type Acd, type AcdOptions } from './acd.ts'
import { createReceiptApplier, type ReceiptApplier } from './apply-receipt.ts'
import { checkReadiness, type Readiness } from './check-readiness.ts'
import { createGateways, type Gateways } from './create-gateways.ts'
import { createMetrics, type Metrics } from './create-metrics.ts'
import { createDispatcher, type Dispatcher, type DispatcherOptions } from './dispatch-outbox.ts'
import { createEventBus, type EventBus } from './event-bus.ts'
import { createGroupCommit, type GroupCommit } from './group-commit.ts'
import { createInboundIntake, type InboundIntake } from './inbound-intake.ts'
import { createInboundWorker, type InboundWorker } from './inbound-worker.ts'
import { createApiKeyAuthenticator } from './manage-api-keys.ts'
import { systemClock, systemRandom, type Clock, type Random } from './ports.ts'
import { createSendSchedule } from './send-schedule.ts'
import { createSecretBodies, type SecretBodies } from './secret-bodies.ts'
import { sendFallbackEmail } from './send-fallback-email.ts'
import { syncTemplates } from './sync-templates.ts'

/** Everything the edges (HTTP, CLI) may use, wired once. */
export interface App {
  readonly config: Config
  readonly logger: Logger
  readonly clock: Clock
  readonly random: Random
  readonly metrics: Metrics
  readonly store: Store
  readonly gateways: Gateways
  readonly dispatcher: Dispatcher
  readonly receipts: ReceiptApplier
  readonly email: EmailSender | undefined
  readonly secretBodies: SecretBodies
  /** Group commit shared by the outbox's writers (accepts, sends, receipts). */
  readonly commits: GroupCommit
  /** Stored conversation and agent events, fanned out to live listeners (the WebSocket). */
  readonly events: EventBus
  /** The routing runtime: offers waiting conversations to agents. */
  readonly acd: Acd
  /** Inbound stage 1: carriers' texts stored before the carrier is answered (decision 0009). */
  readonly intake: InboundIntake
  /** Inbound stage 2: stored texts processed in batches (keywords, surveys, conversations). */
  readonly inbound: InboundWorker
  authenticateApiKey(token: string): Promise<ApiKeyRecord | undefined>
  readiness(): Promise<Readiness>
  /** Starts the carrier trunks and the dispatcher (the server does; one-off commands don't). */
  start(): Promise<void>
  /** Stops the dispatcher and trunks, then closes the store; safe to call twice. */
  close(): Promise<void>
}

export interface ComposeOptions {
  config: Config
  logger: Logger
  clock?: Clock
  random?: Random
  store?: Store
  migrate?: boolean
  /** A server holds the SQLite instance lock; one-off commands do not. */
  singleInstance?: boolean
  /** Replaces global fetch for the Twilio trunk (tests point it at a local server). */
  fetch?: typeof fetch
  dispatcher?: Partial<DispatcherOptions>
  acd?: Partial<AcdOptions>
}

/**
 * The one place where configuration, store, gateways, clock, randomness and
 * logger meet. Opens the store (PostgreSQL when configured, else SQLite),
 * migrates it, seeds templates from the configuration, and wires the outbox.
 * @example const app = await composeApp({ config, logger }); await app.start()
 */
export async function composeApp(options: ComposeOptions): Promise<App> {
  const { config, logger } = options
  const clock = options.clock ?? systemClock
  const random = options.random ?? systemRandom
  const store =
    options.store ??
    (await openStore({
      url: config.databaseUrl,
      file: config.database.file,
      busyTimeoutMs: config.database.busyTimeoutMs,
      poolSize: config.database.poolSize,
      singleInstance: options.singleInstance ?? false,
      onCheckpointError: (message) => logger.warn({ err: message }, 'SQLite checkpoint failed'),
    }))
  try {
    if (options.migrate !== false) {
      const applied = await migrateToLatest(store)
      if (applied.length > 0) logger.info({ applied, store: store.location }, 'migrations applied')
      await upsertQueues(store.db, config.queues, clock.now())
      const seeded = await syncTemplates({ config, store, clock })
      if (seeded.length > 0)
        logger.info({ templates: seeded }, 'templates seeded from configuration')
    }
  } catch (error) {
    await store.close()
    throw error
  }

  const email = config.smtp
    ? createEmailSender({
        host: config.smtp.host,
        port: config.smtp.port,
        secure: config.smtp.secure,
        from: config.smtp.from,
        user: config.smtp.user,
        password: config.smtp.passwordEnv ? config.secrets[config.smtp.passwordEnv] : undefined,
      })
    : undefined
  const fallback = (messageId: string) => {
    sendFallbackEmail({ store, clock, random, logger, email }, messageId)
      .then((outcome) => logger.info({ messageId, outcome }, 'undeliverable text: e-mail fallback'))
      .catch((error: unknown) => logger.error({ err: error, messageId }, 'e-mail fallback failed'))
  }
  const gateways = createGateways({
    config,
    clock,
    random,
    logger,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  })
  const commits = createGroupCommit(store)
  const schedule = createSendSchedule(config)
  const receipts = createReceiptApplier({
    store,
    clock,
    random,
    logger,
    onUndeliverable: fallback,
    commits,
  })
  const events = createEventBus((error) => logger.error({ err: error }, 'event listener failed'))
  const acd = createAcd({ config, store, clock, random, logger, bus: events }, options.acd)
  const intake = createInboundIntake(
    { store, random, logger, onStored: () => inbound.wake() },
    {
      maxPending: config.inbound.maxPending,
      maxBatch: config.inbound.commitBatch,
      retryAfterSeconds: config.inbound.retryAfterSeconds,
    },
  )
  // The SQLite instance lock means no other server shares this store, so claims found at start
  // (texts being processed, rows being sent) are a dead process's and need not wait for leases.
  const holdsInstanceLock =
    options.store === undefined && options.singleInstance === true && store.dialect === 'sqlite'
  const inbound = createInboundWorker(
    {
      config,
      store,
      clock,
      random,
      logger,
      intake,
      wake: () => dispatcher.wake(),
      wakeRouting: () => acd.wake(),
      schedule,
    },
    {
      batchSize: config.inbound.batchSize,
      // SQLite has one connection: batches could only take turns on it
      concurrency: store.dialect === 'sqlite' ? 1 : config.inbound.concurrency,
      leaseMs: config.inbound.leaseMs,
      maxAttempts: config.inbound.maxAttempts,
      workerShare: config.inbound.workerShare,
      claimGapMs: config.inbound.claimGapMs,
      pollMs: 1_000,
      releaseClaimsOnStart: holdsInstanceLock,
      // PostgreSQL's servers share the texts; SQLite has one server per file (decision 0002)
      lease: store.dialect === 'postgres',
    },
  )
  for (const gateway of gateways.all.values()) {
    // returned, so a trunk answers the carrier only once the text is stored (or refused)
    gateway.onInbound((sms) => intake.submit(gateway.name, sms))
    // returned, so an SMPP trunk acknowledges the receipt only once it is stored
    gateway.onReceipt((receipt) =>
      receipts.apply(gateway.name, receipt).catch((error: unknown) => {
        logger.error(
          { err: error, trunk: gateway.name, carrierId: receipt.carrierId },
          'receipt not applied',
        )
      }),
    )
  }
  const secretBodies = createSecretBodies(random.id())
  const dispatcher = createDispatcher({
    secretBodies,
    commits,
    schedule,
    config,
    store,
    clock,
    random,
    logger,
    gateways,
    receipts,
    onUndeliverable: fallback,
    options: {
      maxInFlight: config.outbox.maxInFlight,
      batchSize: config.outbox.batchSize,
      leaseMs: config.outbox.leaseMs,
      requeueOnStart: holdsInstanceLock,
      ...options.dispatcher,
    },
  })

  let started = false
  let closed: Promise<void> | undefined
  return {
    config,
    logger,
    clock,
    random,
    metrics: createMetrics(),
    store,
    gateways,
    dispatcher,
    receipts,
    email,
    secretBodies,
    commits,
    events,
    acd,
    intake,
    inbound,
    authenticateApiKey: createApiKeyAuthenticator({ store, clock }),
    readiness: () => checkReadiness(store),
    start: async () => {
      if (started) return
      started = true
      await gateways.start()
      // an API-only node (outbox.dispatch: false) still takes the trunks' receipts
      if (config.outbox.dispatch) dispatcher.start()
      await acd.start()
      await inbound.start()
    },
    close: () =>
      (closed ??= (async () => {
        await intake.close() // what was accepted is stored (or refused) first
        await inbound.stop() // finishes its batch; harmless when it never started
        await acd.stop() // harmless when it never started
        if (started) {
          await dispatcher.stop() // harmless when it never started
          await gateways.stop()
        }
        email?.close()
        await store.close()
      })()),
  }
}
