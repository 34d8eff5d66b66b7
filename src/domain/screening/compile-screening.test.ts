import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { compileScreening } from './compile-screening.ts'
import type { CaptureRule, ScreeningRule } from './screening-rule.ts'

const rule = (name: string, match?: ScreeningRule['match'], priority = 5): ScreeningRule => ({
  name,
  ...(match && { match }),
  category: name,
  queue: name,
  priority,
  skills: [],
})
const general = rule('general')
const capture = (name: string, pattern = 'acct\\s*(\\d+)'): CaptureRule => ({
  name,
  pattern,
  attribute: name,
})

const cases: {
  name: string
  rules: ScreeningRule[]
  captures?: CaptureRule[]
  errors: [string, string][]
}[] = [
  { name: 'a default rule alone is valid', rules: [general], errors: [] },
  {
    name: 'a valid configuration',
    rules: [rule('billing', { keyword: ['bill'], pattern: 'invoice|facture' }), general],
    captures: [
      capture('account'),
      capture('order', 'order\\s*#?(\\d+)'),
      capture('ref', 'ref:(\\w+)'),
    ],
    errors: [],
  },
  { name: 'no rules at all', rules: [], errors: [['', 'default_rule_missing']] },
  {
    name: 'no default rule',
    rules: [rule('billing', { keyword: ['bill'] })],
    errors: [['billing', 'default_rule_missing']],
  },
  {
    name: 'a default rule before others would hide them',
    rules: [general, rule('billing', { keyword: ['bill'] })],
    errors: [
      ['general', 'default_rule_not_last'],
      ['billing', 'default_rule_missing'],
    ],
  },
  {
    name: 'a match with no conditions is a default rule too',
    rules: [rule('empty', {}), general],
    errors: [['empty', 'default_rule_not_last']],
  },
  {
    name: 'a backreference is not RE2 (REFERENCE.md: linear time only)',
    rules: [rule('repeat', { pattern: '(\\w+) \\1' }), general],
    errors: [['repeat', 'invalid_pattern']],
  },
  {
    name: 'a lookahead is not RE2',
    rules: [rule('look', { pattern: 'refund(?! denied)' }), general],
    errors: [['look', 'invalid_pattern']],
  },
  {
    name: 'duplicate rule names',
    rules: [
      rule('billing', { to: ['+15145550000'] }),
      rule('billing', { keyword: ['bill'] }),
      general,
    ],
    errors: [['billing', 'duplicate_rule_name']],
  },
  {
    name: 'priority outside 1–10',
    rules: [rule('urgent', { keyword: ['urgent'] }, 11), rule('general', undefined, 0)],
    errors: [
      ['urgent', 'invalid_priority'],
      ['general', 'invalid_priority'],
    ],
  },
  {
    name: 'a fractional priority',
    rules: [rule('general', undefined, 2.5)],
    errors: [['general', 'invalid_priority']],
  },
  {
    name: 'more than 3 capture rules',
    rules: [general],
    captures: [capture('a'), capture('b'), capture('c'), capture('d')],
    errors: [['d', 'too_many_captures']],
  },
  {
    name: 'a capture without a group',
    rules: [general],
    captures: [capture('account', 'acct\\s*\\d+')],
    errors: [['account', 'invalid_pattern']],
  },
  {
    name: 'a capture with two groups',
    rules: [general],
    captures: [capture('account', '(acct)\\s*(\\d+)')],
    errors: [['account', 'invalid_pattern']],
  },
  {
    name: 'an invalid capture pattern',
    rules: [general],
    captures: [capture('account', '(?<=acct)(\\d+)')],
    errors: [['account', 'invalid_pattern']],
  },
  {
    name: 'duplicate capture names',
    rules: [general],
    captures: [capture('account'), capture('account')],
    errors: [['account', 'duplicate_rule_name']],
  },
]

describe('compileScreening', () => {
  for (const { name, rules, captures = [], errors } of cases) {
    it(name, () => {
      const result = compileScreening(rules, captures)
      if (errors.length === 0) {
        assert.equal(result.ok, true, JSON.stringify(!result.ok && result.errors))
      } else {
        assert.equal(result.ok, false)
        assert.deepEqual(
          result.errors.map((e) => [e.rule, e.code]),
          errors,
        )
      }
    })
  }

  it('names the rule and says what RE2 rejected', () => {
    const result = compileScreening([rule('repeat', { pattern: '(a)\\1' }), general], [])
    assert.ok(!result.ok)
    assert.match(result.errors[0]?.message ?? '', /\\1/)
  })

  it('is not affected by later changes to the rules it was given', () => {
    const skills = ['fr']
    const rules = [{ ...general, skills }]
    const result = compileScreening(rules, [])
    assert.ok(result.ok)
    skills.push('billing')
    assert.deepEqual(result.screener.rules[0]?.rule.skills, ['fr'])
    assert.ok(Object.isFrozen(result.screener))
  })
})
