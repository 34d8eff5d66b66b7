import assert from 'node:assert/strict'
import { it } from 'node:test'
import fc from 'fast-check'
import { forEachDialect } from '../../test/support/dialects.ts'
import { runCompiled } from './run-compiled.ts'

forEachDialect('queries compiled once', (ctx) => {
  const phones = Array.from({ length: 12 }, (_, i) => `+1250555${String(1000 + i)}`)

  it('answers as the query built afresh would, whatever the values and list lengths', async () => {
    const db = ctx.store.db
    await db
      .insertInto('contacts')
      .values(
        phones.map((phone, i) => ({
          id: `c${i}`,
          phone,
          language: i % 3 === 0 ? 'fr' : i % 3 === 1 ? 'en' : null,
          attributes: '{}',
          created_at: 1_000 + i,
          updated_at: 1_000 + i,
        })),
      )
      .execute()
    const query = (v: { after: number; phones: string[] }) =>
      db
        .selectFrom('contacts')
        .select(['phone', 'language'])
        .where('phone', 'in', v.phones)
        .where('language', '=', 'fr') // a constant the compiled query keeps
        .where('created_at', '>', v.after)
        .orderBy('phone')
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(phones, { minLength: 1 }),
        fc.integer({ min: 990, max: 1_015 }),
        async (some, after) => {
          const values = { after, phones: some }
          const { rows: once } = await runCompiled(db, 'french-contacts', values, query)
          assert.deepEqual(once, await query(values).execute())
        },
      ),
      { numRuns: 60 },
    )
  })

  it('runs in a transaction too, and tells how many rows a write changed', async () => {
    const db = ctx.store.db
    const remove = (v: { phones: string[] }) =>
      db.deleteFrom('contacts').where('phone', 'in', v.phones)
    const removed = await db.transaction().execute(async (trx) => {
      const values = { phones: phones.slice(0, 2) }
      return (await runCompiled(trx, 'remove-contacts', values, remove)).numAffectedRows
    })
    assert.equal(removed, 2n)
    const again = await runCompiled(db, 'remove-contacts', { phones: phones.slice(2, 4) }, remove)
    assert.equal(again.numAffectedRows, 2n)
  })

  it('refuses a query that leaves a value out', async () => {
    await assert.rejects(
      runCompiled(ctx.store.db, 'forgets', { phone: '+12505551000', unused: 7 }, (v) =>
        ctx.store.db.selectFrom('contacts').select('id').where('phone', '=', v.phone),
      ),
      /1 values unused/,
    )
  })
})
