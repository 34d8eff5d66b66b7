import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { sql } from 'kysely'
import { acceptConversation } from '../src/app/accept-conversation.ts'
import { createAcd, type Acd, type AcdOptions } from '../src/app/acd.ts'
import { composeApp, type App } from '../src/app/compose.ts'
import { declineConversation } from '../src/app/decline-conversation.ts'
import { createEventBus, type BusEvent } from '../src/app/event-bus.ts'
import { setAgentStatus } from '../src/app/set-agent-status.ts'
import { openStore } from '../src/store/connect.ts'
import { openConversation } from '../src/store/conversations.ts'
import { DIALECTS, postgresUrl } from './support/dialects.ts'
import { eventually } from './support/eventually.ts'
import { addTestUser, manualClock } from './support/people.ts'
import { createTestApp, type TestAppOptions } from './support/test-app.ts'

const BCEID = 'SBC_HD_SMS_BCEID'
const GENERAL = 'SBC_HD_SMS_GENERAL'
const BCEID_NUMBER = '+12505550101'
/** A hang guard, not a speed limit: generous for a machine busy with other work. */
const HANG_GUARD_MS = 30_000
/** Timers and polls that never come during a test: whatever happens was woken. */
const NEVER: Partial<AcdOptions> = { tickMs: 3_600_000, pollMs: 3_600_000 }

/** The example configuration with the BCeID queue's offer timeout and exclusion changed. */
const bceidQueue =
  (settings: { offerTimeoutSeconds?: number; excludeAgentForSeconds?: number }) =>
  (yaml: string) => {
    const anchor = '    relaxSkillsAfterSeconds: [180]\n'
    assert.ok(yaml.includes(anchor), 'the example configuration still has the BCeID queue')
    const lines = Object.entries(settings).map(([key, value]) => `    ${key}: ${value}\n`)
    return yaml.replace(anchor, anchor + lines.join(''))
  }
/** The BCeID number on the sandbox trunk, so a simulated phone can text it. */
const bceidOnSandbox = (yaml: string) =>
  yaml.replace(
    "number: '+12505550101'\n    trunk: twilio-longcode",
    "number: '+12505550101'\n    trunk: sandbox",
  )

