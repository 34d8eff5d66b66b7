import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { nextAttemptAt } from './backoff.ts'

const policy = { initialDelayMs: 1000, maxDelayMs: 60_000, deadlineMs: 3_600_000 }

describe('nextAttemptAt', () => {
  it('doubles the delay each attempt, jittered between half and all of it', () => {
    const at = (attempt: number, random: number) =>
      nextAttemptAt(policy, { attempt, acceptedAt: 0, now: 0, random })
    assert.deepEqual([at(1, 0), at(1, 0.999999)], [500, 1000])
    assert.deepEqual([at(2, 0), at(3, 0), at(4, 0)], [1000, 2000, 4000])
  })

  it('caps the delay at maxDelayMs', () => {
    assert.equal(
      nextAttemptAt(policy, { attempt: 40, acceptedAt: 0, now: 0, random: 0.999999 }),
      60_000,
    )
  })

  it('gives up once the next try would fall after the deadline', () => {
    assert.equal(
      nextAttemptAt(policy, { attempt: 3, acceptedAt: 0, now: 3_599_500, random: 0 }),
      undefined,
    )
  })

  it('property: the next try is after now, within the cap, and never past the deadline', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, acceptedAt, elapsed, random) => {
          const now = acceptedAt + elapsed
          const at = nextAttemptAt(policy, { attempt, acceptedAt, now, random })
          if (at === undefined) return
          assert.ok(at >= now + policy.initialDelayMs / 2 && at <= now + policy.maxDelayMs)
          assert.ok(at <= acceptedAt + policy.deadlineMs)
        },
      ),
      { numRuns: 2000 },
    )
  })
})
