import assert from 'node:assert/strict'
import { mkdtempSync, openSync, readSync, closeSync, rmSync, statSync } from 'node:fs'
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

  it('a server starts the log over under steady writes, not only when they pause', async () => {
    const file = join(dir, 'steady.db')
    const store = await openStore({ file, singleInstance: true, logRestartFrames: 256 })
    try {
      await sql`create table filler (id integer primary key, body blob)`.execute(store.db)
      const body = Buffer.alloc(1500, 7)
      // back to back, as under load: no pause long enough for a checkpoint to catch up alone
      for (let i = 0; i < 20_000 && logRestarts(file) < 2; i++) {
        await store.db.transaction().execute(async (trx) => {
          await sql`insert into filler (body) values (${body})`.execute(trx)
        })
        if (i % 10 === 0) await new Promise((resolve) => setImmediate(resolve))
      }
      assert.ok(logRestarts(file) >= 2, `the log started over ${logRestarts(file)} times`)
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

/**
 * How many times the log has been started over (or fully checkpointed): the checkpoint sequence
 * number in its header, bytes 12–15, big-endian.
 */
function logRestarts(file: string): number {
  const header = Buffer.alloc(16)
  const fd = openSync(`${file}-wal`, 'r')
  try {
    return readSync(fd, header, 0, 16, 0) === 16 ? header.readUInt32BE(12) : 0
  } finally {
    closeSync(fd)
  }
}
