import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { openStore, type Dialect, type Store } from './connect.ts'
import { migrateToLatest } from './migrate.ts'

/**
 * Opens a migrated throwaway store: an in-memory SQLite database, or a fresh
 * schema inside the given PostgreSQL database, dropped again on close.
 * @example const store = await openTestStore('postgres', 'postgres://postgres@127.0.0.1/parley_test')
 */
export async function openTestStore(dialect: Dialect, postgresUrl?: string): Promise<Store> {
  if (dialect === 'sqlite') {
    const store = await openStore({ file: ':memory:' })
    await migrateToLatest(store)
    return store
  }
  if (!postgresUrl) throw new Error('a PostgreSQL URL is needed for a postgres test store')
  const schema = `test_${randomBytes(6).toString('hex')}`
  await adminQuery(postgresUrl, `CREATE SCHEMA ${schema}`)
  const store = await openStore({ url: postgresUrl, schema, poolSize: 4 })
  await migrateToLatest(store)
  return {
    ...store,
    close: async () => {
      await store.close()
      await adminQuery(postgresUrl, `DROP SCHEMA ${schema} CASCADE`)
    },
  }
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(text)
  } finally {
    await client.end()
  }
}
