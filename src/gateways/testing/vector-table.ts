import { readFileSync } from 'node:fs'
import { it } from 'node:test'

/** One row of recorded carrier traffic: a name that says what a user relies on, plus data. */
export interface VectorRow {
  name: string
  /** Where the traffic was recorded or which document it reproduces. */
  source?: string
}

/**
 * Reads a `vectors/*.json` file (an array of rows) next to the calling test file.
 * The shape is the test's business; this only checks every row is named.
 * @example const rows = loadVectors<SendRow>(import.meta.url, 'vectors/send.json')
 */
export function loadVectors<Row extends VectorRow>(
  testFileUrl: string,
  relativePath: string,
): Row[] {
  const parsed: unknown = JSON.parse(readFileSync(new URL(relativePath, testFileUrl), 'utf8'))
  if (!Array.isArray(parsed)) throw new Error(`${relativePath}: expected an array of rows`)
  return parsed.map((row: unknown, index) => {
    if (typeof row !== 'object' || row === null || typeof (row as VectorRow).name !== 'string') {
      throw new Error(`${relativePath}: row ${index} has no name`)
    }
    return row as Row
  })
}

/**
 * Runs every row as its own test, named after the row, so a carrier bug report becomes a row.
 * @example runVectors(rows, async (row) => assert.deepEqual(await send(row.request), row.expect))
 */
export function runVectors<Row extends VectorRow>(
  rows: readonly Row[],
  check: (row: Row) => void | Promise<void>,
): void {
  for (const row of rows) {
    void it(row.source === undefined ? row.name : `${row.name} (${row.source})`, () => check(row))
  }
}
