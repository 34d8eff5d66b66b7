/**
 * How an SMSC writes message ids: in submit_sm_resp and in receipts the same id may come back in
 * another base (hex vs decimal) or zero-padded (REFERENCE.md, SMPP). 'auto' = unknown.
 */
export type IdBase = 'hex' | 'decimal' | 'auto'

const HEX = /^[0-9a-f]+$/i
const DECIMAL = /^[0-9]+$/

/**
 * Canonical form of a numeric message id read in `base`: the value as a decimal string without
 * leading zeros (BigInt, so 64-bit and longer ids stay exact). Undefined when the id is not a
 * number in that base (UUIDs and other opaque ids), in which case callers compare it as text.
 * @example normaliseCarrierId('0000A1F', 'hex') // '2591'
 * @example normaliseCarrierId('002591', 'decimal') // '2591'
 * @example normaliseCarrierId('msg-7', 'hex') // undefined
 */
export function normaliseCarrierId(id: string, base: 'hex' | 'decimal'): string | undefined {
  const trimmed = id.trim()
  if (base === 'hex') return HEX.test(trimmed) ? BigInt(`0x${trimmed}`).toString() : undefined
  return DECIMAL.test(trimmed) ? BigInt(trimmed).toString() : undefined
}

/**
 * Every key under which an id may be matched. With a declared base: its numeric value, or its
 * text (trimmed, lower-case) when it is not a number in that base (opaque ids). With 'auto': its
 * text first (an SMSC that echoes ids unchanged matches exactly), then its value read as decimal
 * and as hex. The gateway files each submitted id under all its keys and looks a receipt's id up
 * key by key. Under 'auto' an all-digit id like '2591' is ambiguous (decimal 2591 or hex 0x2591)
 * and two different ids can share a key: configure the SMSC's bases when they are known.
 * Keys are prefixed so an id's text never collides with another id's numeric value.
 * @example carrierIdKeys('0000A1F', 'hex') // ['num:2591']
 * @example carrierIdKeys('2591', 'auto') // ['text:2591', 'num:2591', 'num:9617']
 */
export function carrierIdKeys(id: string, base: IdBase): string[] {
  const text = `text:${id.trim().toLowerCase()}`
  if (base !== 'auto') {
    const value = normaliseCarrierId(id, base)
    return [value === undefined ? text : `num:${value}`]
  }
  const keys = [text]
  for (const b of ['decimal', 'hex'] as const) {
    const value = normaliseCarrierId(id, b)
    if (value !== undefined && !keys.includes(`num:${value}`)) keys.push(`num:${value}`)
  }
  return keys
}
