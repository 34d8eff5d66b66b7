import assert from 'node:assert/strict'
import { it } from 'node:test'
import { forEachDialect } from '../../test/support/dialects.ts'
import { testId } from '../../test/support/fixtures.ts'
import { appendConversationEvents, openConversations } from './conversations.ts'
import {
  changeConversation,
  loadRoutingConversations,
  offerConversations,
  routingConversationPages,
  type RoutingConversationRow,
} from './routing-conversations.ts'
import { ensureQueueRows, insertUser } from './users.ts'

const now = 1_795_000_000_000
const BCEID = 'SBC_HD_SMS_BCEID'

async function allPages(db: Parameters<typeof routingConversationPages>[0]) {
  const pages: RoutingConversationRow[][] = []
  for await (const page of routingConversationPages(db)) pages.push(page)
  return pages
}

const byId = (a: RoutingConversationRow, b: RoutingConversationRow) => (a.id < b.id ? -1 : 1)

forEachDialect('routing conversations', (ctx) => {
  it('has no page when nothing waits', async () => {
    assert.deepEqual(await allPages(ctx.store.db), [])
  })

  it('reads every waiting or offered conversation once, 500 to a page, as it reads them by id', async () => {
    const db = ctx.store.db
    await ensureQueueRows(db, [{ id: BCEID, name: 'BCeID support' }], now)
    const ids = Array.from({ length: 1_100 }, (_, i) => `rc-${String(i).padStart(5, '0')}`)
    // opened newest id first: pages follow the ids, not the order rows were written in
    const opening = [...ids].reverse()
    for (let i = 0; i < opening.length; i += 250) {
      await openConversations(
        db,
        opening.slice(i, i + 250).map((id, n) => ({
          conversation: {
            id,
            customerNumber: `+1250555${String(i + n).padStart(4, '0')}`,
            ourNumber: '+12505550101',
            program: 'bceid',
            queueId: BCEID,
            category: 'bceid',
            priority: 5,
            attributes: {},
            flagged: false,
            openedAt: now,
            skills: ['bceid'],
          },
          eventIds: [`${id}-created`, `${id}-queued`],
        })),
      )
    }
    const [closed, offered, requeued] = [ids[3], ids[600], ids[700]] as [string, string, string]
    await changeConversation(db, closed, { from: ['waiting'] }, { status: 'closed', closedAt: now })
    await changeConversation(db, offered, { from: ['waiting'] }, { status: 'offered' })
    await appendConversationEvents(db, [
      { id: 'rc-offer', conversationId: offered, type: 'offered', occurredAt: now + 5 },
      {
        id: 'rc-requeue',
        conversationId: requeued,
        type: 'queued',
        data: { skills: ['general'], priority: 7 },
        occurredAt: now + 9,
      },
    ])

    const pages = await allPages(db)
    assert.deepEqual(
      pages.map((page) => page.length),
      [500, 500, 99],
    )
    const rows = pages.flat()
    assert.deepEqual(
      rows.map((row) => row.id),
      ids.filter((id) => id !== closed),
      'in id order, each once, the closed one left out',
    )
    const read = await loadRoutingConversations(
      db,
      rows.map((row) => row.id),
    )
    assert.deepEqual(rows, read.sort(byId))
    const row = (id: string) => rows.find((r) => r.id === id)
    assert.equal(row(offered)?.status, 'offered')
    assert.equal(row(offered)?.offeredAt, now + 5)
    assert.deepEqual(row(requeued)?.queued, { skills: ['general'], priority: 7, at: now + 9 })
    assert.deepEqual(row(ids[0] ?? '')?.queued, { skills: ['bceid'], priority: 5, at: now })
  })
})

forEachDialect('offerConversations', (ctx) => {
  it('offers each waiting conversation to its own agent, and leaves the others alone', async () => {
    const db = ctx.store.db
    await ensureQueueRows(db, [{ id: BCEID, name: 'BCeID' }], 1)
    const agents = [testId('a'), testId('a')]
    for (const id of agents) {
      await insertUser(db, {
        ...{ id, username: id, displayName: id, role: 'agent', passwordHash: 'x' },
        ...{ skills: { bceid: 3 }, queues: [BCEID], capacity: 3, createdAt: 1 },
      })
    }
    const ids = [testId('c'), testId('c'), testId('c')]
    await openConversations(
      db,
      ids.map((id, i) => ({
        conversation: {
          id,
          customerNumber: `+1250555099${i}`,
          ourNumber: '+12505550101',
          program: undefined,
          ...{ queueId: BCEID, category: 'bceid', priority: 5, attributes: {} },
          ...{ flagged: false, openedAt: 1 },
        },
        eventIds: [testId('e'), testId('e')],
      })),
    )
    const [first, second, taken] = ids as [string, string, string]
    await db
      .updateTable('conversations')
      .set({ status: 'accepted' })
      .where('id', '=', taken)
      .execute()

    const offered = await offerConversations(db, [
      { conversationId: first, agentId: agents[0] ?? '' },
      { conversationId: second, agentId: agents[1] ?? '' },
      { conversationId: taken, agentId: agents[1] ?? '' },
    ])
    assert.deepEqual([...offered].sort(), [first, second].sort())
    const rows = await db
      .selectFrom('conversations')
      .select(['id', 'status', 'agent_id'])
      .where('id', 'in', ids)
      .execute()
    const byId = new Map(rows.map((r) => [r.id, r]))
    assert.deepEqual(byId.get(first), { id: first, status: 'offered', agent_id: agents[0] })
    assert.deepEqual(byId.get(second), { id: second, status: 'offered', agent_id: agents[1] })
    assert.deepEqual(byId.get(taken), { id: taken, status: 'accepted', agent_id: null })
    assert.equal((await offerConversations(db, [])).size, 0)
  })
})
