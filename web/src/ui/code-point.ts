/**
 * A character's Unicode code point as people look it up, for characters that cannot be seen.
 * @example codePoint('\u00a0') // 'U+00A0'
 */
export function codePoint(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`
}
