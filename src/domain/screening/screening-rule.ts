/**
 * Conditions on an inbound text. Every condition present must hold (AND); a rule with no
 * conditions is the default rule.
 */
export interface ScreeningMatch {
  /** The message starts with one of these keywords (case-, accent- and punctuation-insensitive). */
  readonly keyword?: readonly string[]
  /** An RE2 pattern found anywhere in the original text; matched case-insensitively. */
  readonly pattern?: string
  /** Sender is exactly one of these E.164 numbers. */
  readonly from?: readonly string[]
  /** Sender starts with one of these prefixes, e.g. '+1514'. */
  readonly fromPrefix?: readonly string[]
  /** The number the text was sent to (ours) is one of these. */
  readonly to?: readonly string[]
}

/** Categorises and routes inbound texts; rules are tried in order and the first match wins. */
export interface ScreeningRule {
  readonly name: string
  /** Absent (or without conditions) = the default rule, which must be last. */
  readonly match?: ScreeningMatch
  readonly category: string
  readonly queue: string
  /** 1–10, integer; higher is more urgent and is offered to agents first. */
  readonly priority: number
  readonly skills: readonly string[]
}

/** Extracts a value from every inbound text into a conversation attribute, and masks it. */
export interface CaptureRule {
  readonly name: string
  /** RE2 pattern with exactly one capture group; matched case-insensitively. */
  readonly pattern: string
  readonly attribute: string
  /** Replaces the captured value in the masked text; default `[name]`. */
  readonly mask?: string
}

/** Lowest and highest allowed priority. */
export const MIN_PRIORITY = 1
export const MAX_PRIORITY = 10

/** At most this many capture rules: each runs on every inbound text. */
export const MAX_CAPTURE_RULES = 3

export type ScreeningErrorCode =
  | 'invalid_pattern'
  | 'default_rule_missing'
  | 'default_rule_not_last'
  | 'too_many_captures'
  | 'duplicate_rule_name'
  | 'invalid_priority'

/** A configuration problem, naming the rule (or capture rule) at fault. */
export interface ScreeningConfigError {
  readonly rule: string
  readonly code: ScreeningErrorCode
  readonly message: string
}
