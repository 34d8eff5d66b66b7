import assert from 'node:assert/strict'
import { it } from 'node:test'
import { forEachDialect } from '../../test/support/dialects.ts'
import { executeCompiled } from './execute-compiled.ts'
import type { Kysely } from 'kysely'
import type { Database } from './database.ts'

forEachDialect('compiled SQL run on the store’s connection', (ctx) => {
  const mark = (i: number) => (ctx.dialect === 'postgres' ? `$${i}` : '?')
  const insert = (db: Kysely<Database>, id: string) =>
    executeCompiled(
      db,
      `insert into contacts (id, phone, attributes, created_at, updated_at) ` +
        `values (${mark(1)}, ${mark(2)}, '{}', 1, 1)`,
      [id, `+1250555${id.slice(-4)}`],
    )
  const ids = async (db: Kysely<Database>) =>
    (
      await executeCompiled<{ id: string }>(
        db,
        `select id from contacts where id like ${mark(1)} order by id`,
        ['ec-%'],
      )
    ).rows.map((row) => row.id)

  it('on a transaction’s handle it sees the transaction’s writes and is undone with it', async () => {
    const db = ctx.store.db
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await insert(trx, 'ec-1001')
        assert.deepEqual(await ids(trx), ['ec-1001'])
        throw new Error('roll back')
      }),
      /roll back/,
    )
    assert.deepEqual(await ids(db), [])
  })

  it('outside it, it never joins another transaction that is open', async () => {
    const db = ctx.store.db
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => (release = resolve))
    let opened: () => void = () => undefined
    const open = new Promise<void>((resolve) => (opened = resolve))
    const rolledBack = db
      .transaction()
      .execute(async (trx) => {
        await insert(trx, 'ec-2001')
        opened()
        await held
        throw new Error('roll back')
      })
      .catch((error: unknown) => error)
    await open
    const outside = insert(db, 'ec-2002') // SQLite: waits for the transaction to end
    release()
    assert.match(String(await rolledBack), /roll back/)
    assert.equal((await outside).numAffectedRows, 1n)
    assert.deepEqual(await ids(db), ['ec-2002'])
  })

  it('tells how many rows a write changed, as Kysely does', async () => {
    const db = ctx.store.db
    const result = await executeCompiled(
      db,
      `update contacts set language = 'fr' where id like ${mark(1)}`,
      ['ec-%'],
    )
    assert.equal(result.numAffectedRows, 1n)
    assert.deepEqual(result.rows, [])
  })
})
