import { CompiledQuery, type DialectAdapter, type Kysely, type QueryResult } from 'kysely'
import type { Database } from './database.ts'

/** What a direct run needs of a store's SQLite connection (connect.ts's statement cache). */
export interface SqliteConnection {
  prepare(sql: string): {
    reader: boolean
    all(parameters: readonly unknown[]): unknown[]
    run(parameters: readonly unknown[]): { changes: number; lastInsertRowid: number | bigint }
  }
  /** A transaction is open on the connection (better-sqlite3's `inTransaction`). */
  readonly inTransaction: boolean
}

/** By the store's dialect adapter, which its transactions share (each is a handle of its own). */
const connections = new WeakMap<DialectAdapter, SqliteConnection>()

/** Lets executeCompiled run `db`'s SQL straight on `connection`, the one its driver uses. */
export function registerSqliteConnection(db: Kysely<Database>, connection: SqliteConnection) {
  connections.set(db.getExecutor().adapter, connection)
}

/**
 * Runs SQL already compiled, with its parameters. On SQLite it runs straight on the connection
 * whenever Kysely would run it at once anyway: on a transaction's handle (the transaction holds
 * the only connection), or with no transaction open (a statement alone commits as it runs, as if
 * it had come just before whatever waits for the connection). Kysely's executor takes its mutex
 * and chains several promises for every query: on the inbound path, about a quarter of all the
 * memory allocated. While another transaction is open, the query goes through Kysely, which
 * waits for it to end, as before.
 * @example const { rows } = await executeCompiled(trx, 'select id from conversations where id = ?', [id])
 */
export async function executeCompiled<R>(
  db: Kysely<Database>,
  sql: string,
  parameters: unknown[],
): Promise<QueryResult<R>> {
  const connection = connections.get(db.getExecutor().adapter)
  if (!connection || (!db.isTransaction && connection.inTransaction)) {
    return db.executeQuery<R>(CompiledQuery.raw(sql, parameters))
  }
  const statement = connection.prepare(sql)
  if (statement.reader) return { rows: statement.all(parameters) as R[] }
  const { changes, lastInsertRowid } = statement.run(parameters)
  return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) }
}
