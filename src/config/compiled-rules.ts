import { DEFAULT_KEYWORDS } from '../domain/keywords/default-keywords.ts'
import type { KeywordSet } from '../domain/keywords/keyword-set.ts'
import { mergeKeywordSets } from '../domain/keywords/merge-keyword-sets.ts'
import {
  compileScreening,
  type CompileScreeningResult,
  type Screener,
} from '../domain/screening/compile-screening.ts'
import type { ScreeningRule } from '../domain/screening/screening-rule.ts'
import { ConfigError } from './config-error.ts'
import { ConfigLookupError } from './config-lookup-error.ts'
import {
  DEFAULT_MASK_PII,
  type ProgramConfig,
  type RawConfig,
  type SenderConfig,
} from './schema.ts'

/** The sections rules are built from; a loaded Config has them all. */
export type RulesConfig = Pick<RawConfig, 'screening' | 'programs' | 'senders' | 'keywords'>

interface RulesCache {
  readonly keywordSets: Map<string, KeywordSet>
  readonly screeners: Map<string, Screener>
}

// A loaded Config is frozen, so its rules never change: compile them once per config object.
// Once matters: re2-wasm never frees a compiled regex and its heap is fixed at 16 MiB; in a
// quick test the process aborted after 1,522 compilations of the bceid-mention pattern.
const caches = new WeakMap<RulesConfig, RulesCache>()

/**
 * The keyword set in force for a program and the sender number a text arrived on:
 * DEFAULT_KEYWORDS, then the top-level `keywords`, then the program's, then the sender's.
 * With only `program`, the program's own sender applies. Cached per config object.
 * Throws ConfigLookupError for an id or number the configuration does not define.
 * @example keywordSetFor(config, { program: 'bceid' }).optOut.words.fr // ['ARRET', 'ARRÊT', …]
 */
export function keywordSetFor(
  config: RulesConfig,
  options: { program?: string | undefined; sender?: string | undefined } = {},
): KeywordSet {
  const program = options.program === undefined ? undefined : programById(config, options.program)
  const number = options.sender ?? program?.sender
  const sender = number === undefined ? undefined : senderByNumber(config, number)
  const key = `${program?.id ?? ''}\u0000${sender?.number ?? ''}`
  const { keywordSets } = cacheOf(config)
  let set = keywordSets.get(key)
  if (set === undefined) {
    set = buildKeywordSet(config, program, sender)
    keywordSets.set(key, set)
  }
  return set
}

/**
 * The compiled screener for texts of a program: every screening rule, the program's capture
 * rules and PII kinds to mask (without a program: no captures, the default PII kinds).
 * Compiled once per config object. Throws ConfigLookupError for an unknown program, and
 * ConfigError if the rules do not compile (never for a config from loadConfig, which checks them).
 * @example screen(screenerFor(config, 'bceid'), { text, from, to }).queue // 'SBC_HD_SMS_BCEID'
 */
export function screenerFor(config: RulesConfig & { source?: string }, program?: string): Screener {
  const found = program === undefined ? undefined : programById(config, program)
  const { screeners } = cacheOf(config)
  const key = found?.id ?? ''
  let screener = screeners.get(key)
  if (screener === undefined) {
    const result = buildScreener(config, found)
    if (!result.ok) {
      throw new ConfigError(
        config.source ?? 'configuration',
        result.errors.map((e) => ({ path: '/screening', expected: e.message, got: e.rule })),
      )
    }
    screener = result.screener
    screeners.set(key, screener)
  }
  return screener
}

/**
 * Hands screeners already compiled while the configuration was checked (by program id, '' for
 * none) to screenerFor, so loading a configuration compiles each pattern once.
 */
export function primeScreeners(
  config: RulesConfig,
  screeners: ReadonlyMap<string, Screener>,
): void {
  const cache = cacheOf(config).screeners
  for (const [program, screener] of screeners) if (!cache.has(program)) cache.set(program, screener)
}

/** Merges the keyword overrides that apply to a program and sender (either may be absent). */
export function buildKeywordSet(
  config: Pick<RawConfig, 'keywords'>,
  program: ProgramConfig | undefined,
  sender: SenderConfig | undefined,
): KeywordSet {
  return mergeKeywordSets(DEFAULT_KEYWORDS, config.keywords, program?.keywords, sender?.keywords)
}

/** Compiles the screening rules with a program's captures and PII kinds. */
export function buildScreener(
  config: { readonly screening: readonly ScreeningRule[] },
  program: ProgramConfig | undefined,
): CompileScreeningResult {
  return compileScreening(config.screening, program?.captures ?? [], {
    maskPii: program?.maskPii ?? DEFAULT_MASK_PII,
  })
}

function programById(config: RulesConfig, id: string): ProgramConfig {
  const program = config.programs.find((p) => p.id === id)
  if (program === undefined) {
    const known = config.programs.map((p) => p.id).join(', ')
    throw new ConfigLookupError('unknown_program', `no program "${id}" (${known})`)
  }
  return program
}

function senderByNumber(config: RulesConfig, number: string): SenderConfig {
  const sender = config.senders.find((s) => s.number === number)
  if (sender === undefined) {
    const known = config.senders.map((s) => s.number).join(', ')
    throw new ConfigLookupError('unknown_sender', `no sender ${number} (${known})`)
  }
  return sender
}

function cacheOf(config: RulesConfig): RulesCache {
  let cache = caches.get(config)
  if (cache === undefined) {
    cache = { keywordSets: new Map(), screeners: new Map() }
    caches.set(config, cache)
  }
  return cache
}
