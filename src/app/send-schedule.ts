import type { Config } from '../config/schema.ts'
import {
  DEFAULT_SEGMENTS_PER_SECOND,
  newTokenBucket,
  reserveTokens,
  type TokenBucket,
} from '../domain/outbox/token-bucket.ts'
import { isCountryCode } from '../domain/phone/country-code.ts'
import { classifySender } from '../domain/phone/classify-sender.ts'

/**
 * Each sender's throughput in this process (segments per second, as configured or by the kind
 * of number): what the dispatcher books when it sends, and the slots of texts that have to wait.
 */
export interface SendSchedule {
  /**
   * Books `segments` of the sender's throughput and says when the text may go, if that is
   * within `holdMs` of `now`; otherwise books nothing and says undefined.
   */
  book(from: string, segments: number, now: number, holdMs: number): number | undefined
  /**
   * A slot for a text that has to wait: after the texts given slots before it, one slot each,
   * so each comes back once, when it can go, and in order. Books nothing (the text books when
   * it comes back).
   */
  slot(from: string, segments: number, now: number): number
  /**
   * When a new text should first be tried: now, unless texts are already waiting for the
   * sender, then a slot after them (so the dispatcher does not claim it only to hand it back).
   */
  firstAttempt(from: string, segments: number, now: number): number
}

/** @example const schedule = createSendSchedule(config); schedule.book('+12505550101', 1, Date.now(), 1000) */
export function createSendSchedule(config: Config): SendSchedule {
  const buckets = new Map<string, TokenBucket>()
  /** Per sender, the slot given to the last text that has to wait. */
  const slots = new Map<string, number>()
  const senders = new Map(config.senders.map((s) => [s.number, s]))
  const region = isCountryCode(config.defaultRegion) ? config.defaultRegion : 'CA'

  const bucketOf = (from: string, now: number) => {
    const bucket = buckets.get(from)
    if (bucket) return bucket
    const rate =
      senders.get(from)?.segmentsPerSecond ??
      DEFAULT_SEGMENTS_PER_SECOND[classifySender(from, region)]
    return newTokenBucket(rate, now)
  }

  const slot = (from: string, segments: number, now: number) => {
    const bucket = bucketOf(from, now)
    const free = reserveTokens(bucket, segments, now).at
    const slotMs = (1000 * segments) / bucket.ratePerSecond
    const next = Math.max(free, (slots.get(from) ?? 0) + slotMs)
    slots.set(from, next)
    return Math.ceil(next)
  }

  return {
    book(from, segments, now, holdMs) {
      const booked = reserveTokens(bucketOf(from, now), segments, now)
      if (booked.at - now > holdMs) return undefined
      buckets.set(from, booked.bucket)
      return booked.at
    },
    slot,
    firstAttempt(from, segments, now) {
      return (slots.get(from) ?? 0) > now ? slot(from, segments, now) : now
    },
  }
}
