/** The languages Parley writes replies and templates in (English and Canadian French). */
export const LANGUAGES = ['en', 'fr'] as const

export type Language = (typeof LANGUAGES)[number]

/**
 * Narrows an arbitrary string (from config or a request) to a supported language.
 * @example isLanguage('fr') // true
 * @example isLanguage('de') // false
 */
export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value)
}
