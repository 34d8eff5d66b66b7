import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { App } from '../src/app/compose.ts'
import { buildServer, type ParleyServer } from '../src/http/build-server.ts'
import { DIALECTS } from './support/dialects.ts'
import { deskConfig, deskSession } from './support/desk-session.ts'
import { createTestApp } from './support/test-app.ts'

interface Transcript {
  conversation: { status: string; agentId?: string }
  events: { type: string; agentId?: string; data?: Record<string, unknown> }[]
}

for (const { dialect, skip } of DIALECTS) {
  // Agents cannot list users (GET /v1/agents is for supervisors): they name a colleague by
  // username, which the desk's transfer dialog asks for.
  describe(`transfer to an agent named by username [${dialect}]`, { skip }, () => {
    let app: App
    let server: ParleyServer
    const desk = deskSession(() => ({ app, server }))

    before(async () => {
      ;({ app } = await createTestApp({
        dialect,
        compose: { acd: { tickMs: 50 } },
        editConfig: deskConfig,
      }))
      await app.start()
      server = await buildServer(app)
    })
    after(async () => {
      await server.close()
      await app.close()
    })

    it('offers the conversation to the agent with that username, and refuses an unknown one', async () => {
      const ana = await desk.person()
      const ben = await desk.person()
      await desk.setStatus(ana.token, 'available')
      const phone = desk.citizen()
      desk.text(phone, 'BCEID my account is locked')
      const id = await desk.offeredTo(ana.token, phone)
      await desk.handle(ana.token, id)
      await desk.setStatus(ben.token, 'available')

      await desk.refused(
        ana.token,
        'POST',
        `/v1/conversations/${id}/transfer`,
        { toAgent: 'nobody-by-that-name', note: 'x' },
        { status: 404, code: 'agent_not_found' },
      )
      const moved = await desk.ok<{ status: string }>(
        ana.token,
        'POST',
        `/v1/conversations/${id}/transfer`,
        { toAgent: ben.user.username, note: 'please take over' },
      )
      assert.equal(moved.status, 'offered')
      const { conversation, events } = await desk.ok<Transcript>(
        ben.token,
        'GET',
        `/v1/conversations/${id}`,
      )
      assert.deepEqual(
        { status: conversation.status, agentId: conversation.agentId },
        { status: 'offered', agentId: ben.user.id },
      )
      const transferred = events.find((e) => e.type === 'transferred')
      assert.equal(transferred?.data?.toAgent, ben.user.id, 'the event names the agent by id')
      await desk.setStatus(ana.token, 'offline')
      await desk.setStatus(ben.token, 'offline')
    })
  })
}
