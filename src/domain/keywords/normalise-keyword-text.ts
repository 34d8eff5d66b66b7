const isWordChar = (char: string): boolean => /[\p{L}\p{N}]/u.test(char)

/**
 * Normalises an inbound text for keyword matching (REFERENCE.md: case- and accent-insensitive,
 * trimmed, surrounding punctuation ignored): uppercase, accents removed (NFKD, so full-width
 * 'ＳＴＯＰ' and ligatures match too), whitespace runs collapsed to one space, and anything that
 * is not a letter or digit trimmed from both ends (punctuation, emoji). Inner punctuation stays.
 * @example normaliseKeywordText('  Arrêt!! ') // 'ARRET'
 * @example normaliseKeywordText('stop,   please.') // 'STOP, PLEASE'
 */
export function normaliseKeywordText(text: string): string {
  // NFKD both sides of toUpperCase: compatibility forms ('𝐚') only become letters after NFKD,
  // and some capitals ('ǰ' → 'J̌') only gain their combining mark from toUpperCase.
  const plain = text
    .normalize('NFKD')
    .toUpperCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/\s+/gu, ' ')
  // Trimmed by hand: a regex anchored at the end would rescan long punctuation runs (quadratic).
  const chars = Array.from(plain)
  let start = 0
  let end = chars.length
  while (start < end && !isWordChar(chars[start] ?? '')) start++
  while (end > start && !isWordChar(chars[end - 1] ?? '')) end--
  return chars.slice(start, end).join('')
}

/**
 * The words of a text for matching: normalised, split on anything that is not a letter or digit
 * ("OPT-OUT" and "opt out" both give ['OPT', 'OUT']; "s'il vous plaît" gives ['S', 'IL', 'VOUS', 'PLAIT']).
 * @example keywordTokens('Stop, please!') // ['STOP', 'PLEASE']
 */
export function keywordTokens(text: string): string[] {
  return normaliseKeywordText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token !== '')
}
