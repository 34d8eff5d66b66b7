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
import { refuse, type Refusal } from './refusal.ts'

/** A Canadian mobile number in the 555-01xx range reserved for fiction. */
export const SAMPLE_FROM = '+16045550123'

export interface InspectInput {
  readonly text: string
  readonly from?: string | undefined
  readonly to?: string | undefined
  readonly program?: string | undefined
}

/** What Parley would make of one inbound text under a configuration. */
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

export type InspectRefusal = Refusal<'program_not_found' | 'invalid_number' | 'unknown_sender'>

/**
 * Counts, classifies, screens and masks a text exactly as the inbound path would, with the
 * rules the configuration already compiled (screenerFor, keywordSetFor): nothing is compiled
 * per call, which matters because re2-wasm never frees a pattern (decision 0006). `to` is one
 * of our sender numbers in any written form (default: the program's sender, else the first);
 * `program` defaults to the first program sending from `to`, as for a real text. Input
 * mistakes are refusals whose details name the field.
 * @example inspectText(config, { text: 'Arrêt' }) // { ok: true, inspection: { keyword: { intent: 'opt_out', language: 'fr', … }, … } }
 */
export function inspectText(
  config: Config,
  input: InspectInput,
): { ok: true; inspection: Inspection } | InspectRefusal {
  const region = regionOf(config)
  let program: ProgramConfig | undefined
  if (input.program !== undefined) {
    program = config.programs.find((p) => p.id === input.program)
    if (program === undefined) {
      const known = config.programs.map((p) => p.id)
      return refuse(
        'program_not_found',
        `unknown program "${input.program}" (known: ${known.join(', ')})`,
        { field: 'program', known },
      )
    }
  }
  const to =
    input.to === undefined
      ? (program?.sender ?? firstSender(config))
      : ourSenderNumber(config, input.to)
  if (to === undefined) {
    const known = config.senders.map((s) => s.number)
    return refuse(
      'unknown_sender',
      `${input.to ?? ''} is not one of our senders (${known.join(', ')})`,
      {
        field: 'to',
        known,
      },
    )
  }
  program ??= config.programs.find((p) => p.sender === to)
  const from = parsePhone(input.from ?? SAMPLE_FROM, region)
  if (!from.ok)
    return refuse('invalid_number', from.message, { field: 'from', reason: from.reason })

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

/**
 * A configured sender number, written as configured or in any form parsePhone accepts;
 * undefined when it is not one of ours.
 * @example ourSenderNumber(config, '(250) 555-0101') // '+12505550101'
 */
export function ourSenderNumber(config: Config, written: string): string | undefined {
  const numbers = config.senders.map((s) => s.number)
  if (numbers.includes(written)) return written
  const parsed = parsePhone(written, regionOf(config))
  return parsed.ok && numbers.includes(parsed.e164) ? parsed.e164 : undefined
}

/** The configuration's default region, as parsePhone takes it. */
export function regionOf(config: Pick<Config, 'defaultRegion'>): CountryCode {
  return isCountryCode(config.defaultRegion) ? config.defaultRegion : 'CA'
}

function firstSender(config: Config): string {
  // The schema requires at least one sender.
  return config.senders[0]?.number ?? ''
}
