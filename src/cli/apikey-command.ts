import { Command, Option } from 'commander'
import { composeApp } from '../app/compose.ts'
import { createLogger } from '../app/create-logger.ts'
import { API_KEY_SCOPES, createApiKey, listKeys, revokeKey } from '../app/manage-api-keys.ts'
import type { ApiKeyScope } from '../store/api-keys.ts'
import { EXIT } from './exit-codes.ts'
import { configFrom } from './global-options.ts'

/** Opens the app without starting trunks or the dispatcher, runs `work`, closes it. */
async function withApp<T>(
  command: Command,
  work: (app: Awaited<ReturnType<typeof composeApp>>) => Promise<T>,
): Promise<T> {
  const config = configFrom(command)
  const app = await composeApp({
    config,
    logger: createLogger({ level: 'warn', destination: process.stderr }),
  })
  try {
    return await work(app)
  } finally {
    await app.close()
  }
}

/** `parley apikey create | list | revoke`: keys for systems that call the API (a CRM). */
export function apikeyCommand(program: Command): void {
  const apikey = program
    .command('apikey')
    .description('manage API keys for systems that call Parley')

  apikey
    .command('create')
    .description('create a key; it is printed once and only its hash is stored')
    .requiredOption('--name <name>', 'who uses it, e.g. crm')
    .addOption(
      new Option('--scope <scope...>', 'what it may do')
        .choices([...API_KEY_SCOPES])
        .makeOptionMandatory(),
    )
    .option('--test', 'a test key: sends through the sandbox carrier whatever the number', false)
    .action(
      async (options: { name: string; scope: ApiKeyScope[]; test: boolean }, command: Command) => {
        const { key, record } = await withApp(command, (app) =>
          createApiKey(app, { name: options.name, scopes: options.scope, test: options.test }),
        )
        console.log(key)
        console.error(
          `created ${record.test ? 'test ' : ''}key ${record.id} (${record.name}; ${record.scopes.join(', ')}). ` +
            'Store it now: it cannot be shown again.',
        )
      },
    )

  apikey
    .command('list')
    .description('list keys (never their secrets)')
    .action(async (_options: unknown, command: Command) => {
      const keys = await withApp(command, (app) => listKeys(app))
      for (const k of keys) {
        const state = k.revokedAt ? `revoked ${new Date(k.revokedAt).toISOString()}` : 'active'
        const used = k.lastUsedAt ? new Date(k.lastUsedAt).toISOString() : 'never'
        console.log(
          `${k.id}  ${k.name}  ${k.scopes.join(',')}${k.test ? '  test' : ''}  ${state}  last used ${used}`,
        )
      }
    })

  apikey
    .command('revoke')
    .description('revoke a key by id or name; it stops working at once')
    .argument('<key>', 'id or name')
    .action(async (idOrName: string, _options: unknown, command: Command) => {
      const revoked = await withApp(command, (app) => revokeKey(app, idOrName))
      if (revoked) console.log(`revoked ${idOrName}`)
      else {
        console.error(`parley: no active key ${JSON.stringify(idOrName)}`)
        process.exitCode = EXIT.checkFailed
      }
    })
}
