export interface MeasureOptions {
  /** Total measured time, split over `runs` (default 1.5 s). */
  readonly seconds?: number
  /** Unmeasured time first, so the JIT has optimised the code (default 0.3 s). */
  readonly warmupSeconds?: number
  /** Timed runs; the median is reported, which ignores one-off GC pauses (default 5). */
  readonly runs?: number
}

export interface Measurement {
  readonly opsPerSecond: number
  readonly nsPerOp: number
  /** Calls made in the timed runs. */
  readonly iterations: number
  readonly runs: number
}

// Results are kept here so the JIT cannot decide the measured call is dead code.
let sink: unknown

/**
 * Calls `fn` repeatedly and reports its speed: the median of several timed runs after a
 * warm-up. Synchronous functions are called in batches (timer reads stay off the figures);
 * a function returning a promise is awaited call by call, for HTTP or database scenarios.
 * @example const { opsPerSecond } = await measure(() => countSegments(text), { seconds: 1 })
 */
export async function measure(
  fn: () => unknown,
  options: MeasureOptions = {},
): Promise<Measurement> {
  const { seconds = 1.5, warmupSeconds = 0.3, runs = 5 } = options
  const first = fn()
  const call = isThenable(first) ? asyncBatch(fn) : syncBatch(fn)
  if (isThenable(first)) await first

  // Warm up, and size batches to about 2 ms so reading the clock costs nothing measurable.
  const warmup = await timed(call, 1, warmupSeconds)
  const batch = Math.max(1, Math.round((warmup.iterations / warmup.ns) * 2e6))

  const nsPerOp: number[] = []
  let iterations = 0
  for (let run = 0; run < runs; run++) {
    const result = await timed(call, batch, seconds / runs)
    nsPerOp.push(result.ns / result.iterations)
    iterations += result.iterations
  }
  const median = medianOf(nsPerOp)
  return { opsPerSecond: 1e9 / median, nsPerOp: median, iterations, runs }
}

type Batch = (count: number) => unknown

function syncBatch(fn: () => unknown): Batch {
  return (count) => {
    for (let i = 0; i < count; i++) sink = fn()
    return undefined
  }
}

function asyncBatch(fn: () => unknown): Batch {
  return async (count) => {
    for (let i = 0; i < count; i++) sink = await fn()
  }
}

async function timed(
  call: Batch,
  batch: number,
  seconds: number,
): Promise<{ ns: number; iterations: number }> {
  const budget = BigInt(Math.round(seconds * 1e9))
  const start = process.hrtime.bigint()
  let elapsed: bigint
  let iterations = 0
  do {
    const pending = call(batch)
    if (isThenable(pending)) await pending
    iterations += batch
    elapsed = process.hrtime.bigint() - start
  } while (elapsed < budget)
  return { ns: Number(elapsed), iterations }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  )
}

function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

/** `1234567` → `'1,234,567'`; figures in tables are read by people. */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-CA')
}

/** Nanoseconds with sensible precision: `'81.4'`, `'12,345'`. */
export function formatNs(value: number): string {
  return value < 100 ? value.toFixed(1) : formatCount(value)
}

/** Prints rows as an aligned text table; columns of numbers are right-aligned. */
export function printTable(rows: readonly Record<string, string | number>[]): void {
  const first = rows[0]
  if (first === undefined) return
  const columns = Object.keys(first)
  const cell = (row: Record<string, string | number>, column: string) => String(row[column] ?? '')
  const widths = columns.map((column) =>
    Math.max(column.length, ...rows.map((row) => cell(row, column).length)),
  )
  const numeric = columns.map((column) => rows.every((row) => /^[\d,.]+$/.test(cell(row, column))))
  const line = (values: string[], alignRight: (i: number) => boolean) =>
    values
      .map((value, i) =>
        alignRight(i) ? value.padStart(widths[i] ?? 0) : value.padEnd(widths[i] ?? 0),
      )
      .join('  ')
      .trimEnd()
  console.log(line(columns, (i) => numeric[i] === true))
  console.log(
    line(
      widths.map((w) => '-'.repeat(w)),
      () => false,
    ),
  )
  for (const row of rows) {
    console.log(
      line(
        columns.map((column) => cell(row, column)),
        (i) => numeric[i] === true,
      ),
    )
  }
}

/**
 * Repeats `text` to exactly `length` UTF-16 units without splitting a surrogate pair (a dot
 * fills the last unit if an emoji would not fit).
 * @example fit('ab ', 5) // 'ab ab'
 */
export function fit(text: string, length: number): string {
  let result = ''
  const points = Array.from(text)
  for (let i = 0; result.length < length; i = (i + 1) % points.length) {
    const point = points[i] ?? '.'
    result += result.length + point.length <= length ? point : '.'
  }
  return result
}

/** The value the measured function last returned, for a scenario to check it measured what it meant to. */
export function lastResult(): unknown {
  return sink
}

/** One measured call in a scenario's table; `details` add columns (encoding, segments…). */
export interface BenchCase {
  readonly name: string
  readonly fn: () => unknown
  readonly details?: Record<string, string | number>
}

/**
 * Measures each case in turn, prints one table row per case (case, details, ops/s, ns/op) and
 * returns the figures as `'<case> ops/s'` and `'<case> ns/op'`.
 * @example await measureCases([{ name: 'gsm7', fn: () => countSegments(text) }])
 */
export async function measureCases(
  cases: readonly BenchCase[],
  options: MeasureOptions = {},
): Promise<Record<string, number>> {
  const figures: Record<string, number> = {}
  const rows: Record<string, string | number>[] = []
  for (const { name, fn, details = {} } of cases) {
    const { opsPerSecond, nsPerOp } = await measure(fn, options)
    figures[`${name} ops/s`] = Math.round(opsPerSecond)
    figures[`${name} ns/op`] = Math.round(nsPerOp * 10) / 10
    rows.push({
      case: name,
      ...details,
      'ops/s': formatCount(opsPerSecond),
      'ns/op': formatNs(nsPerOp),
    })
  }
  printTable(rows)
  return figures
}
