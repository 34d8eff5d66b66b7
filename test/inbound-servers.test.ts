import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import pg from 'pg'
import { createInboundWorker } from '../src/app/inbound-worker.ts'
import type { InboundDeps } from '../src/app/process-inbound-texts.ts'
import { systemClock, systemRandom } from '../src/app/ports.ts'
import { receiveInbound } from '../src/app/receive-inbound.ts'
import { EXAMPLE_CONFIG_PATH, loadConfig } from '../src/config/load-config.ts'
import type { Dialect, Store } from '../src/store/connect.ts'
import { openStore } from '../src/store/connect.ts'
import { stageInboundTexts } from '../src/store/inbound-texts.ts'
import { migrateToLatest } from '../src/store/migrate.ts'
import { upsertQueues } from '../src/store/queues.ts'
import { syncTemplates } from '../src/app/sync-templates.ts'
import { DIALECTS, postgresUrl } from './support/dialects.ts'
import { memoryLog } from './support/test-app.ts'
import { createLogger } from '../src/app/create-logger.ts'

const BCEID_NUMBER = '+12505550101'
const config = loadConfig({ path: EXAMPLE_CONFIG_PATH, env: {} })
const logger = createLogger({ level: 'warn', destination: memoryLog().stream })
const dir = mkdtempSync(join(tmpdir(), 'parley-servers-'))
after(() => rmSync(dir, { recursive: true, force: true }))

/** Two stores on one database, as two servers have: each its own connections and serialiser. */
async function twoServers(
  dialect: Dialect,
): Promise<{ stores: [Store, Store]; close(): Promise<void> }> {
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: postgresUrl })
    await client.connect()
    await client.query(text).finally(() => client.end())
  }
  const schema = `test_${randomBytes(6).toString('hex')}`
  const file = join(dir, `${schema}.db`)
  if (dialect === 'postgres') await admin(`CREATE SCHEMA ${schema}`)
  const open = () =>
    dialect === 'postgres'
      ? openStore({ url: postgresUrl, schema, poolSize: 4 })
      : openStore({ file })
  const first = await open()
  await migrateToLatest(first)
  await upsertQueues(first.db, config.queues, Date.now())
  await syncTemplates({ config, store: first, clock: systemClock })
  const second = await open()
  return {
    stores: [first, second],
    close: async () => {
      await first.close()
      await second.close()
      if (dialect === 'postgres') await admin(`DROP SCHEMA ${schema} CASCADE`)
    },
  }
}

const depsOf = (store: Store): InboundDeps => ({
  config,
  store,
  clock: systemClock,
  random: systemRandom,
  logger,
  wake: () => undefined,
})

/**
 * A store whose next transaction first lets `meanwhile` run to completion: what another server
 * does between this one reading a thread and writing to it.
 */
function interrupted(store: Store, meanwhile: () => Promise<unknown>): Store {
  let pending: (() => Promise<unknown>) | undefined = meanwhile
  const db = new Proxy(store.db, {
    get(target, property) {
      if (property !== 'transaction') {
        // Kysely keeps its state in private fields: methods must run on the real object
        const value: unknown = Reflect.get(target, property, target)
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value
      }
      return () => {
        const builder = target.transaction()
        return {
          execute: async <T>(work: Parameters<typeof builder.execute<T>>[0]) => {
            const run = pending
            pending = undefined
            await run?.()
            return builder.execute(work)
          },
        }
      }
    },
  })
  return { ...store, db }
}

for (const { dialect, skip } of DIALECTS) {
  describe(`inbound texts on two servers sharing a database [${dialect}]`, { skip }, () => {
    let servers: Awaited<ReturnType<typeof twoServers>>
    before(async () => {
      servers = await twoServers(dialect)
    })
    after(async () => {
      await servers.close()
    })

    it('a text that loses the race to open a conversation continues the one the other server opened', async () => {
      const [a, b] = servers.stores
      const from = '+12505557001'
      const sms = (carrierId: string, body: string) => ({
        carrierId,
        from,
        to: BCEID_NUMBER,
        body,
        receivedAt: Date.now(),
      })
      let other: Awaited<ReturnType<typeof receiveInbound>> | undefined
      // server A reads the thread (no conversation yet); server B opens one; then A writes
      const mine = await receiveInbound(
        depsOf(
          interrupted(a, async () => {
            other = await receiveInbound(depsOf(b), 'sandbox', sms('race-b', 'BCEID locked'))
          }),
        ),
        'sandbox',
        sms('race-a', 'I cannot sign in'),
      )
      assert.ok(other?.kind === 'conversation' && other.opened, 'B opened it')
      assert.ok(mine.kind === 'conversation')
      assert.equal(mine.opened, false, 'A continued it instead of opening another')
      assert.equal(mine.conversationId, other.conversationId)

      const conversations = await a.db
        .selectFrom('conversations')
        .select('id')
        .where('customer_number', '=', from)
        .execute()
      assert.equal(conversations.length, 1)
      const events = await a.db
        .selectFrom('conversation_events')
        .select('type')
        .where('conversation_id', '=', other.conversationId)
        .execute()
      assert.equal(events.filter((e) => e.type === 'message_in').length, 2)
      const acknowledgements = await a.db
        .selectFrom('messages')
        .select('id')
        .where('to_number', '=', from)
        .where('direction', '=', 'outbound')
        .execute()
      assert.equal(acknowledgements.length, 1, 'acknowledged once')
    })

    it(
      "two workers taking turns keep each customer's texts in order",
      { skip: dialect === 'sqlite' ? 'one server per SQLite file (decision 0002)' : false },
      async () => {
        const threads = Array.from({ length: 12 }, (_, i) => `+1250555${7100 + i}`)
        const texts = ['BCEID locked out', 'STOP', 'hello again'].flatMap((body, round) =>
          threads.map((from) => ({
            id: systemRandom.id(),
            trunk: 'sandbox',
            carrierId: `order-${from}-${round}`,
            from,
            to: BCEID_NUMBER,
            body,
            receivedAt: Date.now(),
          })),
        )
        await stageInboundTexts(servers.stores[0].db, texts)
        const intake = { pending: () => 0, settled: () => Promise.resolve() }
        const workers = servers.stores.map((store) =>
          createInboundWorker(
            { ...depsOf(store), intake },
            {
              batchSize: 3, // small batches, so both workers hold texts of the same threads in turn
              concurrency: 2,
              leaseMs: 60_000,
              maxAttempts: 10,
              workerShare: 1,
              claimGapMs: 0,
              pollMs: 60_000,
              releaseClaimsOnStart: false,
              lease: true,
            },
          ),
        )
        for (let round = 0; round < 10; round++) await Promise.all(workers.map((w) => w.drain()))
        await Promise.all(workers.map((w) => w.stop()))
        const processedBy = workers.map((w) => w.counts().processed)
        assert.ok(
          processedBy.every((n) => n > 0),
          `both workers took part: ${processedBy.join(', ')}`,
        )

        const rows = await servers.stores[0].db
          .selectFrom('conversations')
          .select(['customer_number', 'close_reason', 'status', 'opened_at', 'id'])
          .where('customer_number', 'in', threads)
          .orderBy('opened_at')
          .orderBy('id')
          .execute()
        for (const from of threads) {
          const mine = rows.filter((r) => r.customer_number === from)
          assert.deepEqual(
            mine.map((r) => [r.status, r.close_reason]),
            [
              ['closed', 'opted_out'],
              ['waiting', null],
            ],
            `${from}: a conversation, closed by STOP, then a new one`,
          )
        }
      },
    )
  })
}
