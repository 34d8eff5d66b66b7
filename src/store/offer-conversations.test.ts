import assert from 'node:assert/strict'
import { it } from 'node:test'
import { forEachDialect } from '../../test/support/dialects.ts'
import { testId } from '../../test/support/fixtures.ts'
import { openConversations } from './conversations.ts'
import { offerConversations } from './offer-conversations.ts'
import { ensureQueueRows, insertUser } from './users.ts'

const QUEUE = 'SBC_HD_SMS_BCEID'

forEachDialect('offerConversations', (ctx) => {
  it('offers each waiting conversation to its own agent, and leaves the others alone', async () => {
    const db = ctx.store.db
    await ensureQueueRows(db, [{ id: QUEUE, name: 'BCeID' }], 1)
    const agents = [testId('a'), testId('a')]
    for (const id of agents) {
      await insertUser(db, {
        ...{ id, username: id, displayName: id, role: 'agent', passwordHash: 'x' },
        ...{ skills: { bceid: 3 }, queues: [QUEUE], capacity: 3, createdAt: 1 },
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
          ...{ queueId: QUEUE, category: 'bceid', priority: 5, attributes: {} },
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
