import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { daysInMonth, formatDateOnly, InvalidDateError, parseDateOnly } from './date-only.ts'
import { isReviewOverdue, nextReviewDue } from './next-review-due.ts'

const cases: [from: string, months: number | undefined, due: string][] = [
  ['2025-01-15', undefined, '2025-04-15'], // quarterly by default
  ['2024-11-30', undefined, '2025-02-28'], // clamped to the end of a short month
  ['2023-11-30', undefined, '2024-02-29'], // leap year
  ['2025-10-31', 3, '2026-01-31'],
  ['2025-05-31', 1, '2025-06-30'],
  ['2025-01-31', 1, '2025-02-28'],
  ['2099-11-30', 3, '2100-02-28'], // 2100 is not a leap year
  ['2399-11-30', 3, '2400-02-29'], // 2400 is
  ['2025-12-01', 12, '2026-12-01'],
  ['2025-03-31', -1, '2025-02-28'],
  ['2025-03-15', 0, '2025-03-15'],
]

describe('nextReviewDue', () => {
  for (const [from, months, due] of cases) {
    it(`${from} + ${months ?? 'default'} months → ${due}`, () =>
      assert.equal(nextReviewDue(from, months), due))
  }

  it('rejects malformed or impossible dates', () => {
    for (const bad of [
      '2025-02-29',
      '2025-13-01',
      '2025-00-10',
      '2025-1-5',
      '25-01-05',
      '2025-01-32',
      '',
    ]) {
      assert.throws(() => nextReviewDue(bad), InvalidDateError, bad)
    }
  })

  it('rejects a fractional number of months', () => {
    assert.throws(() => nextReviewDue('2025-01-01', 1.5), RangeError)
  })
})

const dateArb = fc
  .record({
    year: fc.integer({ min: 1900, max: 2500 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
  })
  .map((d) => ({ ...d, day: Math.min(d.day, daysInMonth(d.year, d.month)) }))

describe('nextReviewDue properties', () => {
  it('lands in the right month, on the same day or the last day of a shorter month', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -24, max: 120 }), (date, months) => {
        const due = parseDateOnly(nextReviewDue(formatDateOnly(date), months))
        const monthsApart = (due.year - date.year) * 12 + (due.month - date.month)
        assert.equal(monthsApart, months)
        assert.equal(due.day, Math.min(date.day, daysInMonth(due.year, due.month)))
      }),
      { numRuns: 1000 },
    )
  })

  it('a due date is never before the date it was computed from', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 120 }), (date, months) => {
        const from = formatDateOnly(date)
        assert.ok(nextReviewDue(from, months) >= from)
      }),
      { numRuns: 1000 },
    )
  })

  it('parseDateOnly and formatDateOnly round-trip every real date', () => {
    fc.assert(
      fc.property(dateArb, (date) => assert.deepEqual(parseDateOnly(formatDateOnly(date)), date)),
      { numRuns: 1000 },
    )
  })
})

describe('isReviewOverdue', () => {
  const rows: [reviewDue: string, today: string, overdue: boolean][] = [
    ['2025-03-31', '2025-03-30', false],
    ['2025-03-31', '2025-03-31', false], // due today is not yet overdue
    ['2025-03-31', '2025-04-01', true],
    ['2024-12-31', '2025-01-01', true],
  ]
  for (const [reviewDue, today, overdue] of rows) {
    it(`due ${reviewDue}, today ${today} → ${overdue ? 'overdue' : 'not overdue'}`, () =>
      assert.equal(isReviewOverdue({ reviewDue }, today), overdue))
  }

  it('a malformed date is an error, never silently "not overdue"', () => {
    assert.throws(
      () => isReviewOverdue({ reviewDue: '31/03/2025' }, '2025-04-01'),
      InvalidDateError,
    )
    assert.throws(() => isReviewOverdue({ reviewDue: '2025-03-31' }, '2025-4-1'), InvalidDateError)
  })
})
