import { randomBytes } from 'node:crypto'

/** Time, injected so tests and the domain never read the wall clock themselves. */
export interface Clock {
  now(): number
}

/** Randomness, injected for the same reason; ids are sortable by creation time. */
export interface Random {
  id(): string
  bytes(length: number): Buffer
}

export const systemClock: Clock = { now: () => Date.now() }

/**
 * Ids that sort by creation time: 12 hex digits of milliseconds, then 16 random hex digits.
 * @example systemRandom.id() // '019ab3c2d4e5f3a9c0b1d2e3f4a5b6'
 */
export const systemRandom: Random = {
  id: () => Date.now().toString(16).padStart(12, '0') + randomBytes(8).toString('hex'),
  bytes: (length) => randomBytes(length),
}
