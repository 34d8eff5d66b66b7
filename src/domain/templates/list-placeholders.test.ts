import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { fillPlaceholders, listPlaceholders } from './list-placeholders.ts'

const cases: { name: string; body: string; names: string[] }[] = [
  { name: 'no placeholders', body: 'Your order has shipped', names: [] },
  { name: 'one placeholder', body: 'Hi ((first_name))', names: ['first_name'] },
  { name: 'each name once, in order of first use', body: '((b)) ((a)) ((b))', names: ['b', 'a'] },
  {
    name: 'dotted names',
    body: '((customer.first_name)) ((appt.time2))',
    names: ['customer.first_name', 'appt.time2'],
  },
  {
    name: 'spaces and tabs inside the brackets are ignored',
    body: '(( name )) ((\tname\t))',
    names: ['name'],
  },
  { name: 'names are case-sensitive', body: '((Name)) ((name))', names: ['Name', 'name'] },
  { name: 'extra outer parentheses stay text', body: '(((name)))', names: ['name'] },
  { name: 'words with spaces are not a placeholder', body: '((see note))', names: [] },
  { name: 'a name cannot start with a digit', body: '((1st))', names: [] },
  { name: 'a name cannot start or end with a dot', body: '((.a)) ((a.)) ((a..b))', names: [] },
  { name: 'accented names are text (ASCII names only)', body: '((prénom))', names: [] },
  { name: 'a line break inside is not allowed', body: '((\nname))', names: [] },
  { name: 'single parentheses are text', body: '(name)', names: [] },
  { name: 'an unclosed placeholder is text', body: '((name)', names: [] },
]

describe('listPlaceholders', () => {
  for (const { name, body, names } of cases) {
    it(name, () => assert.deepEqual(listPlaceholders(body), names))
  }
})

describe('fillPlaceholders', () => {
  it('replaces every occurrence in one pass', () => {
    assert.equal(
      fillPlaceholders('((a))-(( b ))-((a))', (n) => n.toUpperCase()),
      'A-B-A',
    )
  })

  it('gives $ no special meaning in a replacement', () => {
    assert.equal(
      fillPlaceholders('Total: ((amount))', () => "$& $1 $$ $'"),
      "Total: $& $1 $$ $'",
    )
  })

  it('a body without placeholders is unchanged', () => {
    fc.assert(
      fc.property(fc.string(), (body) => {
        fc.pre(listPlaceholders(body).length === 0)
        assert.equal(
          fillPlaceholders(body, () => 'X'),
          body,
        )
      }),
      { numRuns: 1000 },
    )
  })

  it('filling each placeholder with its own token changes nothing but spacing', () => {
    const piece = fc.constantFrom('((a))', '(( b ))', '((c.d))', '(', ')', 'x', ' ', '((', '))')
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
        const body = pieces.join('')
        const once = fillPlaceholders(body, (n) => `((${n}))`)
        assert.deepEqual(listPlaceholders(once), listPlaceholders(body))
      }),
      { numRuns: 1000 },
    )
  })
})
