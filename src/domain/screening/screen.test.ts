import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { compileScreening, type Screener } from './compile-screening.ts'
import { screen, type ScreeningInput } from './screen.ts'
import type { CaptureRule, ScreeningRule } from './screening-rule.ts'

const OUR_MONTREAL = '+15145550000'
const OUR_TOLL_FREE = '+18005550000'

const rules: ScreeningRule[] = [
  {
    name: 'fraud',
    match: { keyword: ['fraud', 'fraude'] },
    category: 'fraud',
    queue: 'fraud',
    priority: 10,
    skills: ['fraud'],
  },
  {
    name: 'vip',
    match: { from: ['+16045550111'] },
    category: 'vip',
    queue: 'vip',
    priority: 8,
    skills: [],
  },
  {
    name: 'montreal_fr',
    match: { fromPrefix: ['+1514', '+1438'], to: [OUR_MONTREAL] },
    category: 'general',
    queue: 'montreal',
    priority: 5,
    skills: ['fr'],
  },
  {
    name: 'billing',
    match: { pattern: 'invoice|facture|acct\\s*\\d{6,}' },
    category: 'billing',
    queue: 'billing',
    priority: 4,
    skills: ['billing'],
  },
  { name: 'general', category: 'general', queue: 'general', priority: 3, skills: [] },
]

const captures: CaptureRule[] = [
  { name: 'account', pattern: 'acc(?:oun)?t\\s*#?\\s*(\\d{6,10})', attribute: 'account_number' },
  {
    name: 'order',
    pattern: 'order\\s*#?\\s*([a-z]{2}\\d{4})',
    attribute: 'order_id',
    mask: '[order]',
  },
]

function compile(options: Parameters<typeof compileScreening>[2] = {}): Screener {
  const result = compileScreening(rules, captures, options)
  assert.ok(result.ok, JSON.stringify(!result.ok && result.errors))
  return result.screener
}

const screener = compile()
const piiScreener = compile({ maskPii: ['payment_card', 'email'] })
const input = (text: string, more: Partial<ScreeningInput> = {}): ScreeningInput => ({
  text,
  from: '+12505550100',
  to: OUR_TOLL_FREE,
  ...more,
})

const routing: { name: string; input: ScreeningInput; rule: string }[] = [
  { name: 'a keyword as first word', input: input('FRAUD on my card!'), rule: 'fraud' },
  {
    name: 'a keyword, accents and case ignored',
    input: input('Fraudé?? aidez-moi'),
    rule: 'fraud',
  },
  {
    name: 'a keyword later in the text is not a keyword',
    input: input('is this fraud?'),
    rule: 'general',
  },
  { name: 'an exact sender', input: input('hello', { from: '+16045550111' }), rule: 'vip' },
  {
    name: 'all conditions must hold: prefix and destination',
    input: input('bonjour', { from: '+15145550123', to: OUR_MONTREAL }),
    rule: 'montreal_fr',
  },
  {
    name: 'the prefix alone is not enough',
    input: input('bonjour', { from: '+15145550123', to: OUR_TOLL_FREE }),
    rule: 'general',
  },
  {
    name: 'a pattern anywhere, case-insensitive',
    input: input('Question about my INVOICE'),
    rule: 'billing',
  },
  { name: 'the first matching rule wins', input: input('fraud on invoice 12'), rule: 'fraud' },
  { name: 'anything else goes to the default', input: input('hi there'), rule: 'general' },
  { name: 'an empty text goes to the default', input: input(''), rule: 'general' },
]

describe('screen routing', () => {
  for (const { name, input: given, rule } of routing) {
    it(name, () => assert.equal(screen(screener, given).rule, rule))
  }

  it('returns the rule’s category, queue, priority and skills', () => {
    const result = screen(screener, input('fraude'))
    assert.deepEqual(
      {
        category: result.category,
        queue: result.queue,
        priority: result.priority,
        skills: result.skills,
      },
      { category: 'fraud', queue: 'fraud', priority: 10, skills: ['fraud'] },
    )
  })

  it('rules see the original text: an account number routes even though it is masked', () => {
    const result = screen(screener, input('my acct 1234567 is wrong'))
    assert.equal(result.rule, 'billing')
    assert.equal(result.maskedText, 'my acct [account] is wrong')
  })
})

