import { type Compilable, type DialectAdapter, type Kysely, type QueryResult } from 'kysely'
import type { Database } from './database.ts'
import { executeCompiled } from './execute-compiled.ts'

/** Stands for the i-th value while a query is compiled once. */
class Slot {
  constructor(readonly index: number) {}
}

interface Compiled {
  sql: string
  /** Each parameter of `sql`: a value's index, or a constant the query itself holds. */
  parameters: ({ index: number } | { constant: unknown })[]
}

/** A query's values by name: single values, and lists (their lengths shape the SQL). */
type Values = Record<string, unknown>

/**
 * By the store's dialect adapter, which its transactions share (a transaction is a Kysely
 * handle of its own): one SQL text per store and shape, whichever handle runs it.
 */
const compiledByStore = new WeakMap<DialectAdapter, Map<string, Compiled>>()

/**
 * Runs the query `build` makes of `values`, compiled once per store, `name` and length of
 * each list in `values`. Kysely builds and compiles a query's tree every time it
 * runs: 20–70 µs for the inbound path's larger queries, a sixth of its CPU time at 1,000
 * texts/s. Here `build` runs once, with placeholders for the values, and later runs only bind
 * new values to the SQL it produced. So `build` must pass each value into the query untouched
 * and never branch on one; anything else that shapes the SQL must be in `name`.
 * @example const { rows } = await runCompiled(db, 'open', { at: now, ids }, ({ at, ids }) =>
 *   db.selectFrom('conversations').selectAll().where('opened_at', '<', at).where('id', 'in', ids))
 */
export async function runCompiled<V extends Values, R>(
  db: Kysely<Database>,
  name: string,
  values: V,
  build: (values: V) => Compilable<R>,
): Promise<QueryResult<R>> {
  const flat: unknown[] = []
  let shape = name
  for (const value of Object.values(values)) {
    if (Array.isArray(value)) {
      shape += `:${value.length}`
      flat.push(...(value as unknown[]))
    } else flat.push(value)
  }
  const adapter = db.getExecutor().adapter
  let compiled = compiledByStore.get(adapter)
  if (!compiled) compiledByStore.set(adapter, (compiled = new Map<string, Compiled>()))
  let query = compiled.get(shape)
  if (!query) {
    query = compile(build(placeholders(values)), flat.length)
    compiled.set(shape, query)
  }
  const parameters = query.parameters.map((p) => ('index' in p ? flat[p.index] : p.constant))
  return executeCompiled<R>(db, query.sql, parameters)
}

/** `values` with each value (each list's each item) replaced by a Slot, numbered in order. */
function placeholders<V extends Values>(values: V): V {
  let next = 0
  const slot = () => new Slot(next++)
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [
      key,
      Array.isArray(value) ? value.map(slot) : slot(),
    ]),
  ) as V
}

function compile(query: Compilable, count: number): Compiled {
  const { sql, parameters } = query.compile()
  const used = new Set<number>()
  const slots = parameters.map((p) => {
    if (!(p instanceof Slot)) return { constant: p }
    used.add(p.index)
    return { index: p.index }
  })
  // a value the query never received would be bound to nothing
  if (used.size !== count) throw new Error(`runCompiled: ${count - used.size} values unused`)
  return { sql, parameters: slots }
}
