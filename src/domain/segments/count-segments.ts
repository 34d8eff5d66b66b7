import { gsm7Septets, gsm7SeptetCount } from './gsm7-alphabet.ts'
import { packParts } from './pack-parts.ts'
import { SEGMENT_SIZES } from './sms-encoding.ts'
import type { SmsEncoding } from './sms-encoding.ts'

/** What a text costs as SMS, as shown under a message editor and used for throughput. */
export interface SegmentCount {
  readonly encoding: SmsEncoding
  /** Septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2. */
  readonly units: number
  /** SMS segments on the wire; carriers count throughput in these (REFERENCE.md). */
  readonly segments: number
  /** Capacity of each segment: 160/153 (GSM-7) or 70/67 (UCS-2), single vs concatenated. */
  readonly perSegment: number
  /**
   * Units still free in the last segment. A GSM-7 extension character or an emoji needs 2, so
   * `remaining: 1` does not always leave room for one more character.
   */
  readonly remaining: number
  /** Distinct characters, in order of first appearance, that forced UCS-2; empty for GSM-7. */
  readonly ucs2Characters: readonly string[]
}

/**
 * Counts the SMS segments a text will be sent as (3GPP TS 23.038 / 23.040). Pure and cheap: one
 * pass over the text, plus a packing pass only when it does not fit a single segment.
 *
 * An empty text counts as 1 segment: an empty SMS is still one PDU on the wire, so the editor
 * shows "160 left, 1 segment" and throughput estimates never divide by zero.
 * @example countSegments('Your order has shipped')
 * // { encoding: 'gsm7', units: 22, segments: 1, perSegment: 160, remaining: 138, ucs2Characters: [] }
 * @example countSegments('Ça coûte 5 €').encoding // 'ucs2' (û is not GSM-7)
 */
export function countSegments(text: string): SegmentCount {
  const septets = gsm7SeptetCount(text)
  if (septets >= 0) return measure(text, 'gsm7', septets, NO_CHARACTERS)
  return measure(text, 'ucs2', text.length, distinctUcs2Characters(text))
}

const NO_CHARACTERS: readonly string[] = Object.freeze([])

function measure(
  text: string,
  encoding: SmsEncoding,
  units: number,
  ucs2Characters: readonly string[],
): SegmentCount {
  const size = SEGMENT_SIZES[encoding]
  if (units <= size.single) {
    return {
      encoding,
      units,
      segments: 1,
      perSegment: size.single,
      remaining: size.single - units,
      ucs2Characters,
    }
  }
  const packed = packParts(text, encoding, size.concatenated)
  return {
    encoding,
    units,
    segments: packed.parts,
    perSegment: size.concatenated,
    remaining: size.concatenated - packed.lastUnits,
    ucs2Characters,
  }
}

function distinctUcs2Characters(text: string): string[] {
  const seen = new Set<string>()
  for (const char of text) {
    // Every GSM-7 character is a single BMP code unit, so longer code points are never GSM-7.
    if (char.length === 1 && gsm7Septets(char.charCodeAt(0)) !== 0) continue
    seen.add(char)
  }
  return [...seen]
}
