import type { Command } from 'commander'
import { keywordSetFor, screenerFor } from '../config/compiled-rules.ts'
import type { Config, ProgramConfig } from '../config/schema.ts'
import { classifyKeyword } from '../domain/keywords/classify-keyword.ts'
import type { KeywordIntent } from '../domain/keywords/keyword-set.ts'
import type { Language } from '../domain/language.ts'
import { isCountryCode, type CountryCode } from '../domain/phone/country-code.ts'
import { parsePhone } from '../domain/phone/parse-phone.ts'
import { findPii } from '../domain/pii/find-pii.ts'
import type { PiiKind } from '../domain/pii/pii-match.ts'
import { screen } from '../domain/screening/screen.ts'
import { countSegments } from '../domain/segments/count-segments.ts'
import type { SmsEncoding } from '../domain/segments/sms-encoding.ts'
import { EXIT } from './exit-codes.ts'
import { configFrom } from './global-options.ts'

/** A Canadian mobile number in the 555-01xx range reserved for fiction. */
export const SAMPLE_FROM = '+16045550123'

export interface InspectInput {
  readonly text: string
  readonly from?: string | undefined
  readonly to?: string | undefined
  readonly program?: string | undefined
}

/** What Parley would make of one inbound text; printed as JSON by `parley inspect`. */
export interface Inspection {
  readonly text: string
  readonly from: string
  readonly to: string
  readonly program: string | null
  readonly encoding: SmsEncoding
  readonly segments: number
  readonly units: number
  readonly ucs2Characters: readonly string[]
  readonly keyword: {
    readonly intent: KeywordIntent
    readonly language: Language
    readonly keyword: string | null
  }
  readonly screening: {
    readonly rule: string
    readonly category: string
    readonly queue: string
    readonly priority: number
    readonly skills: readonly string[]
    readonly attributes: Record<string, string>
    readonly maskedText: string
  }
  /** Kinds of personal information found, in order of first appearance. */
  readonly pii: readonly PiiKind[]
}

/**
 * `parley inspect "<text>"`: how the current configuration would count, classify, screen and
 * mask an inbound text, without a database or a carrier. Handy when writing screening rules.
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
        console.error(`parley: ${result.reason}`)
        process.exitCode = EXIT.usage
        return
      }
      console.log(JSON.stringify(result.inspection, null, 2))
    })
}

/**
 * Inspects a text under a configuration. Input mistakes (unknown program, a number that is
 * not a phone number or not ours) are values with a one-line reason.
 * @example inspectText(config, { text: 'Arrêt' }) // { ok: true, inspection: { keyword: { intent: 'opt_out', language: 'fr', … }, … } }
 */
export function inspectText(
  config: Config,
  input: InspectInput,
): { ok: true; inspection: Inspection } | { ok: false; reason: string } {
  const region = isCountryCode(config.defaultRegion) ? config.defaultRegion : 'CA'
  let program: ProgramConfig | undefined
  if (input.program !== undefined) {
    program = config.programs.find((p) => p.id === input.program)
    if (program === undefined) {
      const known = config.programs.map((p) => p.id).join(', ')
      return { ok: false, reason: `unknown program "${input.program}" (known: ${known})` }
    }
  }
  const to =
    input.to === undefined
      ? (program?.sender ?? firstSender(config))
      : ourNumber(config, region, input.to)
  if (to === undefined) {
    const known = config.senders.map((s) => s.number).join(', ')
    return { ok: false, reason: `--to ${input.to ?? ''} is not one of our senders (${known})` }
  }
  program ??= config.programs.find((p) => p.sender === to)
  const from = parsePhone(input.from ?? SAMPLE_FROM, region)
  if (!from.ok) return { ok: false, reason: `--from ${input.from ?? ''}: ${from.message}` }

  const { text } = input
  const count = countSegments(text)
  const keyword = classifyKeyword(text, keywordSetFor(config, { program: program?.id, sender: to }))
  const screening = screen(screenerFor(config, program?.id), { text, from: from.e164, to })
  return {
    ok: true,
    inspection: {
      text,
      from: from.e164,
      to,
      program: program?.id ?? null,
      encoding: count.encoding,
      segments: count.segments,
      units: count.units,
      ucs2Characters: count.ucs2Characters,
      keyword: {
        intent: keyword.intent,
        language: keyword.language,
        keyword: keyword.keyword ?? null,
      },
      screening: {
        rule: screening.rule,
        category: screening.category,
        queue: screening.queue,
        priority: screening.priority,
        skills: screening.skills,
        attributes: screening.attributes,
        maskedText: screening.maskedText,
      },
      pii: [...new Set(findPii(text).map((match) => match.kind))],
    },
  }
}

function firstSender(config: Config): string {
  // The schema requires at least one sender.
  return config.senders[0]?.number ?? ''
}

/** A configured sender number, written as configured or in any form parsePhone accepts. */
function ourNumber(config: Config, region: CountryCode, written: string): string | undefined {
  const numbers = config.senders.map((s) => s.number)
  if (numbers.includes(written)) return written
  const parsed = parsePhone(written, region)
  return parsed.ok && numbers.includes(parsed.e164) ? parsed.e164 : undefined
}
