import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { compilePattern } from './compile-pattern.ts'

describe('compilePattern', () => {
  const valid: [pattern: string, groups: number][] = [
    ['acct\\s*(\\d{6,})', 1],
    ['no groups', 0],
    ['(?:non)-capturing', 0],
    ['(a)|(b)', 2],
    ['(?P<account>\\d+)', 1],
    ['(?<account>\\d+)', 1],
    ['', 0],
  ]
  for (const [pattern, groups] of valid) {
    it(`compiles ${JSON.stringify(pattern)} with ${groups} group(s)`, () => {
      const result = compilePattern(pattern)
      assert.equal(result.ok && result.groups, groups)
    })
  }

  // REFERENCE.md: admin-supplied expressions run in linear time (RE2), never backtracking.
  const rejected = [
    ['a backreference', '(a)\\1'],
    ['a lookahead', 'a(?=b)'],
    ['a negative lookbehind', '(?<!a)b'],
    ['an unbalanced group', '(abc'],
    ['a dangling escape', 'abc\\'],
  ]
  for (const [name, pattern] of rejected) {
    it(`reports ${name} instead of throwing`, () => {
      const result = compilePattern(pattern!)
      assert.equal(result.ok, false)
      assert.match(result.message, /./)
    })
  }

  it('matches case-insensitively, and (?-i:…) turns that off', () => {
    const insensitive = compilePattern('refund')
    const sensitive = compilePattern('(?-i:REFUND)')
    assert.ok(insensitive.ok && sensitive.ok)
    assert.equal(insensitive.regex.test('I want a REFUND'), true)
    assert.equal(sensitive.regex.test('I want a refund'), false)
  })

  // a backtracking engine would take longer than the universe's age here; the timeout is a hang guard
  it(
    'takes linear time on the classic catastrophic-backtracking pattern',
    { timeout: 60_000 },
    () => {
      const result = compilePattern('(a+)+$')
      assert.ok(result.ok)
      assert.equal(result.regex.test('a'.repeat(5000) + '!'), false)
    },
  )
})
