import { Writable } from 'node:stream'
import { composeApp, type App } from '../../src/app/compose.ts'
import { createLogger } from '../../src/app/create-logger.ts'
import { loadConfig } from '../../src/config/load-config.ts'
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

/** An app on the example configuration and a throwaway store of the given dialect. */
export async function createTestApp(
  options: { dialect?: Dialect; env?: Record<string, string> } = {},
): Promise<{ app: App; logLines: string[] }> {
  const config = loadConfig({ env: options.env ?? {} })
  const log = memoryLog()
  const logger = createLogger({
    level: 'info',
    secrets: Object.values(config.secrets),
    destination: log.stream,
  })
  const store = await openTestStore(options.dialect ?? 'sqlite', postgresUrl)
  const app = await composeApp({ config, logger, store })
  return { app, logLines: log.lines }
}
