import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Dialect } from '../src/store/connect.ts'
import {
  createThrowawayDatabase,
  prepareDatabase,
  startParley,
  writeConfig,
  type ParleyProcess,
} from '../test/support/parley-process.ts'

/**
 * Server benchmarks run `parley serve` as a child process, so the figures include HTTP, JSON,
 * the store and the dispatcher exactly as deployed, and the load generator (this process) does
 * not share the server's event loop. SQLite always; PostgreSQL when PARLEY_BENCH_DATABASE_URL
 * (or PARLEY_TEST_DATABASE_URL) names a server where a throwaway database can be created.
 * PARLEY_BENCH_PROFILE=<dir> writes a V8 CPU profile of each server into <dir>;
 * PARLEY_BENCH_NODE_FLAGS (e.g. "--max-semi-space-size=32") are passed to each server's node.
 */

const postgresBase = process.env.PARLEY_BENCH_DATABASE_URL || process.env.PARLEY_TEST_DATABASE_URL
const profileDir = process.env.PARLEY_BENCH_PROFILE
const nodeFlags = process.env.PARLEY_BENCH_NODE_FLAGS

/** The dialects to measure, PostgreSQL only when a server is given. */
export function benchDialects(): Dialect[] {
  if (!postgresBase)
    console.log('(PostgreSQL skipped: set PARLEY_BENCH_DATABASE_URL to measure it)')
  return postgresBase ? ['sqlite', 'postgres'] : ['sqlite']
}

export interface BenchDatabase {
  readonly dialect: Dialect
  readonly key: string
  /** The environment for `parley serve` on this database, with `config`. */
  env(config: string, extra?: Record<string, string>): Record<string, string>
  /** A configuration file: the example with `edits`. */
  config(name: string, ...edits: ((yaml: string) => string)[]): string
  start(env: Record<string, string>): Promise<ParleyProcess>
  dispose(): Promise<void>
}

/**
 * A fresh database (a temporary SQLite file, or a throwaway PostgreSQL database), migrated,
 * with opt-ins seeded and an API key, ready for one or more servers in turn.
 */
export async function benchDatabase(
  dialect: Dialect,
  optIns: readonly { program: string; count: number }[],
): Promise<BenchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-'))
  const postgres =
    dialect === 'postgres' && postgresBase
      ? await createThrowawayDatabase(postgresBase, 'parley_bench')
      : undefined
  const file = join(dir, 'bench.db')
  const key = await prepareDatabase({ url: postgres?.url, file, optIns })
  const servers: ParleyProcess[] = []
  return {
    dialect,
    key,
    env: (config, extra = {}) => ({
      PARLEY_CONFIG: config,
      PARLEY_LOG_LEVEL: 'warn',
      ...(postgres ? { DATABASE_URL: postgres.url } : { PARLEY_DB_FILE: file }),
      ...extra,
    }),
    config: (name, ...edits) => writeConfig(join(dir, `${name}.yaml`), ...edits),
    start: async (env) => {
      const nodeArgs = [
        ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
        ...(nodeFlags?.split(' ').filter(Boolean) ?? []),
      ]
      const server = await startParley(env, { nodeArgs })
      servers.push(server)
      return server
    },
    dispose: async () => {
      for (const server of servers) if (server.child.exitCode === null) await server.stop('SIGKILL')
      await postgres?.drop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Stops a server gracefully (so a CPU profile is written) and returns its peak RSS in MB. */
export async function stopAndMeasure(server: ParleyProcess): Promise<number> {
  const peak = server.peakRssKb() ?? 0
  await server.stop('SIGTERM')
  return Math.round(peak / 1024)
}
