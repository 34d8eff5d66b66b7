import { daysInMonth, formatDateOnly, parseDateOnly } from './date-only.ts'
import type { TemplateVersion } from './template-version.ts'

/** Templates are reviewed quarterly unless a caller asks otherwise. */
export const DEFAULT_REVIEW_MONTHS = 3

/**
 * The date a review is next due: `months` calendar months after `fromDate`. When the target
 * month is shorter, the day is clamped to its last day (Nov 30 + 3 months = Feb 28, or Feb 29
 * in a leap year) rather than spilling into the next month, so a review is never pushed later
 * than the period asked for. Throws InvalidDateError for a malformed date and RangeError for a
 * non-integer or result outside years 0000–9999.
 * @example nextReviewDue('2024-11-30') // '2025-02-28'
 * @example nextReviewDue('2023-11-30') // '2024-02-29'
 */
export function nextReviewDue(fromDate: string, months: number = DEFAULT_REVIEW_MONTHS): string {
  if (!Number.isSafeInteger(months))
    throw new RangeError(`months must be an integer, got ${months}`)
  const from = parseDateOnly(fromDate)
  const index = from.year * 12 + (from.month - 1) + months
  const year = Math.floor(index / 12)
  const month = index - year * 12 + 1
  if (year < 0 || year > 9999)
    throw new RangeError(`review date out of range: ${fromDate} + ${months} months`)
  return formatDateOnly({ year, month, day: Math.min(from.day, daysInMonth(year, month)) })
}

/**
 * True when `today` is after the version's review date; due on the day itself is not overdue.
 * Both are YYYY-MM-DD; the caller supplies today's date in the organisation's time zone.
 * @example isReviewOverdue({ reviewDue: '2025-01-31', … }, '2025-02-01') // true
 */
export function isReviewOverdue(
  version: Pick<TemplateVersion, 'reviewDue'>,
  today: string,
): boolean {
  // Validated first so a typo never silently reads as "not overdue"; valid YYYY-MM-DD strings
  // then compare correctly as text.
  parseDateOnly(version.reviewDue)
  parseDateOnly(today)
  return today > version.reviewDue
}
