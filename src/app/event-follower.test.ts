import assert from 'node:assert/strict'
import { before, it } from 'node:test'
import { forEachDialect } from '../../test/support/dialects.ts'
import { eventually } from '../../test/support/eventually.ts'
import { testId } from '../../test/support/fixtures.ts'
import { openConversation } from '../store/conversations.ts'
import { listenForStoredEvents } from '../store/event-feed.ts'
import { upsertQueues } from '../store/queues.ts'
import { appendAgentEvents } from '../store/routing-agents.ts'
import { insertUser } from '../store/users.ts'
import { createEventFollower } from './event-follower.ts'

const now = 1_795_000_000_000

forEachDialect('event follower', (ctx) => {
  let agentId = ''
  before(async () => {
    agentId = testId('u')
    await insertUser(ctx.store.db, {
      id: agentId,
      username: `agent-${agentId}`,
      displayName: 'Agent',
      role: 'agent',
      passwordHash: 'x',
      skills: {},
      queues: [],
      capacity: 3,
      createdAt: now,
    })
    await upsertQueues(ctx.store.db, [{ id: 'Q', name: 'Queue' }], now)
  })

  /** A status change stored by `db` (the store, or a transaction of it); returns its id. */
  const statusChange = async (db = ctx.store.db, occurredAt = now) => {
    const id = testId('e')
    await appendAgentEvents(db, [
      { id, userId: agentId, type: 'status_changed', status: 'available', occurredAt },
    ])
    return id
  }
  const ids = (events: readonly { id: string }[]) => events.map((e) => e.id)

  it('returns what is stored after start, each event once, in the order stored', async () => {
    await statusChange() // before start: not the follower's
    const follower = createEventFollower(ctx.store)
    await follower.start()
    const conversationId = testId('c')
    await openConversation(
      ctx.store.db,
      {
        id: conversationId,
        customerNumber: '+12505550123',
        ourNumber: '+12505550101',
        program: undefined,
        queueId: 'Q',
        category: 'general',
        priority: 5,
        attributes: {},
        flagged: false,
        openedAt: now,
      },
      [testId('e'), testId('e')],
    )
    const first = await statusChange()
    // an event time far in the past is still read: position, not time, decides
    const second = await statusChange(ctx.store.db, 0)

    const read = await follower.read()
    assert.deepEqual(
      read.conversation.map((e) => [e.conversationId, e.type]),
      [
        [conversationId, 'created'],
        [conversationId, 'queued'],
      ],
    )
    assert.deepEqual(ids(read.agent), [first, second])
    assert.equal(read.more, false)
    const again = await follower.read()
    assert.deepEqual([again.conversation.length, again.agent.length], [0, 0], 'nothing twice')
  })

  it('reads a backlog page by page, saying when there is more', async () => {
    const follower = createEventFollower(ctx.store, { pageSize: 2, maxPages: 2 })
    await follower.start()
    const stored: string[] = []
    for (let i = 0; i < 5; i++) stored.push(await statusChange())
    const first = await follower.read()
    assert.deepEqual([ids(first.agent), first.more], [stored.slice(0, 4), true])
    const rest = await follower.read()
    assert.deepEqual([ids(rest.agent), rest.more], [stored.slice(4), false])
  })

  it(
    'misses nothing when an older transaction commits after a younger one',
    {
      skip: ctx.dialect === 'sqlite' ? 'SQLite writes one transaction at a time' : false,
    },
    async () => {
      const follower = createEventFollower(ctx.store)
      await follower.start()
      let commit: () => void = () => undefined
      let written: () => void = () => undefined
      const isWritten = new Promise<void>((resolve) => (written = resolve))
      const canCommit = new Promise<void>((resolve) => (commit = resolve))
      let older = ''
      // the older transaction takes its position first and stays open
      const slow = ctx.store.db.transaction().execute(async (trx) => {
        older = await statusChange(trx)
        written()
        await canCommit
      })
      await isWritten
      const younger = await statusChange()

      assert.deepEqual(ids((await follower.read()).agent), [younger], 'the younger at once')
      commit()
      await slow
      assert.deepEqual(ids((await follower.read()).agent), [older], 'the older once committed')
      assert.deepEqual(ids((await follower.read()).agent), [], 'neither twice')
    },
  )

  it(
    'hears, by notification, that another connection committed events',
    {
      skip: ctx.dialect === 'sqlite' ? 'one process writes an SQLite file' : false,
    },
    async () => {
      let heard = 0
      const listener = await listenForStoredEvents(ctx.store, {
        onStored: () => heard++,
        onLost: (error) => assert.fail(String(error)),
      })
      assert.ok(listener)
      try {
        await statusChange()
        await eventually(() => assert.ok(heard >= 1, 'notified once the insert committed'))
      } finally {
        await listener.close()
      }
    },
  )
})
