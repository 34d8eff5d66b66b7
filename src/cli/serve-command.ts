import type { Command } from 'commander'
import { composeApp } from '../app/compose.ts'
import { createDemoUsers, type DemoUser } from '../app/create-demo-users.ts'
import { createLogger } from '../app/create-logger.ts'
import { secretValues } from '../config/redact-config.ts'
import { buildServer } from '../http/build-server.ts'
import { configFrom } from './global-options.ts'

/**
 * `parley serve`: migrate, listen, and shut down gracefully on SIGTERM/SIGINT —
 * stop accepting, finish in-flight requests, close the store — within the
 * configured timeout (10 s by default), else exit 1.
 */
export function serveCommand(program: Command): void {
  program
    .command('serve')
    .description('run the Parley server (migrates the database first)')
    .action(async (_options: unknown, command: Command) => {
      const config = configFrom(command)
      const logger = createLogger({ level: config.log.level, secrets: secretValues(config) })
      const app = await composeApp({ config, logger, singleInstance: true })
      await app.start()
      const server = await buildServer(app)
      const address = await server.listen({ host: config.server.host, port: config.server.port })
      logger.info({ store: app.store.location, config: config.source }, 'parley is ready')
      printDemoUsers(await createDemoUsers(app), address)

      let stopping = false
      const stop = (signal: string) => {
        if (stopping) return
        stopping = true
        logger.info({ signal }, 'shutting down')
        const deadline = setTimeout(() => {
          logger.error('shutdown took too long; exiting')
          process.exit(1)
        }, config.server.shutdownTimeoutMs)
        deadline.unref()
        server
          .close()
          .then(() => app.close())
          .then(() => {
            logger.info('stopped')
            process.exitCode = 0
          })
          .catch((error: unknown) => {
            logger.error({ err: error }, 'shutdown failed')
            process.exit(1)
          })
      }
      process.once('SIGTERM', () => stop('SIGTERM'))
      process.once('SIGINT', () => stop('SIGINT'))
    })
}

/** Shown once, on the console only (never in the log): the first start's demo people. */
function printDemoUsers(users: DemoUser[], url: string): void {
  if (users.length === 0) return
  const lines = users.map((u) => `  ${u.username.padEnd(12)} ${u.password}   (${u.role})`)
  process.stdout.write(
    [
      '',
      `First start with the sandbox carrier: sign in at ${url} as`,
      ...lines,
      'These passwords are shown only now; `parley user add` adds people.',
      '',
    ].join('\n') + '\n',
  )
}
