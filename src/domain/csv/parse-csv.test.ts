import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { parseCsv } from './parse-csv.ts'

const cases: {
  name: string
  text: string
  header?: string[]
  rows?: string[][]
  problem?: RegExp
}[] = [
  {
    name: 'plain rows',
    text: 'phone,name\n+1250,Ana\n+1251,Bo\n',
    header: ['phone', 'name'],
    rows: [
      ['+1250', 'Ana'],
      ['+1251', 'Bo'],
    ],
  },
  {
    name: 'CRLF line ends and no final newline',
    text: 'a,b\r\n1,2\r\n3,4',
    header: ['a', 'b'],
    rows: [
      ['1', '2'],
      ['3', '4'],
    ],
  },
  {
    name: 'quoted comma, quote and line break',
    text: 'a,b\n"x, y","say ""hi""\nthere"\n',
    header: ['a', 'b'],
    rows: [['x, y', 'say "hi"\nthere']],
  },
  {
    name: 'a byte-order mark from a spreadsheet',
    text: '\uFEFFphone\n+1250\n',
    header: ['phone'],
    rows: [['+1250']],
  },
  { name: 'blank lines skipped', text: 'a\n\n1\n\n', header: ['a'], rows: [['1']] },
  { name: 'empty fields kept', text: 'a,b,c\n,,\n', header: ['a', 'b', 'c'], rows: [['', '', '']] },
  {
    name: 'French accents intact',
    text: 'nom\nFrançoise Côté\n',
    header: ['nom'],
    rows: [['Françoise Côté']],
  },
  {
    name: 'a short row, with its row number',
    text: 'a,b\n1,2\n3\n',
    problem: /^row 3: expected 2 fields/,
  },
  {
    name: 'an unclosed quote',
    text: 'a\n"oops\n',
    problem: /^row 2: a quoted field is never closed/,
  },
  { name: 'a stray quote', text: 'a\nab"c\n', problem: /^row 2: a quote inside an unquoted field/ },
  { name: 'an empty file', text: '', problem: /^row 1: the file is empty/ },
]

describe('parseCsv', () => {
  for (const c of cases) {
    it(c.name, () => {
      const result = parseCsv(c.text)
      if (c.problem) {
        assert.ok(!result.ok, 'expected a problem')
        assert.match(`row ${result.problem.row}: ${result.problem.message}`, c.problem)
      } else {
        assert.deepEqual(result, { ok: true, header: c.header, rows: c.rows })
      }
    })
  }

  const quote = (field: string) =>
    /[",\r\n]/.test(field) || field === '' ? `"${field.replace(/"/g, '""')}"` : field
  const field = fc.string({
    unit: fc.constantFrom('a', 'é', ',', '"', '\n', '\r\n', ' ', '1', '😀'),
    maxLength: 8,
  })

  it('property: writing any table as CSV and parsing it gives the table back', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5 })
          .chain((width) =>
            fc.tuple(
              fc.array(
                fc.string({ unit: fc.constantFrom('a', 'b', 'c'), minLength: 1, maxLength: 4 }),
                { minLength: width, maxLength: width },
              ),
              fc.array(fc.array(field, { minLength: width, maxLength: width }), { maxLength: 6 }),
              fc.constantFrom('\n', '\r\n'),
            ),
          ),
        ([header, rows, eol]) => {
          const text = [header, ...rows].map((r) => r.map(quote).join(',')).join(eol) + eol
          assert.deepEqual(parseCsv(text), { ok: true, header, rows })
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('property: never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', 'x') }), (text) => {
        parseCsv(text)
      }),
      { numRuns: 2000 },
    )
  })
})
