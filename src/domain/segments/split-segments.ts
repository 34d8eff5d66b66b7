import { gsm7SeptetCount } from './gsm7-alphabet.ts'
import { packParts } from './pack-parts.ts'
import { SEGMENT_SIZES } from './sms-encoding.ts'
import type { SmsEncoding } from './sms-encoding.ts'

/** A text cut into the parts a gateway sends as one concatenated SMS. */
export interface SplitSegments {
  readonly encoding: SmsEncoding
  /** Non-empty parts in order (one empty part for an empty text); joined they give the text. */
  readonly parts: readonly string[]
}

/**
 * Splits a text into SMS parts: GSM-7 160 single / 153 per part, UCS-2 70 / 67 (3GPP TS 23.040).
 * A GSM-7 escape pair and a UTF-16 surrogate pair are never split across parts (REFERENCE.md);
 * a part may then hold one unit less than its size. Used by gateways that concatenate themselves
 * (SMPP UDH); the part count always equals countSegments(text).segments.
 * @example splitSegments('a'.repeat(152) + '€' + 'a'.repeat(152)).parts.map((p) => p.length)
 * // [152, 152, 1]: the € escape pair moved whole to part 2 (2 + 151 septets)
 */
export function splitSegments(text: string): SplitSegments {
  const septets = gsm7SeptetCount(text)
  const encoding: SmsEncoding = septets >= 0 ? 'gsm7' : 'ucs2'
  const size = SEGMENT_SIZES[encoding]
  const units = septets >= 0 ? septets : text.length
  if (units <= size.single) return { encoding, parts: [text] }

  const starts: number[] = []
  packParts(text, encoding, size.concatenated, starts)
  const parts: string[] = []
  let from = 0
  for (const start of starts) {
    parts.push(text.slice(from, start))
    from = start
  }
  parts.push(text.slice(from))
  return { encoding, parts }
}
