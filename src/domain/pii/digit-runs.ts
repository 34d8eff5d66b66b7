/** A maximal run of ASCII digits inside a text. */
export interface DigitGroup {
  readonly start: number
  readonly end: number
}

/**
 * Digit groups joined by single spaces or dashes, as people type card numbers and SINs
 * ('4111 1111 1111 1111', '046-454-286'). Numbers glued to a letter ('A123…') or written after
 * '+' (an international phone number) are flagged so callers can skip them.
 */
export interface DigitRun {
  readonly groups: readonly DigitGroup[]
  /** The run starts right after a letter or '_': its first group cannot start an identifier. */
  readonly gluedBefore: boolean
  /** The run starts right after '+': it is an international phone number, not an identifier. */
  readonly international: boolean
  /** The run ends right before a letter or '_': its last group cannot end an identifier. */
  readonly gluedAfter: boolean
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57
const isSeparator = (code: number): boolean => code === 32 || code === 45 // ' ' or '-'
const WORD_CHAR = /[\p{L}\p{M}_]/u

/**
 * Splits a text into digit runs in one linear pass.
 * @example digitRuns('SIN 046 454 286.')[0]?.groups.length // 3
 */
export function digitRuns(text: string): DigitRun[] {
  const runs: DigitRun[] = []
  let i = 0
  while (i < text.length) {
    if (!isDigit(text.charCodeAt(i))) {
      i++
      continue
    }
    const groups: DigitGroup[] = []
    const runStart = i
    for (;;) {
      const start = i
      while (i < text.length && isDigit(text.charCodeAt(i))) i++
      groups.push({ start, end: i })
      // Continue the run only across exactly one separator followed by a digit.
      if (
        i + 1 < text.length &&
        isSeparator(text.charCodeAt(i)) &&
        isDigit(text.charCodeAt(i + 1))
      ) {
        i++
      } else {
        break
      }
    }
    runs.push({
      groups,
      gluedBefore: runStart > 0 && WORD_CHAR.test(text[runStart - 1] ?? ''),
      international: text[runStart - 1] === '+',
      gluedAfter: i < text.length && WORD_CHAR.test(text[i] ?? ''),
    })
  }
  return runs
}
