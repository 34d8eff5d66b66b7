/** An SMPP address with its type of number (TON) and numbering plan (NPI). */
export interface SmppAddress {
  ton: number
  npi: number
  addr: string
}

/** Overrides for source addresses; short codes often need the SMSC's own TON/NPI. */
export interface SourceAddressing {
  /** Used for every source address when set (e.g. 3 = network specific for short codes). */
  sourceTon?: number
  sourceNpi?: number
}

const E164 = /^\+[1-9]\d{6,14}$/
const DIGITS = /^\d+$/

/**
 * How Parley's numbers are written in submit_sm: E.164 → TON 1 (international) NPI 1 (ISDN)
 * without '+'; a short code (3–8 digits) → TON 3 (network specific) NPI 0; other digits → TON 0
 * NPI 1 (unknown, ISDN); anything else is alphanumeric → TON 5 NPI 0.
 * @example toSmppAddress('+15145550123') // { ton: 1, npi: 1, addr: '15145550123' }
 * @example toSmppAddress('55123') // { ton: 3, npi: 0, addr: '55123' }
 */
export function toSmppAddress(number: string, overrides: SourceAddressing = {}): SmppAddress {
  const detected = detect(number.trim())
  return {
    ton: overrides.sourceTon ?? detected.ton,
    npi: overrides.sourceNpi ?? detected.npi,
    addr: detected.addr,
  }
}

function detect(number: string): SmppAddress {
  if (E164.test(number)) return { ton: 1, npi: 1, addr: number.slice(1) }
  if (DIGITS.test(number) && number.length >= 3 && number.length <= 8) {
    return { ton: 3, npi: 0, addr: number }
  }
  if (DIGITS.test(number)) return { ton: 0, npi: 1, addr: number }
  return { ton: 5, npi: 0, addr: number }
}

/**
 * Reads an address from a deliver_sm back into Parley's form: international numbers get '+'.
 * @example fromSmppAddress('15145550123', 1) // '+15145550123'
 */
export function fromSmppAddress(addr: string, ton: number | undefined): string {
  const trimmed = addr.trim()
  if (ton === 1 && DIGITS.test(trimmed)) return `+${trimmed}`
  return trimmed
}