describe('screen capture and masking', () => {
  it('captures the first group into the attribute and masks it', () => {
    const result = screen(screener, input('Account #12345678, order AB1234 late'))
    assert.deepEqual(result.attributes, { account_number: '12345678', order_id: 'AB1234' })
    assert.equal(result.maskedText, 'Account #[account], order [order] late')
    assert.deepEqual(result.masked, [
      { name: 'account', start: 9, end: 17 },
      { name: 'order', start: 25, end: 31 },
    ])
  })

  it('masks every repetition of a captured value', () => {
    const result = screen(screener, input('acct 1234567 — I said 1234567!'))
    assert.equal(result.maskedText, 'acct [account] — I said [account]!')
  })

  it('reports offsets in UTF-16 units after an emoji (re2-wasm counts code points)', () => {
    const text = '😀😀 acct 1234567'
    const result = screen(screener, input(text))
    assert.deepEqual(result.masked, [{ name: 'account', start: 10, end: 17 }])
    assert.equal(text.slice(10, 17), '1234567')
  })

  it('masks the chosen PII kinds too (REFERENCE.md: Luhn-valid card, e-mail)', () => {
    const result = screen(
      piiScreener,
      input('card 4111 1111 1111 1111, mail ana@example.org, acct 7654321'),
    )
    assert.equal(result.maskedText, 'card [card], mail [email], acct [account]')
    assert.deepEqual(result.attributes, { account_number: '7654321' })
  })

  it('does not mask PII kinds that were not asked for', () => {
    assert.equal(screen(screener, input('mail ana@example.org')).maskedText, 'mail ana@example.org')
  })

  it('a text without captures keeps no attributes and is unchanged', () => {
    const result = screen(screener, input('Bonjour, ça va ?'))
    assert.deepEqual(result.attributes, {})
    assert.equal(result.maskedText, 'Bonjour, ça va ?')
    assert.deepEqual(result.masked, [])
  })

  it('repairs a lone surrogate instead of failing to match after it', () => {
    const result = screen(screener, input('\uD800 acct 1234567'))
    assert.equal(result.rule, 'billing')
    assert.equal(result.maskedText, '\uFFFD acct [account]')
  })

  it('stores an attribute named __proto__ as data', () => {
    const compiled = compileScreening(rules, [
      { name: 'p', pattern: 'x(\\d)', attribute: '__proto__' },
    ])
    assert.ok(compiled.ok)
    const result = screen(compiled.screener, input('x1'))
    assert.equal(Object.getOwnPropertyDescriptor(result.attributes, '__proto__')?.value, '1')
  })
})

const fragment = fc.constantFrom(
  'acct 1234567',
  'account #98765432',
  'order ab1234',
  'ORDER CD9876',
  '4111 1111 1111 1111',
  'ana@example.org',
  'fraud',
  'invoice',
  '1234567',
  'ab1234',
  '😀',
  'é',
  ' ',
  '[account]',
  '#',
)
const text = fc.oneof(
  fc
    .array(fc.oneof(fragment, fc.string({ maxLength: 5 })), { maxLength: 12 })
    .map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 200 }),
)
const phone = fc.constantFrom('+15145550123', '+16045550111', '+12505550100', '', 'not a number')
const inputArb = fc.record({
  text,
  from: phone,
  to: fc.constantFrom(OUR_MONTREAL, OUR_TOLL_FREE, ''),
})
const ruleNames = new Set(rules.map((r) => r.name))

describe('screen properties', () => {
  it('never throws and always returns a configured rule', () => {
    fc.assert(
      fc.property(inputArb, fc.boolean(), (given, pii) => {
        const result = screen(pii ? piiScreener : screener, given)
        assert.ok(ruleNames.has(result.rule))
      }),
      { numRuns: 2000 },
    )
  })

  it('the masked text never contains a captured value', () => {
    fc.assert(
      fc.property(inputArb, fc.boolean(), (given, pii) => {
        const result = screen(pii ? piiScreener : screener, given)
        for (const value of Object.values(result.attributes)) {
          assert.ok(!result.maskedText.includes(value), `${value} in ${result.maskedText}`)
        }
      }),
      { numRuns: 2000 },
    )
  })

  it('equal inputs give equal outputs', () => {
    fc.assert(
      fc.property(inputArb, (given) => {
        assert.deepEqual(screen(piiScreener, { ...given }), screen(piiScreener, given))
      }),
      { numRuns: 1000 },
    )
  })

  it('masking never changes the rule chosen', () => {
    fc.assert(
      fc.property(inputArb, (given) => {
        assert.equal(screen(piiScreener, given).rule, screen(screener, given).rule)
      }),
      { numRuns: 1000 },
    )
  })

  it('the masked text is the original with each reported span replaced by its mask', () => {
    const masks: Record<string, string> = {
      account: '[account]',
      order: '[order]',
      payment_card: '[card]',
      email: '[email]',
    }
    fc.assert(
      fc.property(inputArb, (given) => {
        fc.pre(!/[\uD800-\uDFFF]/u.test(given.text)) // well-formed: offsets refer to the text as given
        const result = screen(piiScreener, given)
        let rebuilt = ''
        let position = 0
        for (const span of result.masked) {
          assert.ok(span.start >= position && span.end > span.start)
          rebuilt += given.text.slice(position, span.start) + (masks[span.name] ?? '<no mask>')
          position = span.end
        }
        assert.equal(rebuilt + given.text.slice(position), result.maskedText)
      }),
      { numRuns: 1000 },
    )
  })
})
