import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { parseReceiptText, receiptStatusOf, statOfMessageState } from './receipt-text.ts'
import { loadVectors, runVectors } from '../testing/vector-table.ts'

interface ReceiptRow {
  name: string
  source?: string
  input: string
  expect: { ok: boolean; reason?: string; receipt?: unknown }
  status?: string
}

describe('parseReceiptText: recorded receipts (REFERENCE.md, SMPP receipts)', () => {
  runVectors(loadVectors<ReceiptRow>(import.meta.url, 'vectors/receipt-text.json'), (row) => {
    const parsed = parseReceiptText(row.input)
    assert.deepEqual(parsed.ok ? parsed : { ok: false, reason: parsed.reason }, row.expect)
    if (parsed.ok && row.status !== undefined)
      assert.equal(receiptStatusOf(parsed.receipt.stat), row.status)
  })
})

const STATS = [
  'DELIVRD',
  'EXPIRED',
  'DELETED',
  'UNDELIV',
  'ACCEPTD',
  'UNKNOWN',
  'REJECTD',
  'ENROUTE',
]
const token = fc.stringMatching(/^[0-9A-Za-z]{1,20}$/)
const spaces = fc.stringMatching(/^ {0,3}$/)
const caseOf = (upper: boolean) => (s: string) => (upper ? s.toUpperCase() : s)

describe('parseReceiptText: generated receipts', () => {
  it('reads id, stat and err back whatever the case, spacing and text', () => {
    fc.assert(
      fc.property(
        token,
        fc.constantFrom(...STATS),
        fc.stringMatching(/^[0-9A-F]{3}$/),
        fc.string({ maxLength: 20 }),
        fc.boolean(),
        spaces,
        (id, stat, err, text, upper, gap) => {
          const k = caseOf(upper)
          const input = `${k('id')}:${gap}${id} ${gap}${k('sub')}:001 ${k('dlvrd')}:001 ${k('submit date')}:2501011200 ${k('done date')}:2501011201 ${k('stat')}:${gap}${stat.toLowerCase()} ${k('err')}:${err} ${k('text')}:${text}`
          const parsed = parseReceiptText(input)
          assert.ok(parsed.ok, input)
          assert.deepEqual(
            [parsed.receipt.id, parsed.receipt.stat, parsed.receipt.err, parsed.receipt.text],
            [id, stat, err, text.replace(/^\s+/, '')],
          )
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (input) => {
        parseReceiptText(input)
      }),
      { numRuns: 1000 },
    )
  })
})

describe('receipt stat words', () => {
  it('every SMPP v3.4 state has a meaning (REFERENCE.md lists DELIVRD … REJECTD)', () => {
    for (const stat of STATS) assert.notEqual(receiptStatusOf(stat), undefined, stat)
  })
  it('message_state TLV values map to the same words (2 = DELIVRD, 5 = UNDELIV, 8 = REJECTD)', () => {
    assert.deepEqual([2, 5, 8].map(statOfMessageState), ['DELIVRD', 'UNDELIV', 'REJECTD'])
  })
  it('an unknown word is reported as unknown, not guessed', () => {
    assert.equal(receiptStatusOf('LOST'), undefined)
  })
})
