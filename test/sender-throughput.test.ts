import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { App } from '../src/app/compose.ts'
import { createApiKey } from '../src/app/manage-api-keys.ts'
import { buildServer, type ParleyServer } from '../src/http/build-server.ts'
import { apiClient, type ApiClient } from './support/api-client.ts'
import { DIALECTS } from './support/dialects.ts'
import { editsOf, withSenderRate } from './support/peer-config.ts'
import { manualClock } from './support/people.ts'
import { createTestApp } from './support/test-app.ts'

const SENDER = '+12505550199' // the example's sandbox program sender, on the sandbox trunk
const RATE = 2 // segments per second, and so a bucket of 2
const CASE = { caseNumber: 'C-1001', status: 'in review' }

for (const { dialect, skip } of DIALECTS) {
  describe(`a sender's throughput limit with a backlog [${dialect}]`, { skip }, () => {
    const clock = manualClock()
    let app: App
    let server: ParleyServer
    let api: ApiClient

    before(async () => {
      ;({ app } = await createTestApp({
        dialect,
        editConfig: editsOf(withSenderRate(SENDER, RATE)),
        // no waiting in-process for a slot: a text over the limit is handed back at once
        compose: { clock, dispatcher: { holdMs: 0 } },
      }))
      await app.gateways.start()
      server = await buildServer(app)
      const key = await createApiKey(app, { name: 'crm', scopes: ['send'], test: false })
      // texts accepted a millisecond apart, so that their order is the order they were sent in
      api = apiClient(server, key.key, { afterSend: () => clock.advance(1) })
    })
    after(async () => {
      await server.close()
      await app.gateways.stop()
      await app.close()
    })

    const send = async (n: number) => {
      const to = `+1250555087${n}`
      await api.optIn(to, 'sandbox')
      const body = { to, template: 'case_update', program: 'sandbox', personalisation: CASE }
      return (await api.send(body)).id
    }
    const sent = async (ids: readonly string[]) => {
      const statuses = await Promise.all(ids.map(async (id) => (await api.message(id)).status))
      return ids.filter((_, i) => statuses[i] !== 'queued' && statuses[i] !== 'sending')
    }

    it('sends at the limit, in order, each text handed back once to a slot of its own', async () => {
      const first = [await send(0), await send(1), await send(2), await send(3), await send(4)]
      assert.equal(await app.dispatcher.drain(), 5)
      assert.deepEqual(await sent(first), first.slice(0, 2), 'the bucket holds 2 segments')

      const late = await send(5)
      assert.equal(await app.dispatcher.drain(), 1, 'the late text is handed back too')
      assert.equal(await app.dispatcher.drain(), 0, 'and none is claimed again before its slot')
      const all = [...first, late]
      assert.deepEqual(await sent(all), first.slice(0, 2))

      for (let expected = 3; expected <= all.length; expected++) {
        clock.advance(1000 / RATE) // one token
        await app.dispatcher.drain()
        assert.deepEqual(await sent(all), all.slice(0, expected), 'one more, the oldest waiting')
      }
    })
  })
}
