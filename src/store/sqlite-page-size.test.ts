import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import SqliteDatabase from 'better-sqlite3'
import { sql } from 'kysely'
import { openStore, SQLITE_PAGE_SIZE, type Store } from './connect.ts'
import { migrateToLatest } from './migrate.ts'

const dir = mkdtempSync(join(tmpdir(), 'parley-page-size-'))
after(() => rmSync(dir, { recursive: true, force: true }))

const pageSize = async (store: Store) =>
  Number(Object.values((await sql`pragma page_size`.execute(store.db)).rows[0] ?? {})[0])

describe('SQLite page size', () => {
  it('a new database file gets small pages', async () => {
    const store = await openStore({ file: join(dir, 'new.db') })
    try {
      await migrateToLatest(store)
      assert.equal(await pageSize(store), SQLITE_PAGE_SIZE)
    } finally {
      await store.close()
    }
  })

  it('an existing file keeps its page size and its rows', async () => {
    const file = join(dir, 'old.db')
    const old = new SqliteDatabase(file)
    old.pragma('page_size = 4096')
    old.pragma('journal_mode = WAL')
    old.exec(
      "create table kept (id integer primary key, body text); insert into kept (body) values ('hello')",
    )
    old.close()
    const store = await openStore({ file })
    try {
      assert.equal(await pageSize(store), 4096)
      const { rows } = await sql<{ body: string }>`select body from kept`.execute(store.db)
      assert.deepEqual(rows, [{ body: 'hello' }])
    } finally {
      await store.close()
    }
  })
})
