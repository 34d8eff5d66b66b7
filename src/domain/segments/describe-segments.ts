import { countSegments, type SegmentCount } from './count-segments.ts'
import { forcingUcs2Characters, type Ucs2Occurrence } from './forcing-ucs2-characters.ts'
import { gsm7SeptetCount } from './gsm7-alphabet.ts'
import { splitSegments } from './split-segments.ts'

/** One SMS part of a text: its slice of the text and the units it uses of its capacity. */
export interface SegmentPart {
  readonly text: string
  /** Septets (GSM-7, extension characters count 2) or UTF-16 code units (UCS-2). */
  readonly units: number
  /** The part's capacity: 160/70 for a single SMS, 153/67 for each part of a long one. */
  readonly limit: number
}

/** What a message editor shows under a text: the count, each part, and what forces UCS-2. */
export interface SegmentDescription extends Omit<SegmentCount, 'ucs2Characters'> {
  readonly parts: readonly SegmentPart[]
  /** Every occurrence of a character outside GSM-7, with its position and a stand-in if any. */
  readonly ucs2Characters: readonly Ucs2Occurrence[]
}

/**
 * Counts a text's segments and describes each part, for an editor that shows where a long text
 * is cut and which characters (ê, ç, ’…) turn it into UCS-2. Pure; the parts always agree
 * with countSegments (they come from the same packing).
 * @example describeSegments('Bonjour').parts // [{ text: 'Bonjour', units: 7, limit: 160 }]
 * @example describeSegments('Fête').ucs2Characters // [{ character: 'ê', start: 1, end: 2 }]
 */
export function describeSegments(text: string): SegmentDescription {
  const count = countSegments(text)
  const { parts } = splitSegments(text)
  const unitsOf = (part: string) =>
    count.encoding === 'gsm7' ? gsm7SeptetCount(part) : part.length
  return {
    encoding: count.encoding,
    units: count.units,
    segments: count.segments,
    perSegment: count.perSegment,
    remaining: count.remaining,
    parts: parts.map((part) => ({ text: part, units: unitsOf(part), limit: count.perSegment })),
    ucs2Characters: forcingUcs2Characters(text),
  }
}
