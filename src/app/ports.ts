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
 * Ids that sort by creation time, even within one millisecond: 12 hex digits
 * of milliseconds, a 4-hex-digit sequence (random start, +1 per id in the
 * same millisecond), then 12 random hex digits. Status histories are ordered
 * by (time, id), so ids made in one millisecond must keep their order.
 * @example systemRandom.id() // '019ab3c2d4e5' + '3a9c' + 'b1d2e3f4a5b6'
 */
export const systemRandom: Random = createSystemRandom()

function createSystemRandom(): Random {
  let lastMs = -1
  let sequence = 0
  // random bytes drawn 4 KiB at a time: one system call per ~600 ids, not one per id
  let pool = Buffer.alloc(0)
  let used = 0
  const take = (length: number): Buffer => {
    if (used + length > pool.length) {
      pool = randomBytes(Math.max(4096, length))
      used = 0
    }
    used += length
    return pool.subarray(used - length, used)
  }
  return {
    id: () => {
      const now = Date.now()
      if (now > lastMs) {
        lastMs = now
        sequence = take(2).readUInt16BE() & 0x7fff // room to count up within the millisecond
      } else sequence++
      if (sequence > 0xffff) {
        lastMs++ // more than 32k ids in one millisecond: borrow the next one
        sequence = 0
      }
      return (
        lastMs.toString(16).padStart(12, '0') +
        sequence.toString(16).padStart(4, '0') +
        take(6).toString('hex')
      )
    },
    bytes: (length) => randomBytes(length),
  }
}
