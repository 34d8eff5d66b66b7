import { Command, CommanderError } from 'commander'
import { apikeyCommand } from './apikey-command.ts'
import { doctorCommand } from './doctor-command.ts'
import { EXIT, describeFailure } from './exit-codes.ts'
import { inspectCommand } from './inspect-command.ts'
import { migrateCommand } from './migrate-command.ts'
import { serveCommand } from './serve-command.ts'
import { userCommand } from './user-command.ts'

const program = new Command('parley')
  .description(
    'Parley: an SMS contact centre for consented notifications and two-way conversations',
  )
  .option(
    '-c, --config <file>',
    'configuration file (default: $PARLEY_CONFIG, else config/parley.example.yaml)',
  )
  .option('-v, --verbose', 'print stack traces on failure')
  .showHelpAfterError()
  .exitOverride()

serveCommand(program)
migrateCommand(program)
doctorCommand(program)
userCommand(program)
apikeyCommand(program)
inspectCommand(program)

try {
  await program.parseAsync(process.argv)
} catch (error) {
  if (error instanceof CommanderError) {
    // commander has already printed its message (or the help text)
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage
  } else {
    const { code, text } = describeFailure(error)
    console.error(`parley: ${text}`)
    if (program.opts<{ verbose?: boolean }>().verbose && error instanceof Error)
      console.error(error.stack)
    process.exitCode = code
  }
}
