import type { Command } from 'commander'
import { stringify } from 'yaml'
import { checkReadiness } from '../app/check-readiness.ts'
import { redactConfig } from '../config/redact-config.ts'
import { openStore } from '../store/connect.ts'
import { EXIT, describeFailure } from './exit-codes.ts'
import { configFrom } from './global-options.ts'

/**
 * `parley doctor`: prints the effective configuration (secrets redacted) and
 * checks the database: reachable, not locked, migrated. Exit 0 when healthy.
 */
export function doctorCommand(program: Command): void {
  program
    .command('doctor')
    .description('print the effective configuration (secrets redacted) and check the database')
    .action(async (_options: unknown, command: Command) => {
      const config = configFrom(command)
      console.log(`# configuration: ${config.source}`)
      console.log(stringify(redactConfig(config)))
      let store
      try {
        store = await openStore({ url: config.databaseUrl, file: config.database.file })
      } catch (error) {
        console.log(`database: FAIL ${describeFailure(error).text}`)
        process.exitCode = EXIT.database
        return
      }
      try {
        const readiness = await checkReadiness(store)
        console.log(
          `database: ${readiness.database.ok ? 'ok' : `FAIL ${readiness.database.detail ?? ''}`} (${store.location})`,
        )
        const pending = readiness.migrations.pending
        console.log(
          `migrations: ${pending.length === 0 ? 'up to date' : `PENDING ${pending.join(', ')} (run parley migrate)`}`,
        )
        if (!readiness.ready) process.exitCode = EXIT.checkFailed
      } finally {
        await store.close()
      }
    })
}
