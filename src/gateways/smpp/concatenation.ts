/** Where a part sits in a concatenated message. */
export interface ConcatInfo {
  ref: number
  total: number
  seq: number
}

/**
 * The 8-bit-reference concatenation UDH (3GPP TS 23.040 §9.2.3.24.1): UDHL 05, IEI 00, IEDL 03,
 * ref, total, seq. Sent with esm_class 0x40 (UDH indicator).
 * @example concatUdh({ ref: 7, total: 2, seq: 1 }) // <Buffer 05 00 03 07 02 01>
 */
export function concatUdh({ ref, total, seq }: ConcatInfo): Buffer {
  return Buffer.from([0x05, 0x00, 0x03, ref & 0xff, total, seq])
}

/**
 * Reads concatenation info from decoded UDH information elements (the smpp package hands them
 * over as buffers `[IEI, IEDL, …data]`): IEI 00 (8-bit ref) or 08 (16-bit ref). Undefined when the
 * message is not a valid part (a part number outside 1..total is ignored as corrupt).
 * @example readConcatIe([Buffer.from([0, 3, 7, 2, 1])]) // { ref: 7, total: 2, seq: 1 }
 */
export function readConcatIe(elements: readonly Buffer[]): ConcatInfo | undefined {
  for (const ie of elements) {
    let info: ConcatInfo | undefined
    if (ie[0] === 0x00 && ie[1] === 3 && ie.length >= 5) {
      info = { ref: ie[2] ?? 0, total: ie[3] ?? 0, seq: ie[4] ?? 0 }
    } else if (ie[0] === 0x08 && ie[1] === 4 && ie.length >= 6) {
      info = { ref: ie.readUInt16BE(2), total: ie[4] ?? 0, seq: ie[5] ?? 0 }
    }
    if (info !== undefined) return valid(info)
  }
  return undefined
}

/**
 * Concatenation info from the sar_* TLVs, the alternative to UDH (SMPP v3.4 §5.3.2.22–24).
 * @example readSarTlvs(12, 2, 1) // { ref: 12, total: 2, seq: 1 }
 */
export function readSarTlvs(ref: unknown, total: unknown, seq: unknown): ConcatInfo | undefined {
  if (typeof ref !== 'number' || typeof total !== 'number' || typeof seq !== 'number')
    return undefined
  return valid({ ref, total, seq })
}

function valid(info: ConcatInfo): ConcatInfo | undefined {
  return info.total >= 1 && info.seq >= 1 && info.seq <= info.total ? info : undefined
}
