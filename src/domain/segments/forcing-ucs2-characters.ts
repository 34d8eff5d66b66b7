import { gsm7Septets } from './gsm7-alphabet.ts'
import { gsm7Lookalike } from './gsm7-lookalikes.ts'

/** One occurrence of a character that forces the whole message into UCS-2. */
export interface Ucs2Occurrence {
  /** The character (a whole code point: an emoji is one entry, not two halves). */
  readonly character: string
  /** UTF-16 index of its first code unit, for highlighting in an editor. */
  readonly start: number
  /** UTF-16 index just after it (end exclusive). */
  readonly end: number
  /** GSM-7 replacement an editor may offer (typographic quotes, dashes, spaces), if any. */
  readonly suggestion?: string
}

/**
 * Every occurrence, in text order, of a character outside GSM-7 (REFERENCE.md "French accents":
 * Ê ê â î ô û ç À È are among them). Empty when the text is GSM-7.
 * @example forcingUcs2Characters('Fête’s') // [{ character: 'ê', start: 1, end: 2 }, { character: '’', start: 4, end: 5, suggestion: "'" }]
 */
export function forcingUcs2Characters(text: string): Ucs2Occurrence[] {
  const found: Ucs2Occurrence[] = []
  let index = 0
  for (const character of text) {
    const start = index
    index += character.length
    if (character.length === 1 && gsm7Septets(character.charCodeAt(0)) !== 0) continue
    const suggestion = gsm7Lookalike(character)
    found.push(
      suggestion === undefined
        ? { character, start, end: index }
        : { character, start, end: index, suggestion },
    )
  }
  return found
}
