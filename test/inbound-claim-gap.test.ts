import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { App } from '../src/app/compose.ts'
import { DIALECTS } from './support/dialects.ts'
import { eventually } from './support/eventually.ts'
import { replacing } from './support/parley-process.ts'
import { createTestApp } from './support/test-app.ts'

const BCEID_NUMBER = '+12505550101' // the bceid program's number
const GAP_MS = 1000

/**
 * Stage 2 starts batches at least `inbound.claimGapMs` apart (decision 0009): a text after a
 * quiet spell is taken at once, and texts arriving during the gap share the next batch (one
 * set of reads, one commit, one routing cycle) instead of a batch each.
 */
for (const { dialect, skip } of DIALECTS) {
  describe(`inbound batches spaced by claimGapMs [${dialect}]`, { skip }, () => {
    let app: App
    let texts = 0

    before(async () => {
      ;({ app } = await createTestApp({
        dialect,
        editConfig: replacing('claimGapMs: 2', `claimGapMs: ${GAP_MS}`),
      }))
    })
    after(() => app.close())

    const submit = async (from: string) => {
      const verdict = await app.intake.submit('sandbox', {
        carrierId: `gap-${++texts}`,
        from,
        to: BCEID_NUMBER,
        body: 'my BCeID account is locked',
        receivedAt: Date.now(),
      })
      assert.ok('stored' in verdict && !verdict.repeat, 'stored')
    }

    it('takes a text after a quiet spell at once and the texts behind it together', async () => {
      const began = Date.now()
      await submit('+12505557301')
      await eventually(() => assert.equal(app.inbound.counts().processed, 1))
      const tookMs = Date.now() - began
      assert.ok(
        tookMs < GAP_MS,
        `the first text was taken at once, not after the gap: ${tookMs} ms`,
      )
      assert.equal(app.inbound.counts().batches, 1)

      // stored one after another, each woken the worker: all within the gap
      for (const from of ['+12505557302', '+12505557303', '+12505557304']) await submit(from)
      await eventually(() => assert.equal(app.inbound.counts().processed, 4))
      assert.equal(app.inbound.counts().batches, 2, 'the three texts shared one batch')
      const opened = await app.store.db
        .selectFrom('conversations')
        .select('customer_number')
        .where('customer_number', 'like', '+1250555730%')
        .execute()
      assert.equal(opened.length, 4, 'each text opened its conversation')
    })

    it('stopped while it waits out the gap, starts no new batch; the text waits in the store', async () => {
      const { processed, batches } = app.inbound.counts()
      await submit('+12505557305') // claimed at once, or after what is left of the last gap
      await eventually(() => assert.equal(app.inbound.counts().processed, processed + 1))
      await submit('+12505557306') // within the gap that claim began
      await app.inbound.stop()
      assert.equal(app.inbound.counts().batches, batches + 1)
      const waiting = await app.store.db.selectFrom('inbound_texts').select('from_number').execute()
      assert.deepEqual(waiting, [{ from_number: '+12505557306' }])
    })
  })
}
