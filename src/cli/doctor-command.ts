import type { Command } from 'commander'
import { stringify } from 'yaml'
import { checkReadiness } from '../app/check-readiness.ts'
import { redactConfig } from '../config/redact-config.ts'
import type { Config } from '../config/schema.ts'
import { templateWarnings } from '../config/template-warnings.ts'
import { openStore } from '../store/connect.ts'
import { EXIT, describeFailure } from './exit-codes.ts'
import { configFrom } from './global-options.ts'

/**
 * `parley doctor`: prints the effective configuration (secrets redacted) and
 * checks the database: reachable, not locked, migrated. Exit 0 when healthy. Template warnings
 * (UCS-2 characters, French costing more segments…) are printed but never fail the check.
 */
export function doctorCommand(program: Command): void {
  program
    .command('doctor')
    .description('print the effective configuration (secrets redacted) and check the database')
    .action(async (_options: unknown, command: Command) => {
      const config = configFrom(command)
      console.log(`# configuration: ${config.source}`)
      console.log(stringify(redactConfig(config)))
      printTemplateWarnings(config)
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

/** One `warning:` line per template warning; wording is the reviewers' call, so never a failure. */
function printTemplateWarnings(config: Config): void {
  const results = templateWarnings(config)
  if (results.length === 0) {
    console.log('templates: no warnings')
    return
  }
  for (const { key, warnings } of results) {
    for (const warning of warnings) console.log(`warning: template ${key}: ${warning.message}`)
  }
}
