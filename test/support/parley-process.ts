import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import pg from 'pg'
import { createApiKey } from '../../src/app/manage-api-keys.ts'
import { systemClock, systemRandom } from '../../src/app/ports.ts'
import { EXAMPLE_CONFIG_PATH } from '../../src/config/load-config.ts'
import { openStore, type Store } from '../../src/store/connect.ts'
import { migrateToLatest } from '../../src/store/migrate.ts'

/**
 * `parley serve` as a child process, for whole-system tests and benchmarks that need a real
 * server: one that can be killed with SIGKILL, restarted on the same database, and measured
 * from outside (its own process, its own event loop, its peak memory).
 */

const root = new URL('../..', import.meta.url).pathname

/** The environment without PARLEY_* and DATABASE_URL, so the developer's settings never leak in. */
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !k.startsWith('PARLEY_') && k !== 'DATABASE_URL'),
)

export interface ParleyProcess {
  readonly url: string
  readonly pid: number
  readonly child: ChildProcess
  /** Resolves with the exit code, or the signal's name, once the process has ended. */
  readonly exited: Promise<number | string>
  /** The last 64 KiB of stdout and stderr, for a failing test's message. */
  output(): string
  /** Peak resident memory in KiB (VmHWM), read from /proc while the process runs (Linux). */
  peakRssKb(): number | undefined
  /** Sends `signal` (SIGTERM by default) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<number | string>
}

/** A TCP port free on 127.0.0.1 right now (the kernel's pick). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

/**
 * Starts `parley serve` as `npm start` does, with `env` on a free port and waits until
 * /readyz answers 200 (migrated, store reachable). The port is chosen here rather than read from
 * the log, so the server may log at any level.
 * @example const server = await startParley({ PARLEY_CONFIG: file, PARLEY_DB_FILE: db })
 */
export async function startParley(
  env: Record<string, string>,
  options: { nodeArgs?: readonly string[]; readyTimeoutMs?: number } = {},
): Promise<ParleyProcess> {
  const port = await freePort()
  const child = spawn(
    process.execPath,
    // as `npm start` runs it (package.json; decision 0014 for the V8 flag)
    [
      '--max-semi-space-size=4',
      ...(options.nodeArgs ?? []),
      ...['--import', 'tsx', 'src/cli/main.ts', 'serve'],
    ],
    { cwd: root, env: { ...cleanEnv, PARLEY_PORT: String(port), ...env } },
  )
  let output = ''
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-65_536)
  }
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  )
  const pid = child.pid ?? 0
  let peak: number | undefined
  const peakRssKb = () => {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8')
      const kb = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1])
      if (Number.isFinite(kb)) peak = kb
    } catch {
      // the process has ended (or this is not Linux): keep the last reading
    }
    return peak
  }
  const url = `http://127.0.0.1:${port}`
  const ready = await waitUntilReady(url, exited, options.readyTimeoutMs ?? 30_000)
  if (ready !== true) {
    child.kill('SIGKILL')
    throw new Error(`parley serve did not become ready (${ready}):\n${output}`)
  }
  return {
    url,
    pid,
    child,
    exited,
    output: () => output,
    peakRssKb,
    stop: (signal = 'SIGTERM') => {
      peakRssKb()
      child.kill(signal)
      return exited
    },
  }
}

async function waitUntilReady(
  url: string,
  exited: Promise<number | string>,
  timeoutMs: number,
): Promise<true | string> {
  let ended: string | undefined
  void exited.then((code) => (ended = `exited with ${code}`))
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (ended !== undefined) return ended
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) return true
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return `not ready within ${timeoutMs} ms`
}

/** Writes the example configuration with `edits` applied to `path`, and returns `path`. */
export function writeConfig(path: string, ...edits: ((yaml: string) => string)[]): string {
  const yaml = edits.reduce((text, edit) => edit(text), readFileSync(EXAMPLE_CONFIG_PATH, 'utf8'))
  writeFileSync(path, yaml)
  return path
}

/** Replaces text the example configuration must contain (fails loudly when it changed). */
export const replacing =
  (from: string | RegExp, to: string) =>
  (yaml: string): string => {
    const found = typeof from === 'string' ? yaml.includes(from) : from.test(yaml)
    if (!found) throw new Error(`example configuration changed: ${String(from)} not found`)
    return yaml.replace(from, to)
  }

/** The i-th of a series of distinct, valid Canadian mobile-style numbers (+1 250 200-0000…). */
export function recipientNumber(i: number): string {
  return `+1250${2_000_000 + i}`
}

/**
 * Records opt-in consent for `count` numbers (recipientNumber(0…count-1)) in `program`, as
 * consent events plus current consent rows — the rows recordConsentEvent writes — inserted in
 * bulk, since seeding 100,000 numbers one transaction at a time takes minutes on PostgreSQL.
 */
export async function seedOptIns(store: Store, program: string, count: number): Promise<void> {
  const at = systemClock.now()
  const chunk = 1_000
  for (let start = 0; start < count; start += chunk) {
    const numbers = Array.from({ length: Math.min(chunk, count - start) }, (_, i) =>
      recipientNumber(start + i),
    )
    const events = numbers.map((phone) => ({ id: systemRandom.id(), phone }))
    await store.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('consent_events')
        .values(
          events.map(({ id, phone }) => ({
            id,
            phone,
            program,
            action: 'opt_in',
            source: 'import',
            evidence: 'seeded for a test',
            actor: 'test',
            occurred_at: at,
            recorded_at: at,
          })),
        )
        .execute()
      await trx
        .insertInto('consents')
        .values(
          events.map(({ id, phone }) => ({
            phone,
            program,
            status: 'opted_in',
            since: at,
            last_event_id: id,
          })),
        )
        .execute()
    })
  }
}

/**
 * Opens the database a server will use (PostgreSQL `url`, else the SQLite `file`), migrates it,
 * seeds opt-ins and creates a `send`+`read` API key, then closes it so the server can take it.
 * Returns the key in clear.
 */
export async function prepareDatabase(options: {
  url?: string | undefined
  file?: string
  optIns: readonly { program: string; count: number }[]
}): Promise<string> {
  const store = await openStore({ url: options.url, file: options.file ?? ':memory:' })
  try {
    await migrateToLatest(store)
    for (const { program, count } of options.optIns) await seedOptIns(store, program, count)
    const { key } = await createApiKey(
      { store, clock: systemClock, random: systemRandom },
      { name: 'crm', scopes: ['send', 'read'], test: false },
    )
    return key
  } finally {
    await store.close()
  }
}

/**
 * A new, empty PostgreSQL database on the server `baseUrl` points at (the role needs
 * CREATEDB), with a `drop()` that removes it even while connections remain.
 */
export async function createThrowawayDatabase(
  baseUrl: string,
  prefix: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${Date.now()}_${process.pid}`
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: baseUrl })
    await client.connect()
    try {
      await client.query(statement)
    } finally {
      await client.end()
    }
  }
  await admin(`CREATE DATABASE ${name}`)
  const url = new URL(baseUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  }
}
