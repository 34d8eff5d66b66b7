import { keywordTokens } from '../keywords/normalise-keyword-text.ts'

/** A rule's keyword list, normalised once at compile time. */
export interface KeywordMatcher {
  /** True when the text's first words (from keywordTokens) are one of the keywords. */
  matches(tokens: readonly string[]): boolean
}

/**
 * Prepares a keyword condition. Keywords and texts are normalised the same way as opt-out
 * keywords (REFERENCE.md: case- and accent-insensitive, punctuation ignored), so 'Facture'
 * matches "FACTURE: pourquoi…". A keyword matches the first word of the text; a keyword of
 * several words ('opt out', 'mot de passe') matches the same first words. A keyword with no
 * letter or digit can never match.
 * @example compileKeywords(['bill', 'facture']).matches(keywordTokens('Facturé? oui')) // true
 */
export function compileKeywords(keywords: readonly string[]): KeywordMatcher {
  const single = new Set<string>()
  const phrases: string[][] = []
  for (const keyword of keywords) {
    const tokens = keywordTokens(keyword)
    const [first] = tokens
    if (tokens.length === 1 && first !== undefined) single.add(first)
    else if (tokens.length > 1) phrases.push(tokens)
  }
  return {
    matches(tokens) {
      const first = tokens[0]
      if (first === undefined) return false
      if (single.has(first)) return true
      return phrases.some((phrase) => phrase.every((word, i) => tokens[i] === word))
    },
  }
}
