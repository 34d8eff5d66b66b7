import { gsm7Septets } from './gsm7-alphabet.ts'
import type { SmsEncoding } from './sms-encoding.ts'

/** Outcome of packing a text into parts of a fixed size. */
export interface PackedParts {
  readonly parts: number
  /** Units used in the last part. */
  readonly lastUnits: number
}

/**
 * Packs `text` greedily into parts of at most `size` units, never splitting an indivisible item:
 * a GSM-7 escape pair (extension character, 2 septets) or a UTF-16 surrogate pair (2 code units).
 * Shared by countSegments and splitSegments so both always agree. When `starts` is given, the
 * UTF-16 index where each part after the first begins is pushed onto it.
 * The caller guarantees that `text` is pure GSM-7 when `encoding` is 'gsm7'.
 */
export function packParts(
  text: string,
  encoding: SmsEncoding,
  size: number,
  starts?: number[],
): PackedParts {
  let parts = 1
  let used = 0
  let i = 0
  while (i < text.length) {
    const code = text.charCodeAt(i)
    let cost: number
    if (encoding === 'gsm7') {
      cost = gsm7Septets(code)
    } else {
      cost = isSurrogatePairAt(text, i, code) ? 2 : 1
    }
    if (used + cost > size) {
      parts++
      used = 0
      starts?.push(i)
    }
    used += cost
    // A UCS-2 item of cost 2 is a surrogate pair (two code units); a GSM-7 one is one code unit.
    i += encoding === 'ucs2' ? cost : 1
  }
  return { parts, lastUnits: used }
}

function isSurrogatePairAt(text: string, index: number, code: number): boolean {
  if (code < 0xd800 || code > 0xdbff) return false
  const next = text.charCodeAt(index + 1)
  return next >= 0xdc00 && next <= 0xdfff
}
