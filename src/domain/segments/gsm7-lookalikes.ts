/**
 * GSM-7 stand-ins for typographic characters that word processors and phones insert silently.
 * A curly apostrophe alone turns a 157-character reply into 3 UCS-2 segments, so an editor can
 * offer these replacements. Letters with accents are deliberately absent: changing "ê" to "e"
 * changes French spelling, which is the author's call, not ours.
 */
const LOOKALIKES: ReadonlyMap<string, string> = new Map([
  ['\u2018', "'"], // left single quotation mark
  ['\u2019', "'"], // right single quotation mark / typographic apostrophe
  ['\u201a', "'"],
  ['\u2032', "'"], // prime
  ['\u201c', '"'],
  ['\u201d', '"'],
  ['\u201e', '"'],
  ['\u00ab', '"'], // « French guillemets
  ['\u00bb', '"'], // »
  ['\u2013', '-'], // en dash
  ['\u2014', '-'], // em dash
  ['\u2010', '-'],
  ['\u2011', '-'],
  ['\u2212', '-'], // minus sign
  ['\u2026', '...'],
  ['\u00a0', ' '], // no-break space (French typography before : ; ! ?)
  ['\u202f', ' '], // narrow no-break space
  ['\u2009', ' '],
  ['\t', ' '],
  ['\u2022', '-'], // bullet
])

/**
 * The GSM-7 text an editor may suggest in place of a character that forces UCS-2, if any.
 * @example gsm7Lookalike('’') // "'"
 * @example gsm7Lookalike('ê') // undefined
 */
export function gsm7Lookalike(char: string): string | undefined {
  return LOOKALIKES.get(char)
}
