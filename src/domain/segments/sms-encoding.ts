/** How an SMS body is encoded on the wire (3GPP TS 23.038). */
export type SmsEncoding = 'gsm7' | 'ucs2'

/** Units one SMS can carry: a single message, or each part of a concatenated one (3GPP TS 23.040). */
export interface SegmentSize {
  /** Units in a message sent on its own (160 septets or 70 UTF-16 code units). */
  readonly single: number
  /** Units per part once the user data header for concatenation takes its 6 octets (153 or 67). */
  readonly concatenated: number
}

/** Segment sizes per encoding; REFERENCE.md "Encoding and segments". */
export const SEGMENT_SIZES: Readonly<Record<SmsEncoding, SegmentSize>> = Object.freeze({
  gsm7: Object.freeze({ single: 160, concatenated: 153 }),
  ucs2: Object.freeze({ single: 70, concatenated: 67 }),
})
