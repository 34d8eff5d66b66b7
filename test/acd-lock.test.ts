import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createAcd } from '../src/app/acd.ts'
import type { App } from '../src/app/compose.ts'
import { createEventBus } from '../src/app/event-bus.ts'
import { DIALECTS } from './support/dialects.ts'
import { createTestApp } from './support/test-app.ts'

const postgres = DIALECTS.find((d) => d.dialect === 'postgres')

describe(
  'one ACD per PostgreSQL database (advisory lock)',
  { skip: postgres?.skip ?? true },
  () => {
    let app: App
    before(async () => {
      ;({ app } = await createTestApp({ dialect: 'postgres' }))
    })
    after(async () => {
      await app.close()
    })

    it('only one of two servers decides; the other takes over once the first stops', async () => {
      const deps = { ...app, bus: createEventBus() }
      const first = createAcd(deps, { tickMs: 60_000, lockRetryMs: 0 })
      const second = createAcd(deps, { tickMs: 60_000, lockRetryMs: 0 })
      await first.start()
      await second.start()
      assert.equal(first.isLeader(), true)
      assert.equal(second.isLeader(), false)
      assert.equal((await second.tick()).leader, false, 'the second server makes no offers')
      await first.stop()
      assert.equal(
        (await second.tick()).leader,
        true,
        'the lock is free again: the second takes it',
      )
      await second.stop()
    })
  },
)