for (const { dialect, skip } of DIALECTS) {
  describe(`ACD runtime [${dialect}]`, { skip }, () => {
    const clock = manualClock()

    /** A fresh app (own database) for one test, closed after it. */
    async function withApp(
      options: TestAppOptions,
      test: (app: App) => Promise<void>,
    ): Promise<void> {
      const { app } = await createTestApp({
        dialect,
        ...options,
        compose: { clock, ...options.compose },
      })
      try {
        await test(app)
      } finally {
        await app.close()
      }
    }
    const noWake = (app: App) => ({ ...app, acd: { wake: () => undefined } })
    const available = async (app: App, overrides: Parameters<typeof addTestUser>[1] = {}) => {
      const agent = await addTestUser(app, { skills: { bceid: 4 }, ...overrides })
      await setAgentStatus(noWake(app), agent, { agentId: agent.id, status: 'available' })
      return agent
    }
    let phones = 0
    const open = async (app: App, id: string, queueId = BCEID) => {
      await openConversation(
        app.store.db,
        {
          id,
          customerNumber: `+1250555${String(8000 + ++phones)}`,
          ourNumber: BCEID_NUMBER,
          program: 'bceid',
          queueId,
          category: 'bceid',
          priority: 5,
          attributes: {},
          flagged: false,
          openedAt: clock.now(),
          skills: queueId === BCEID ? ['bceid'] : [],
        },
        [app.random.id(), app.random.id()],
      )
    }
    const conversation = (app: App, id: string) =>
      app.store.db
        .selectFrom('conversations')
        .select(['status', 'agent_id'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    const startAcd = async (app: App, bus = createEventBus(), options = NEVER): Promise<Acd> => {
      const acd = createAcd({ ...app, bus }, options)
      await acd.start()
      return acd
    }

    it('rebuilds from the database at start: what waited while no ACD ran is offered at once', async () => {
      await withApp({}, async (app) => {
        const agent = await available(app, { skills: { bceid: 5 } })
        await open(app, 'c-before-start')

        const published: BusEvent[] = []
        const bus = createEventBus()
        bus.subscribe((event) => published.push(event))
        const acd = await startAcd(app, bus)
        assert.equal((await conversation(app, 'c-before-start')).status, 'offered')
        assert.ok(published.some((e) => e.type === 'offered' && e.agentId === agent.id))
        await acd.stop()

        // a restarted ACD finds the pending offer and still times it out
        const restarted = await startAcd(app, bus)
        assert.deepEqual(restarted.stats(), { agents: 1, waiting: 0, offers: 1 })
        clock.advance(30_000)
        assert.equal((await restarted.tick()).expired, 1, 'expired at the 30 s default timeout')
        assert.equal((await conversation(app, 'c-before-start')).status, 'waiting')
        await restarted.stop()
      })
    })

    it('tries the start-up rebuild again after it failed, and then routes', async () => {
      await withApp({}, async (app) => {
        const agent = await available(app)
        await open(app, 'c-rebuilt-later')
        // the store fails the rebuild's first read (as a database that is down would)
        await sql`alter table agent_queues rename to agent_queues_away`.execute(app.store.db)
        const acd = createAcd({ ...app, bus: createEventBus() }, NEVER)
        try {
          await assert.rejects(acd.start())
          await sql`alter table agent_queues_away rename to agent_queues`.execute(app.store.db)
          assert.equal((await acd.tick()).offered, 1)
          const offered = await conversation(app, 'c-rebuilt-later')
          assert.deepEqual([offered.status, offered.agent_id], ['offered', agent.id])
        } finally {
          await acd.stop()
        }
      })
    })

    it('never offers more conversations at once than an agent can take, one pending offer at a time', async () => {
      await withApp({}, async (app) => {
        const agent = await available(app, { skills: { bceid: 1 }, capacity: 2 })
        for (let i = 0; i < 4; i++) await open(app, `c-cap-${i}`)
        const acd = await startAcd(app)
        const held = () =>
          app.store.db
            .selectFrom('conversations')
            .select('id')
            .where('agent_id', '=', agent.id)
            .where('status', 'in', ['offered', 'active'])
            .execute()
        assert.equal((await held()).length, 1, 'one pending offer at a time')
        // the agent accepts whatever is offered, and the ACD offers again, until capacity is reached
        for (let round = 0; round < 4; round++) {
          for (const { id } of await held()) await acceptConversation(noWake(app), agent, id)
          await acd.tick()
        }
        assert.equal((await held()).length, 2, 'capacity 2')
        await acd.stop()
      })
    })

    it('offers a new conversation as soon as the text is stored, without waiting for a poll', async () => {
      const options = { editConfig: bceidOnSandbox, compose: { acd: NEVER } }
      await withApp(options, async (app) => {
        const seen: string[] = []
        app.events.subscribe((e) => {
          if (e.kind === 'conversation') seen.push(`${e.type}:${e.conversationId}`)
        })
        await app.start() // its ACD reads the tables only when woken or notified
        const agent = await available(app)
        app.acd.wake() // as an agent's action does (here the status was set with no wake-up)
        app.gateways.sandbox?.simulateInbound({
          from: '+12505559001',
          to: BCEID_NUMBER,
          body: 'BCEID I am locked out',
        })
        let id = ''
        await eventually(async () => {
          const row = await app.store.db
            .selectFrom('conversations')
            .select(['id', 'status', 'agent_id'])
            .where('customer_number', '=', '+12505559001')
            .executeTakeFirstOrThrow()
          assert.deepEqual([row.status, row.agent_id], ['offered', agent.id])
          id = row.id
        }, HANG_GUARD_MS)
        const order = seen.filter((s) => s.endsWith(`:${id}`)).map((s) => s.split(':')[0])
        assert.deepEqual(
          order.filter((t) => t === 'queued' || t === 'offered'),
          ['queued', 'offered'],
          'queued, then offered, with every timer and poll an hour away',
        )
      })
    })

    it('finds a conversation stored without any wake-up at the next poll', async () => {
      await withApp({}, async (app) => {
        const agent = await available(app)
        const acd = await startAcd(app, createEventBus(), { tickMs: 10, pollMs: 5_000 })
        await open(app, 'c-unannounced') // as a one-off command writing to the database would
        clock.advance(5_000) // the unprompted cycles (every 10 ms here) now read the tables
        await eventually(
          async () => assert.equal((await conversation(app, 'c-unannounced')).agent_id, agent.id),
          HANG_GUARD_MS,
        )
        await acd.stop()
      })
    })

    it('times offers out per queue (offerTimeoutSeconds)', async () => {
      const options = { editConfig: bceidQueue({ offerTimeoutSeconds: 45 }) }
      await withApp(options, async (app) => {
        await available(app, { skills: { bceid: 4 }, queues: [BCEID] })
        await available(app, { skills: {}, queues: [GENERAL] })
        await open(app, 'c-bceid', BCEID)
        await open(app, 'c-general', GENERAL)
        const offeredAt = clock.now()
        const acd = await startAcd(app)
        const offered = await app.store.db
          .selectFrom('conversation_events')
          .select(['conversation_id', 'data'])
          .where('type', '=', 'offered')
          .execute()
        const expiresAt = Object.fromEntries(
          offered.map((e) => [
            e.conversation_id,
            (JSON.parse(e.data ?? '{}') as { expiresAt: number }).expiresAt - offeredAt,
          ]),
        )
        assert.deepEqual(expiresAt, { 'c-bceid': 45_000, 'c-general': 30_000 })

        clock.advance(30_000)
        assert.equal((await acd.tick()).expired, 1, 'the general queue keeps the 30 s default')
        assert.equal((await conversation(app, 'c-general')).status, 'waiting')
        assert.equal((await conversation(app, 'c-bceid')).status, 'offered')
        clock.advance(15_000)
        assert.equal((await acd.tick()).expired, 1, 'the BCeID queue waits its 45 s')
        assert.equal((await conversation(app, 'c-bceid')).status, 'waiting')
        await acd.stop()
      })
    })

    it('passes over an agent who let an offer lapse only for the queue’s excludeAgentForSeconds', async () => {
      const options = { editConfig: bceidQueue({ excludeAgentForSeconds: 120 }) }
      await withApp(options, async (app) => {
        const only = await available(app) // the queue's single agent
        await open(app, 'c-lapsed')
        const acd = await startAcd(app)
        clock.advance(30_000)
        assert.equal((await acd.tick()).expired, 1)
        await setAgentStatus(noWake(app), only, { agentId: only.id, status: 'available' })

        clock.advance(119_999)
        await acd.tick()
        assert.equal((await conversation(app, 'c-lapsed')).status, 'waiting', 'still passed over')
        clock.advance(1)
        await acd.tick()
        assert.deepEqual(
          await conversation(app, 'c-lapsed'),
          { status: 'offered', agent_id: only.id },
          'offered to the same agent once the exclusion ends',
        )
        await acd.stop()
      })
    })

    it('re-offers a declined conversation to another agent; the decliner stays available', async () => {
      await withApp({}, async (app) => {
        const first = await available(app, { skills: { bceid: 5 } })
        const second = await available(app, { skills: { bceid: 2 } })
        await open(app, 'c-declined')
        const acd = await startAcd(app)
        assert.equal((await conversation(app, 'c-declined')).agent_id, first.id, 'best first')

        const deps = { ...app, acd }
        assert.equal((await declineConversation(deps, second, 'c-declined')).ok, false)
        assert.equal((await declineConversation(deps, first, 'c-declined')).ok, true)
        await eventually(
          async () =>
            assert.deepEqual(await conversation(app, 'c-declined'), {
              status: 'offered',
              agent_id: second.id,
            }),
          HANG_GUARD_MS,
        )
        const me = await app.store.db
          .selectFrom('users')
          .select('status')
          .where('id', '=', first.id)
          .executeTakeFirstOrThrow()
        assert.equal(me.status, 'available')
        const types = await app.store.db
          .selectFrom('conversation_events')
          .select(['type', 'agent_id', 'data'])
          .where('conversation_id', '=', 'c-declined')
          .orderBy('occurred_at')
          .orderBy('id')
          .execute()
        const declined = types.findIndex((e) => e.type === 'declined')
        assert.equal(types[declined]?.agent_id, first.id)
        const requeued = JSON.parse(types[declined + 1]?.data ?? '{}') as Record<string, unknown>
        assert.equal(requeued.reason, 'offer_declined')
        assert.deepEqual(requeued.excludedAgents, [first.id])
        await acd.stop()
      })
    })

    it(
      'hears about events another server stores (PostgreSQL notification)',
      {
        skip: dialect === 'sqlite' ? 'one server per SQLite file' : false,
      },
      async () => {
        await withApp({ compose: { acd: NEVER } }, async (holder) => {
          await holder.start()
          assert.equal(holder.acd.isLeader(), true)
          const { rows } = await sql<{
            schema: string
          }>`select current_schema() as schema`.execute(holder.store.db)
          const schema = rows[0]?.schema
          assert.ok(postgresUrl && schema)
          const store = await openStore({ url: postgresUrl, schema, poolSize: 2 })
          const other = await composeApp({
            config: holder.config,
            logger: holder.logger,
            clock,
            store,
            migrate: false,
            acd: NEVER,
          })
          try {
            await other.start()
            assert.equal(other.acd.isLeader(), false, 'the first server holds the ACD')
            const onOther: BusEvent[] = []
            other.events.subscribe((e) => onOther.push(e))

            // an agent and a text handled by the other server, which does not route
            const agent = await addTestUser(other, { skills: { bceid: 3 } })
            await setAgentStatus(other, agent, { agentId: agent.id, status: 'available' })
            await open(other, 'c-elsewhere')
            other.acd.wake()

            await eventually(
              async () =>
                assert.deepEqual(await conversation(holder, 'c-elsewhere'), {
                  status: 'offered',
                  agent_id: agent.id,
                }),
              HANG_GUARD_MS,
            )
            await eventually(
              () =>
                assert.ok(
                  onOther.some((e) => e.type === 'offered' && e.agentId === agent.id),
                  "the holder's offer reaches the other server's bus (its WebSocket) too",
                ),
              HANG_GUARD_MS,
            )
          } finally {
            await other.close()
          }
        })
      },
    )
  })
}
