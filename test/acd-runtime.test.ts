import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { addTestUser, manualClock } from './support/people.ts'
import { createTestApp } from './support/test-app.ts'
import { openConversation } from '../src/store/conversations.ts'
import { createAcd } from '../src/app/acd.ts'
import type { App } from '../src/app/compose.ts'
import { createEventBus, type BusEvent } from '../src/app/event-bus.ts'
import { setAgentStatus } from '../src/app/set-agent-status.ts'
import { acceptConversation } from '../src/app/accept-conversation.ts'

describe('ACD runtime', () => {
  const clock = manualClock()
  let app: App
  before(async () => {
    ;({ app } = await createTestApp({ compose: { clock } }))
  })
  after(async () => {
    await app.close()
  })

  const open = async (id: string, customerNumber: string) => {
    await openConversation(
      app.store.db,
      {
        id,
        customerNumber,
        ourNumber: '+12505550101',
        program: 'bceid',
        queueId: 'SBC_HD_SMS_BCEID',
        category: 'bceid',
        priority: 5,
        attributes: {},
        flagged: false,
        openedAt: clock.now(),
        skills: ['bceid'],
      },
      [app.random.id(), app.random.id()],
    )
  }
  const statusOf = async (id: string) =>
    (
      await app.store.db
        .selectFrom('conversations')
        .select(['status', 'agent_id'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).status

  it('rebuilds from the database at start: what waited while no ACD ran is offered at once', async () => {
    const agent = await addTestUser(app, { skills: { bceid: 5 } })
    const deps = { ...app, acd: { wake: () => undefined } }
    await setAgentStatus(deps, agent, { agentId: agent.id, status: 'available' })
    await open('c-before-start', '+12505558001')

    const published: BusEvent[] = []
    const bus = createEventBus()
    bus.subscribe((event) => published.push(event))
    const acd = createAcd({ ...app, bus }, { tickMs: 60_000 })
    await acd.start()
    assert.equal(await statusOf('c-before-start'), 'offered')
    assert.ok(published.some((e) => e.type === 'offered' && e.agentId === agent.id))
    await acd.stop()

    // a restarted ACD finds the pending offer and still times it out
    const restarted = createAcd({ ...app, bus }, { tickMs: 60_000 })
    await restarted.start()
    assert.deepEqual(restarted.stats(), { agents: 1, waiting: 0, offers: 1 })
    clock.advance(30_000)
    assert.equal((await restarted.tick()).expired, 1, 'expired exactly at the 30 s offer timeout')
    assert.equal(await statusOf('c-before-start'), 'waiting')
    await restarted.stop()
  })

  it('never offers more conversations at once than an agent can take, one pending offer at a time', async () => {
    const agent = await addTestUser(app, { skills: { bceid: 1 }, capacity: 2 })
    const deps = { ...app, acd: { wake: () => undefined } }
    await setAgentStatus(deps, agent, { agentId: agent.id, status: 'available' })
    for (let i = 0; i < 4; i++) await open(`c-cap-${i}`, `+1250555810${i}`)
    const acd = createAcd({ ...app, bus: createEventBus() }, { tickMs: 60_000 })
    await acd.start()
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
      for (const { id } of await held()) await acceptConversation(deps, agent, id)
      await acd.tick()
    }
    assert.equal((await held()).length, 2, 'capacity 2')
    await acd.stop()
  })
})
