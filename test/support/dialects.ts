import { after, before, describe } from 'node:test'
import type { Dialect, Store } from '../../src/store/connect.ts'
import { openTestStore } from '../../src/store/testing.ts'

/** PostgreSQL for store tests; CI must set it, a developer may leave it unset. */
export const postgresUrl = process.env.PARLEY_TEST_DATABASE_URL || undefined

const skipReason = 'PARLEY_TEST_DATABASE_URL is not set: PostgreSQL tests SKIPPED'
if (!postgresUrl && process.env.CI) {
  throw new Error('CI must run the PostgreSQL half: set PARLEY_TEST_DATABASE_URL')
}
if (!postgresUrl) console.warn(`\n!!! ${skipReason}\n`)

/**
 * Runs the same suite on SQLite and on PostgreSQL, each with a fresh migrated
 * store. Without PARLEY_TEST_DATABASE_URL the PostgreSQL half is reported as skipped.
 * @example forEachDialect('consents', (ctx) => { it('…', async () => { await ctx.store.db… }) })
 */
export function forEachDialect(
  name: string,
  suite: (context: { readonly store: Store; dialect: Dialect }) => void,
): void {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    const skip = dialect === 'postgres' && !postgresUrl ? skipReason : false
    describe(`${name} [${dialect}]`, { skip }, () => {
      let store: Store | undefined
      const context = {
        dialect,
        get store(): Store {
          if (!store) throw new Error('store not open yet')
          return store
        },
      }
      before(async () => {
        store = await openTestStore(dialect, postgresUrl)
      })
      after(async () => {
        await store?.close()
      })
      suite(context)
    })
  }
}

/** The dialects a whole-system test runs on, with the skip reason for PostgreSQL when unset. */
export const DIALECTS: readonly { dialect: Dialect; skip: string | false }[] = [
  { dialect: 'sqlite', skip: false },
  { dialect: 'postgres', skip: postgresUrl ? false : skipReason },
]
