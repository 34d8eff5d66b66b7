import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { newTokenBucket, reserveTokens, takeTokens, type TokenBucket } from './token-bucket.ts'

describe('token bucket', () => {
  it('lets a long code send one segment per second (REFERENCE.md: 1 segment/s)', () => {
    const first = takeTokens(newTokenBucket(1, 0), 1, 0)
    assert.equal(first.ok, true)
    const second = takeTokens(first.bucket, 1, 10)
    assert.deepEqual(second.ok ? 'sent' : second.waitMs, 990)
    assert.equal(takeTokens(second.bucket, 1, 1000).ok, true)
  })

  it('lets a text longer than the bucket go once full, then rests', () => {
    const taken = takeTokens(newTokenBucket(1, 0), 3, 0)
    assert.ok(taken.ok)
    assert.equal(taken.bucket.tokens, -2)
    const next = takeTokens(taken.bucket, 1, 1000)
    assert.equal(next.ok ? 0 : next.waitMs, 2000)
  })

  it('property: over any run the segments taken never exceed capacity + rate × elapsed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 4 })), {
          maxLength: 200,
        }),
        (rate, steps) => {
          let bucket: TokenBucket = newTokenBucket(rate, 0)
          let now = 0
          let taken = 0
          for (const [advance, cost] of steps) {
            now += advance
            const result = takeTokens(bucket, cost, now)
            bucket = result.bucket
            if (result.ok) taken += cost
          }
          // one oversized take may overdraw by at most (cost - capacity)
          assert.ok(taken <= bucket.capacity + (rate * now) / 1000 + 4)
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('books a batch on a long code one second apart (1 segment/s)', () => {
    let bucket = newTokenBucket(1, 0)
    const times: number[] = []
    for (let i = 0; i < 4; i++) {
      const booked = reserveTokens(bucket, 1, 0)
      times.push(booked.at)
      bucket = booked.bucket
    }
    assert.deepEqual(times, [0, 1000, 2000, 3000])
  })

  it('property: bookings never go faster than capacity + rate × elapsed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 3 })), {
          minLength: 1,
          maxLength: 100,
        }),
        (rate, steps) => {
          let bucket = newTokenBucket(rate, 0)
          let now = 0
          let booked = 0
          let last = 0
          for (const [advance, cost] of steps) {
            now += advance
            const r = reserveTokens(bucket, cost, now)
            bucket = r.bucket
            booked += cost
            last = Math.max(last, r.at)
            assert.ok(r.at >= now)
          }
          // everything booked by time `last` fits the bucket's allowance (1 ms rounding per step)
          assert.ok(booked <= bucket.capacity + (rate * (last + steps.length)) / 1000 + 1e-9)
        },
      ),
      { numRuns: 1000 },
    )
  })
})
