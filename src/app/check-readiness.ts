import { sql } from 'kysely'
import type { Store } from '../store/connect.ts'
import { pendingMigrations } from '../store/migrate.ts'

export interface Readiness {
  ready: boolean
  database: { ok: boolean; location: string; detail?: string }
  migrations: { ok: boolean; pending: string[] }
}

/**
 * Ready = the database answers and every migration is applied.
 * @example const { ready } = await checkReadiness(store)
 */
export async function checkReadiness(store: Store): Promise<Readiness> {
  const database: Readiness['database'] = { ok: true, location: store.location }
  let pending: string[] = []
  try {
    await sql`select 1`.execute(store.db)
    pending = await pendingMigrations(store)
  } catch (error) {
    database.ok = false
    database.detail = error instanceof Error ? error.message : String(error)
  }
  const migrations = { ok: database.ok && pending.length === 0, pending }
  return { ready: database.ok && migrations.ok, database, migrations }
}
