import type { Command } from 'commander'
import { openStore } from '../store/connect.ts'
import { migrateToLatest } from '../store/migrate.ts'
import { configFrom } from './global-options.ts'

/** `parley migrate`: applies pending migrations and says which. */
export function migrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations and exit')
    .action(async (_options: unknown, command: Command) => {
      const config = configFrom(command)
      const store = await openStore({ url: config.databaseUrl, file: config.database.file })
      try {
        const applied = await migrateToLatest(store)
        console.log(
          applied.length > 0
            ? `applied ${applied.join(', ')} on ${store.location}`
            : `${store.location} is up to date`,
        )
      } finally {
        await store.close()
      }
    })
}
