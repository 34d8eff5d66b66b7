import type { Command } from 'commander'
import { inspectText, SAMPLE_FROM, type InspectInput } from '../app/inspect-text.ts'
import { EXIT } from './exit-codes.ts'
import { configFrom } from './global-options.ts'

/**
 * `parley inspect "<text>"`: how the current configuration would count, classify, screen and
 * mask an inbound text, without a database or a carrier. Handy when writing screening rules.
 * The same inspection answers POST /v1/admin/screening/test.
 */
export function inspectCommand(program: Command): void {
  program
    .command('inspect')
    .description('show how a text would be counted, classified by keyword, screened and masked')
    .argument('<text>', 'the text, as a citizen would send it')
    .option('--from <number>', `the citizen's number (default: ${SAMPLE_FROM})`)
    .option('--to <number>', "our number it is sent to (default: the program's, else the first)")
    .option('--program <id>', 'the program (default: the first one whose sender is --to)')
    .action((text: string, options: Omit<InspectInput, 'text'>, command: Command) => {
      const config = configFrom(command)
      const result = inspectText(config, { ...options, text })
      if (!result.ok) {
        console.error(`parley: ${reasonOf(result.code, result.message, options)}`)
        process.exitCode = EXIT.usage
        return
      }
      console.log(JSON.stringify(result.inspection, null, 2))
    })
}

/** The refusal as one line naming the option at fault. */
function reasonOf(code: string, message: string, options: Omit<InspectInput, 'text'>): string {
  switch (code) {
    case 'invalid_number':
      return `--from ${options.from ?? ''}: ${message}`
    case 'unknown_sender':
      return `--to ${message}`
    default:
      return message
  }
}
