import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { composeApp, type App, type ComposeOptions } from '../../src/app/compose.ts'
import { createLogger } from '../../src/app/create-logger.ts'
import { EXAMPLE_CONFIG_PATH, loadConfig } from '../../src/config/load-config.ts'
import type { Dialect } from '../../src/store/connect.ts'
import { openTestStore } from '../../src/store/testing.ts'
import { postgresUrl } from './dialects.ts'

/** A log sink that keeps lines for assertions. */
export function memoryLog(): { stream: Writable; lines: string[] } {
  const lines: string[] = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean))
      done()
    },
  })
  return { stream, lines }
}

const dir = mkdtempSync(join(tmpdir(), 'parley-app-'))
let files = 0

export interface TestAppOptions {
  dialect?: Dialect
  env?: Record<string, string>
  /** Edits the example configuration's YAML text before it is loaded. */
  editConfig?: (yaml: string) => string
  compose?: Partial<ComposeOptions>
}

/** An app on the (edited) example configuration and a throwaway store of the given dialect. */
export async function createTestApp(
  options: TestAppOptions = {},
): Promise<{ app: App; logLines: string[] }> {
  let path = EXAMPLE_CONFIG_PATH
  if (options.editConfig) {
    path = join(dir, `config-${++files}.yaml`)
    writeFileSync(path, options.editConfig(readFileSync(EXAMPLE_CONFIG_PATH, 'utf8')))
  }
  const config = loadConfig({ path, env: options.env ?? {} })
  const log = memoryLog()
  const logger = createLogger({
    level: 'info',
    secrets: Object.values(config.secrets),
    destination: log.stream,
  })
  const store = await openTestStore(options.dialect ?? 'sqlite', postgresUrl)
  const app = await composeApp({ config, logger, store, ...options.compose })
  return { app, logLines: log.lines }
}
