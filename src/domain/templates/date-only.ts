/** A calendar date without time or zone, as in `reviewDue`. */
export interface DateOnly {
  readonly year: number
  /** 1–12 */
  readonly month: number
  /** 1–31 */
  readonly day: number
}

/** Thrown for a string that is not a real YYYY-MM-DD date: a caller bug, not user input. */
export class InvalidDateError extends Error {
  override readonly name = 'InvalidDateError'
  readonly code = 'invalid_date'

  constructor(readonly value: string) {
    super(`not a YYYY-MM-DD calendar date: ${JSON.stringify(value)}`)
  }
}

const YYYY_MM_DD = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * Parses a YYYY-MM-DD date, rejecting impossible dates such as 2025-02-29.
 * Calendar arithmetic is done on numbers, not Date objects, so no time zone can shift a day.
 * @example parseDateOnly('2024-02-29') // { year: 2024, month: 2, day: 29 }
 */
export function parseDateOnly(value: string): DateOnly {
  const match = YYYY_MM_DD.exec(value)
  if (match === null) throw new InvalidDateError(value)
  const [, y, m, d] = match
  const date = { year: Number(y), month: Number(m), day: Number(d) }
  if (date.month < 1 || date.month > 12 || date.day < 1) throw new InvalidDateError(value)
  if (date.day > daysInMonth(date.year, date.month)) throw new InvalidDateError(value)
  return date
}

/**
 * Formats a date as YYYY-MM-DD.
 * @example formatDateOnly({ year: 2025, month: 3, day: 1 }) // '2025-03-01'
 */
export function formatDateOnly(date: DateOnly): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0')
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`
}

/**
 * Days in a month of the proleptic Gregorian calendar.
 * @example daysInMonth(2100, 2) // 28
 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}
