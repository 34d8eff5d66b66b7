import { PostgresAdapter, type Kysely } from 'kysely'
import type { Database } from './database.ts'
import { executeCompiled } from './execute-compiled.ts'

/** Bound parameters per statement at most: under SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMETERS = 30_000

const statements = new Map<string, string>()

/**
 * Inserts many rows of one table in as few statements as the parameter limit allows, without
 * building a query tree for every value: the inbound intake writes thousands of rows a second
 * (messages, events, conversations), and Kysely's per-value nodes cost more than SQLite's own
 * work. Columns are given once; every row supplies a value for each, in that order. The SQL
 * text is cached by table, columns, row count and dialect (see chunkSize); `onConflictDoNothing` adds
 * `on conflict do nothing`, `returning` a `returning` clause whose rows are returned.
 * @example await insertRows(trx, 'carrier_refs', ['trunk', 'carrier_id', 'message_id', 'part', 'status'], rows)
 */
export async function insertRows<T extends keyof Database>(
  db: Kysely<Database>,
  table: T,
  columns: readonly (keyof Database[T] & string)[],
  rows: readonly (readonly unknown[])[],
  options: { onConflictDoNothing?: boolean; returning?: keyof Database[T] & string } = {},
): Promise<Record<string, unknown>[]> {
  const returned: Record<string, unknown>[] = []
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length))
  for (let i = 0; i < rows.length;) {
    const size = chunkSize(rows.length - i, perStatement, postgres)
    const chunk = rows.slice(i, (i += size))
    const text = statementFor(table, columns, chunk.length, postgres, options)
    const parameters: unknown[] = []
    for (const row of chunk) for (const value of row) parameters.push(value)
    const result = await executeCompiled<Record<string, unknown>>(db, text, parameters)
    returned.push(...result.rows)
  }
  return returned
}

/** Up to this many rows, SQLite inserts them in one statement of exactly that size. */
const EXACT_UP_TO = 16

/**
 * SQLite prepares each distinct statement (and connect.ts keeps the recent ones prepared), so
 * large batches go in power-of-two chunks: a handful of statement shapes, always prepared, for
 * a few more executions. Small ones, the usual case (a stage-2 batch has a few texts), go in one
 * statement: each statement costs more than its rows. PostgreSQL parses every statement
 * anyway: one per round trip is best.
 */
function chunkSize(left: number, most: number, postgres: boolean): number {
  if (postgres || left <= Math.min(EXACT_UP_TO, most)) return Math.min(left, most)
  let size = 1
  while (size * 2 <= Math.min(left, most)) size *= 2
  return size
}

function statementFor(
  table: string,
  columns: readonly string[],
  count: number,
  postgres: boolean,
  options: { onConflictDoNothing?: boolean; returning?: string },
): string {
  const key = [
    table,
    columns.join(','),
    count,
    postgres,
    options.onConflictDoNothing,
    options.returning,
  ].join('|')
  let text = statements.get(key)
  if (text !== undefined) return text
  let n = 0
  const row = () => `(${columns.map(() => (postgres ? `$${++n}` : '?')).join(', ')})`
  text =
    `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ` +
    Array.from({ length: count }, row).join(', ') +
    (options.onConflictDoNothing ? ' on conflict do nothing' : '') +
    (options.returning ? ` returning "${options.returning}"` : '')
  // batches come in a few sizes (full chunks, and the rest): keep the cache small anyway
  if (statements.size > 500) statements.clear()
  statements.set(key, text)
  return text
}
