import type { Screener } from '../domain/screening/compile-screening.ts'
import type { ScreeningConfigError, ScreeningRule } from '../domain/screening/screening-rule.ts'
import { keywordTokens } from '../domain/keywords/normalise-keyword-text.ts'
import { buildScreener } from './compiled-rules.ts'
import type { ConfigProblem } from './config-error.ts'
import type { ProgramConfig, RawConfig, ScreeningRuleConfig } from './schema.ts'

/**
 * Stands in for the screening rules when a program's capture rules are compiled on their own,
 * so a broken screening rule is reported once, not once per program.
 */
const ONLY_DEFAULT: readonly ScreeningRule[] = [
  { name: 'default', category: 'general', queue: 'default', priority: 1, skills: [] },
]

const E164 = /^\+[1-9]\d{6,14}$/
const NUMBER_PREFIX = /^\+\d{1,14}$/

/** What checkRules found, and the screeners it compiled (by program id; '' for no program). */
export interface RulesCheck {
  readonly problems: ConfigProblem[]
  readonly screeners: ReadonlyMap<string, Screener>
}

/**
 * Compiles the screening rules and every program's capture rules with the domain's
 * compileScreening (RE2), and reports what would stop them working, each at its path: a pattern
 * RE2 cannot compile (naming the rule), a capture pattern without exactly one group, a default
 * rule (no `match`) that is missing or not last, and conditions that can never hold (a keyword
 * with no letter or digit, a `from` that is not E.164, a `to` that is not one of our senders).
 * The screeners compiled on the way are returned for screenerFor to reuse: re2-wasm never frees
 * a compiled pattern, so nothing should be compiled twice. Expects sections that passed the schema.
 * @example checkRules(config).problems
 * // [{ path: '/screening/2/match/pattern', expected: 'a pattern RE2 can compile (rule "bceid-mention")', got: "'(a)\\1' (invalid escape sequence: \\1)" }]
 */
export function checkRules(
  config: Pick<RawConfig, 'screening' | 'programs' | 'senders'>,
): RulesCheck {
  const problems: ConfigProblem[] = []
  const screeners = new Map<string, Screener>()
  const rules = config.screening
  const compiled = buildScreener(config, undefined)
  if (compiled.ok) screeners.set('', compiled.screener)
  else problems.push(...compiled.errors.flatMap((e) => ruleProblem(rules, e)))
  problems.push(...neverMatching(rules, new Set(config.senders.map((s) => s.number))))

  config.programs.forEach((program, index) => {
    // With rules that compile, every error is the program's; otherwise check captures alone.
    const result = buildScreener(compiled.ok ? config : { screening: ONLY_DEFAULT }, program)
    if (result.ok) {
      if (compiled.ok) screeners.set(program.id, result.screener)
    } else {
      problems.push(...result.errors.map((e) => captureProblem(program, index, e)))
    }
  })
  return { problems, screeners }
}

function ruleProblem(
  rules: readonly ScreeningRuleConfig[],
  error: ScreeningConfigError,
): ConfigProblem[] {
  const named = `rule ${JSON.stringify(error.rule)}`
  const index = (where: (rule: ScreeningRuleConfig) => boolean) =>
    Math.max(
      0,
      rules.findIndex((rule) => rule.name === error.rule && where(rule)),
    )
  switch (error.code) {
    case 'invalid_pattern': {
      const at = index((rule) => rule.match?.pattern !== undefined)
      return [
        {
          path: `/screening/${at}/match/pattern`,
          expected: `a pattern RE2 can compile (${named})`,
          got: describePattern(rules[at]?.match?.pattern ?? '', error.message),
        },
      ]
    }
    case 'default_rule_not_last': {
      const at = index((rule) => isDefault(rule))
      return [
        {
          path: `/screening/${at}`,
          expected:
            'the rule without `match` (the default) to be the last one, since the first matching rule wins',
          got: `${named} followed by ${rules.length - 1 - at} more rule(s)`,
        },
      ]
    }
    case 'default_rule_missing':
      return [
        {
          path: `/screening/${Math.max(0, rules.length - 1)}/match`,
          expected: 'a last rule without `match`, the default that routes every other text',
          got: `${named} with conditions`,
        },
      ]
    case 'duplicate_rule_name':
      // crossCheck already reports duplicate rule names as duplicate ids.
      return []
    default:
      return [
        {
          path: `/screening/${index(() => true)}`,
          expected: `a valid rule (${error.message})`,
          got: named,
        },
      ]
  }
}

function captureProblem(
  program: ProgramConfig,
  programIndex: number,
  error: ScreeningConfigError,
): ConfigProblem {
  const named = `capture ${JSON.stringify(error.rule)}`
  const base = `/programs/${programIndex}/captures`
  const first = program.captures.findIndex((c) => c.name === error.rule)
  if (error.code === 'duplicate_rule_name') {
    const last = program.captures.findLastIndex((c) => c.name === error.rule)
    return { path: `${base}/${last}/name`, expected: 'a unique capture name', got: named }
  }
  if (error.code === 'invalid_pattern' && first >= 0) {
    return {
      path: `${base}/${first}/pattern`,
      expected: `a pattern RE2 can compile, with exactly one capture group (${named})`,
      got: describePattern(program.captures[first]?.pattern ?? '', error.message),
    }
  }
  return { path: base, expected: error.message, got: named }
}

/** Conditions that pass the schema but can never hold, so the rule would silently never match. */
function neverMatching(
  rules: readonly ScreeningRuleConfig[],
  senders: ReadonlySet<string>,
): ConfigProblem[] {
  const problems: ConfigProblem[] = []
  rules.forEach((rule, i) => {
    const at = `/screening/${i}/match`
    const named = `in rule ${JSON.stringify(rule.name)}`
    rule.match?.keyword?.forEach((keyword, j) => {
      if (keywordTokens(keyword).length === 0) {
        problems.push({
          path: `${at}/keyword/${j}`,
          expected: 'a keyword with a letter or digit',
          got: `${JSON.stringify(keyword)} ${named}`,
        })
      }
    })
    rule.match?.from?.forEach((number, j) => {
      if (!E164.test(number)) {
        problems.push({
          path: `${at}/from/${j}`,
          expected: 'an E.164 number (+12505550100), as texts arrive from',
          got: `${JSON.stringify(number)} ${named}`,
        })
      }
    })
    rule.match?.fromPrefix?.forEach((prefix, j) => {
      if (!NUMBER_PREFIX.test(prefix)) {
        problems.push({
          path: `${at}/fromPrefix/${j}`,
          expected: 'the start of an E.164 number (+1250)',
          got: `${JSON.stringify(prefix)} ${named}`,
        })
      }
    })
    rule.match?.to?.forEach((number, j) => {
      if (!senders.has(number)) {
        problems.push({
          path: `${at}/to/${j}`,
          expected: `one of our sender numbers (${[...senders].join(', ')})`,
          got: `${JSON.stringify(number)} ${named}`,
        })
      }
    })
  })
  return problems
}

/** The pattern as written in YAML (no JSON escaping of backslashes) and RE2's reason. */
function describePattern(pattern: string, message: string): string {
  const reason = message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '')
  return `'${pattern}' (${reason})`
}

function isDefault(rule: ScreeningRuleConfig): boolean {
  const match = rule.match
  return (
    match === undefined ||
    (match.keyword ?? match.pattern ?? match.from ?? match.fromPrefix ?? match.to) === undefined
  )
}
