import assert from 'node:assert/strict'
import { it } from 'node:test'
import fc from 'fast-check'
import { forEachDialect } from '../../test/support/dialects.ts'
import { insertRows } from './insert-rows.ts'

const COLUMNS = ['id', 'phone', 'attributes', 'created_at', 'updated_at'] as const

forEachDialect('inserting many rows', (ctx) => {
  let round = 0

  it('stores every row once, in statements of any size, and skips a repeat when asked', async () => {
    const db = ctx.store.db
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 70 }),
        fc.integer({ min: 0, max: 5 }),
        async (count, repeats) => {
          round++
          const rows = Array.from({ length: count }, (_, i) => [
            `r${round}-${i}`,
            `+1250${String(round).padStart(3, '0')}${String(i).padStart(4, '0')}`,
            '{}',
            i,
            i,
          ])
          const stored = await insertRows(db, 'contacts', COLUMNS, rows, { returning: 'id' })
          assert.deepEqual(stored.map((r) => r.id).sort(), rows.map((r) => r[0]).sort())
          // the first `repeats` again, among as many new rows: only the new ones go in
          const again = [
            ...rows.slice(0, repeats),
            ...rows
              .slice(0, repeats)
              .map((r) => [`${String(r[0])}-new`, `${String(r[1])}9`, '{}', 0, 0]),
          ]
          const added = await insertRows(db, 'contacts', COLUMNS, again, {
            onConflictDoNothing: true,
            returning: 'id',
          })
          assert.equal(added.length, Math.min(repeats, count))
          const n = await db
            .selectFrom('contacts')
            .select((eb) => eb.fn.countAll<number | string>().as('n'))
            .where('id', 'like', `r${round}-%`)
            .executeTakeFirstOrThrow()
          assert.equal(Number(n.n), count + Math.min(repeats, count))
        },
      ),
      { numRuns: 40 },
    )
  })
})
