import { defaultPiiMask } from '../pii/mask-pii.ts'
import { findPii } from '../pii/find-pii.ts'
import type { CompiledCapture, CompiledRule, Screener } from './compile-screening.ts'
import { keywordTokens } from '../keywords/normalise-keyword-text.ts'
import { maskSpans, occurrences, type MaskSpan } from './mask-spans.ts'

export interface ScreeningInput {
  readonly text: string
  /** Sender, E.164. */
  readonly from: string
  /** Our number the text was sent to, E.164. */
  readonly to: string
}

export interface ScreeningResult {
  readonly rule: string
  readonly category: string
  readonly queue: string
  readonly priority: number
  readonly skills: readonly string[]
  /** Values captured by capture rules, by attribute name. */
  readonly attributes: Record<string, string>
  /** The text with captured values and the chosen PII kinds replaced by their masks. */
  readonly maskedText: string
  /** What was masked, in UTF-16 offsets of the original text. */
  readonly masked: { readonly name: string; readonly start: number; readonly end: number }[]
}

/**
 * Categorises, routes and masks one inbound text. Rules are tried in order and the first whose
 * conditions all hold wins (the last, default rule always does). Rules and capture patterns
 * see the original text, so a rule can route on an account number that is then masked.
 *
 * Capture rules run on every text: the first match's group value goes to
 * `attributes[attribute]` (a later capture rule does not overwrite an attribute already set),
 * and every occurrence of that value is masked, since customers often repeat a number. Then
 * the PII kinds chosen at compile time are masked. Text that is not well-formed UTF-16 (a lone
 * surrogate) is first repaired with U+FFFD, as RE2 cannot match across it.
 * Never throws; the same input always gives the same result.
 * @example screen(screener, { text: 'BILL acct 123456', from: '+15145550100', to: '+15145550000' })
 * // { rule: 'billing', queue: 'billing', attributes: { account: '123456' }, maskedText: 'BILL acct [account]', … }
 */
export function screen(screener: Screener, input: ScreeningInput): ScreeningResult {
  const text = toWellFormed(input.text)
  const { rule } = findRule(screener.rules, text, input)
  const attributes: Record<string, string> = {}
  const spans: MaskSpan[] = []
  for (const capture of screener.captures) applyCapture(capture, text, attributes, spans)
  if (screener.maskPii.length > 0) {
    for (const match of findPii(text, screener.maskPii)) {
      spans.push({
        name: match.kind,
        start: match.start,
        end: match.end,
        mask: defaultPiiMask(match),
      })
    }
  }
  const { maskedText, masked } = maskSpans(text, spans)
  return {
    rule: rule.name,
    category: rule.category,
    queue: rule.queue,
    priority: rule.priority,
    skills: rule.skills,
    attributes,
    maskedText,
    masked,
  }
}

function findRule(
  rules: readonly CompiledRule[],
  text: string,
  input: ScreeningInput,
): CompiledRule {
  // compileScreening guarantees a last rule without conditions, which always matches.
  const tokens = lazily(() => keywordTokens(text))
  for (const rule of rules) if (matches(rule, text, input, tokens)) return rule
  throw new Error('unreachable: a compiled screener always ends with a default rule')
}

/** Cheap set lookups first, the regex last. */
function matches(
  rule: CompiledRule,
  text: string,
  input: ScreeningInput,
  tokens: () => readonly string[],
): boolean {
  if (rule.to !== undefined && !rule.to.has(input.to)) return false
  if (rule.from !== undefined && !rule.from.has(input.from)) return false
  if (
    rule.fromPrefix !== undefined &&
    !rule.fromPrefix.some((prefix) => input.from.startsWith(prefix))
  )
    return false
  if (rule.keyword !== undefined && !rule.keyword.matches(tokens())) return false
  if (rule.pattern !== undefined && !rule.pattern.test(text)) return false
  return true
}

function applyCapture(
  capture: CompiledCapture,
  text: string,
  attributes: Record<string, string>,
  spans: MaskSpan[],
): void {
  const value = capture.regex.exec(text)?.[1]
  if (value === undefined || value === '') return
  if (!Object.hasOwn(attributes, capture.attribute)) {
    // defineProperty, so an attribute named '__proto__' is stored rather than ignored.
    Object.defineProperty(attributes, capture.attribute, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  for (const [start, end] of occurrences(text, value)) {
    spans.push({ name: capture.name, start, end, mask: capture.mask })
  }
}

function toWellFormed(text: string): string {
  // In a /u regex a surrogate class only matches unpaired halves; pairs are one code point.
  return text.replace(/[\uD800-\uDFFF]/gu, '\uFFFD')
}

function lazily<T>(compute: () => T): () => T {
  let done = false
  let value: T | undefined
  return () => {
    if (!done) {
      value = compute()
      done = true
    }
    return value as T
  }
}
