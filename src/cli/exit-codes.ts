import { ConfigError } from '../config/config-error.ts'
import { StoreError } from '../store/store-error.ts'

/** Exit codes of the `parley` command (documented in the README). */
export const EXIT = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  config: 3,
  database: 4,
  migration: 5,
  checkFailed: 6,
} as const

/** One line (or one line per configuration problem) naming what went wrong, and the exit code. */
export function describeFailure(error: unknown): { code: number; text: string } {
  if (error instanceof ConfigError) return { code: EXIT.config, text: error.message }
  if (error instanceof StoreError) {
    const code = error.code === 'migration_failed' ? EXIT.migration : EXIT.database
    return { code, text: `${error.code}: ${error.message}` }
  }
  const message = error instanceof Error ? error.message : String(error)
  return {
    code: EXIT.unexpected,
    text: `unexpected error: ${message} (run with --verbose for details)`,
  }
}
