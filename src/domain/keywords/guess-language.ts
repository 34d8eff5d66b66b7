import type { Language } from '../language.ts'

// Frequent short words that differ between the two languages; enough to pick a reply language.
const FRENCH = new Set(
  'BONJOUR MERCI OUI NON JE J VOUS TU EST C LE LA LES DES DU UN UNE ET POUR PAS MON MA MES SVP AVEC QUE QUI SUIS AI CE CETTE DANS SUR AU AUX PLUS'.split(
    ' ',
  ),
)
const ENGLISH = new Set(
  'THE AND IS ARE I YOU MY TO FOR WITH THANKS PLEASE HELLO HI NOT NO YES WHAT WHEN CAN ME IT THIS THAT OF IN ON AT AM DO'.split(
    ' ',
  ),
)

/**
 * A best guess of the language of normalised tokens: French when it has more French marker words
 * than English ones, else English (the default for replies).
 * @example guessLanguage(['BONJOUR', 'J', 'AI', 'UNE', 'QUESTION']) // 'fr'
 * @example guessLanguage(['HELLO']) // 'en'
 */
export function guessLanguage(tokens: readonly string[]): Language {
  let score = 0
  for (const token of tokens) {
    if (FRENCH.has(token)) score++
    else if (ENGLISH.has(token)) score--
  }
  return score > 0 ? 'fr' : 'en'
}
