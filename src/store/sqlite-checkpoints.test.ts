import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { after, describe, it } from 'node:test'
import { sql } from 'kysely'
import { openStore } from './connect.ts'

const dir = mkdtempSync(join(tmpdir(), 'parley-checkpoints-'))
after(() => rmSync(dir, { recursive: true, force: true }))

const autocheckpoint = async (store: Awaited<ReturnType<typeof openStore>>) =>
  Number(Object.values((await sql`pragma wal_autocheckpoint`.execute(store.db)).rows[0] ?? {})[0])

describe('SQLite checkpoints', () => {
  it('a server copies the log into the database file from its own thread', async () => {
    const file = join(dir, 'server.db')
    const store = await openStore({ file, singleInstance: true })
    try {
      assert.equal(await autocheckpoint(store), 0, 'no checkpoint inside a commit')
      await sql`create table filler (id integer primary key, body blob)`.execute(store.db)
      const body = Buffer.alloc(1024, 7)
      for (let batch = 0; batch < 20; batch++) {
        await store.db.transaction().execute(async (trx) => {
          for (let i = 0; i < 200; i++)
            await sql`insert into filler (body) values (${body})`.execute(trx)
        })
      }
      // 4,000 rows of 1 KiB: in the database file once a background checkpoint has run
      for (let tries = 0; statSync(file).size < 4_000 * 1024 && tries < 400; tries++)
        await sleep(25)
      assert.ok(
        statSync(file).size >= 4_000 * 1024,
        `database file is ${statSync(file).size} bytes`,
      )
    } finally {
      await store.close()
    }
  })

  it('a one-off command keeps SQLite’s own checkpoints', async () => {
    const store = await openStore({ file: join(dir, 'command.db') })
    try {
      assert.equal(await autocheckpoint(store), 1000)
    } finally {
      await store.close()
    }
  })
})
