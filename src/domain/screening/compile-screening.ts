import type { RE2 } from 're2-wasm'
import type { PiiKind } from '../pii/pii-match.ts'
import { compilePattern } from './compile-pattern.ts'
import { compileKeywords, type KeywordMatcher } from './keyword-matcher.ts'
import {
  MAX_CAPTURE_RULES,
  MAX_PRIORITY,
  MIN_PRIORITY,
  type CaptureRule,
  type ScreeningConfigError,
  type ScreeningMatch,
  type ScreeningRule,
} from './screening-rule.ts'

/** A rule with its conditions prepared once, so screening a text builds nothing. */
export interface CompiledRule {
  readonly rule: ScreeningRule
  readonly keyword?: KeywordMatcher
  readonly pattern?: RE2
  readonly from?: ReadonlySet<string>
  readonly fromPrefix?: readonly string[]
  readonly to?: ReadonlySet<string>
}

export interface CompiledCapture {
  readonly name: string
  readonly attribute: string
  readonly mask: string
  readonly regex: RE2
}

/** Compiled, immutable screening configuration; build with compileScreening, use with screen. */
export interface Screener {
  /** In configuration order; the last one is the default rule. */
  readonly rules: readonly CompiledRule[]
  readonly captures: readonly CompiledCapture[]
  readonly maskPii: readonly PiiKind[]
}

export interface ScreeningOptions {
  /** PII kinds to mask in maskedText, in addition to captured values. */
  readonly maskPii?: readonly PiiKind[]
}

export type CompileScreeningResult =
  | { readonly ok: true; readonly screener: Screener }
  | { readonly ok: false; readonly errors: ScreeningConfigError[] }

/**
 * Checks and compiles screening and capture rules, reporting every problem at once:
 * invalid or non-RE2 patterns (naming the rule), a capture pattern without exactly one group,
 * priorities outside 1–10, duplicate names, more than 3 capture rules, and a default rule
 * (no conditions) that is missing or not last — a default anywhere else would hide the rules
 * after it. Patterns compile here, once, never in screen().
 * @example compileScreening([{ name: 'billing', match: { keyword: ['bill'] }, … }, { name: 'general', … }], [])
 * // { ok: true, screener }
 */
export function compileScreening(
  rules: readonly ScreeningRule[],
  captures: readonly CaptureRule[],
  options: ScreeningOptions = {},
): CompileScreeningResult {
  const errors: ScreeningConfigError[] = []
  const compiledRules = compileRules(rules, errors)
  const compiledCaptures = compileCaptures(captures, errors)
  if (errors.length > 0) return { ok: false, errors }
  const screener: Screener = {
    rules: Object.freeze(compiledRules),
    captures: Object.freeze(compiledCaptures),
    maskPii: Object.freeze([...(options.maskPii ?? [])]),
  }
  return { ok: true, screener: Object.freeze(screener) }
}

function compileRules(
  rules: readonly ScreeningRule[],
  errors: ScreeningConfigError[],
): CompiledRule[] {
  const compiled: CompiledRule[] = []
  const names = new Set<string>()
  rules.forEach((rule, index) => {
    const fail = (code: ScreeningConfigError['code'], message: string) =>
      errors.push({ rule: rule.name, code, message })
    if (names.has(rule.name)) fail('duplicate_rule_name', `rule name '${rule.name}' is used twice`)
    names.add(rule.name)
    if (
      !Number.isInteger(rule.priority) ||
      rule.priority < MIN_PRIORITY ||
      rule.priority > MAX_PRIORITY
    ) {
      fail(
        'invalid_priority',
        `priority must be an integer from ${MIN_PRIORITY} to ${MAX_PRIORITY}`,
      )
    }
    if (isDefault(rule.match) && index !== rules.length - 1) {
      fail('default_rule_not_last', 'a rule without conditions must be the last rule')
    }
    const result = compileMatch(rule, rule.match ?? {})
    if (result.ok) compiled.push(result.compiled)
    else fail('invalid_pattern', result.message)
  })
  const last = rules.at(-1)
  if (last === undefined || !isDefault(last.match)) {
    errors.push({
      rule: last?.name ?? '',
      code: 'default_rule_missing',
      message: 'the last rule must have no conditions, so every text is routed somewhere',
    })
  }
  return compiled
}

function compileMatch(
  rule: ScreeningRule,
  match: ScreeningMatch,
): { ok: true; compiled: CompiledRule } | { ok: false; message: string } {
  let pattern: RE2 | undefined
  if (match.pattern !== undefined) {
    const result = compilePattern(match.pattern)
    if (!result.ok) return { ok: false, message: result.message }
    pattern = result.regex
  }
  const compiled: CompiledRule = {
    rule: freezeRule(rule),
    ...(match.keyword && { keyword: compileKeywords(match.keyword) }),
    ...(pattern && { pattern }),
    ...(match.from && { from: new Set(match.from) }),
    ...(match.fromPrefix && { fromPrefix: Object.freeze([...match.fromPrefix]) }),
    ...(match.to && { to: new Set(match.to) }),
  }
  return { ok: true, compiled: Object.freeze(compiled) }
}

function compileCaptures(
  captures: readonly CaptureRule[],
  errors: ScreeningConfigError[],
): CompiledCapture[] {
  const compiled: CompiledCapture[] = []
  const names = new Set<string>()
  captures.forEach((capture, index) => {
    const fail = (code: ScreeningConfigError['code'], message: string) =>
      errors.push({ rule: capture.name, code, message })
    if (index === MAX_CAPTURE_RULES) {
      fail('too_many_captures', `at most ${MAX_CAPTURE_RULES} capture rules run on each text`)
    }
    if (names.has(capture.name))
      fail('duplicate_rule_name', `capture name '${capture.name}' is used twice`)
    names.add(capture.name)
    const result = compilePattern(capture.pattern)
    if (!result.ok) fail('invalid_pattern', result.message)
    else if (result.groups !== 1)
      fail('invalid_pattern', `needs exactly one capture group, has ${result.groups}`)
    else {
      const mask = capture.mask ?? `[${capture.name}]`
      compiled.push(
        Object.freeze({
          name: capture.name,
          attribute: capture.attribute,
          mask,
          regex: result.regex,
        }),
      )
    }
  })
  return compiled
}

/** A rule with no conditions at all matches every text. */
function isDefault(match: ScreeningMatch | undefined): boolean {
  if (match === undefined) return true
  return (
    match.keyword === undefined &&
    match.pattern === undefined &&
    match.from === undefined &&
    match.fromPrefix === undefined &&
    match.to === undefined
  )
}

function freezeRule(rule: ScreeningRule): ScreeningRule {
  return Object.freeze({ ...rule, skills: Object.freeze([...rule.skills]) })
}
