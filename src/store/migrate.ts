import { Migrator, sql, type MigrationResult } from 'kysely'
import type { Store } from './connect.ts'
import { allMigrations } from './migrations/all-migrations.ts'
import { StoreError } from './store-error.ts'

async function migratorFor(store: Store): Promise<Migrator> {
  const migrations = allMigrations(store.dialect)
  // Unless told its schema, Kysely takes a kysely_migration table in ANY schema for its own
  // (another application's, a test's throwaway schema) and then fails to find it on our path.
  const schema =
    store.dialect === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(store.db)).rows[0]
          ?.schema
      : undefined
  return new Migrator({
    db: store.db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    ...(schema ? { migrationTableSchema: schema } : {}),
  })
}

/**
 * Applies every pending migration (in one transaction per migration; Kysely's
 * lock table keeps two processes from migrating at once). Returns the names applied.
 * @example const applied = await migrateToLatest(store) // ['0001-core-model'] on a new database
 */
export async function migrateToLatest(store: Store): Promise<string[]> {
  const { error, results } = await (await migratorFor(store)).migrateToLatest()
  if (error) {
    const failed =
      results?.find((r: MigrationResult) => r.status === 'Error')?.migrationName ?? 'unknown'
    const reason = error instanceof Error ? error.message : JSON.stringify(error)
    throw new StoreError(
      'migration_failed',
      `migration ${failed} failed on ${store.location}: ${reason}`,
      {
        cause: error,
      },
    )
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

/** Names of the migrations not yet applied (empty when the schema is current). */
export async function pendingMigrations(store: Store): Promise<string[]> {
  const migrations = await (await migratorFor(store)).getMigrations()
  return migrations.filter((m) => m.executedAt === undefined).map((m) => m.name)
}
