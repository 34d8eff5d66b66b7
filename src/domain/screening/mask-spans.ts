/** A stretch of the text to hide, in UTF-16 offsets of the text (end exclusive). */
export interface MaskSpan {
  /** Capture rule name or PII kind; reported so a reader knows what was hidden. */
  readonly name: string
  readonly start: number
  readonly end: number
  /** What replaces the stretch in the masked text. */
  readonly mask: string
}

export interface MaskedText {
  readonly maskedText: string
  /** What was hidden, in offsets of the original text, sorted and non-overlapping. */
  readonly masked: { readonly name: string; readonly start: number; readonly end: number }[]
}

/**
 * Replaces spans of a text by their masks. Overlapping spans (a captured account number that
 * is also a card number) are merged into one, shown with the mask of the span that starts
 * first (the longer one on a tie), so no fragment of either is left visible.
 * @example maskSpans('card 4111 1111', [{ name: 'card', start: 5, end: 14, mask: '[card]' }])
 * // { maskedText: 'card [card]', masked: [{ name: 'card', start: 5, end: 14 }] }
 */
export function maskSpans(text: string, spans: readonly MaskSpan[]): MaskedText {
  const sorted = spans
    .filter((span) => span.end > span.start)
    .toSorted((a, b) => a.start - b.start || b.end - a.end)
  const merged: MaskSpan[] = []
  for (const span of sorted) {
    const last = merged.at(-1)
    if (last !== undefined && span.start < last.end) {
      if (span.end > last.end) merged[merged.length - 1] = { ...last, end: span.end }
    } else {
      merged.push(span)
    }
  }
  let maskedText = ''
  let position = 0
  for (const span of merged) {
    maskedText += text.slice(position, span.start) + span.mask
    position = span.end
  }
  maskedText += text.slice(position)
  return { maskedText, masked: merged.map(({ name, start, end }) => ({ name, start, end })) }
}

/**
 * Every non-overlapping occurrence of `value` in `text`, left to right.
 * @example occurrences('12 and 12', '12') // [[0, 2], [7, 9]]
 */
export function occurrences(text: string, value: string): [start: number, end: number][] {
  if (value === '') return []
  const found: [number, number][] = []
  for (let at = text.indexOf(value); at !== -1; at = text.indexOf(value, at + value.length)) {
    found.push([at, at + value.length])
  }
  return found
}
