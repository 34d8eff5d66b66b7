import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  CLOSED_BREAKER,
  isTrunkUsable,
  recordTrunkResult,
  type TrunkBreaker,
} from './trunk-breaker.ts'

describe('trunk breaker', () => {
  const policy = { threshold: 3, cooldownMs: 1000 }
  const fail = (b: TrunkBreaker, now: number) => recordTrunkResult(b, 'failure', now, policy)

  it('keeps a trunk in use until it fails threshold times in a row', () => {
    const twice = fail(fail(CLOSED_BREAKER, 0), 0)
    assert.equal(isTrunkUsable(twice, 0), true)
    const thrice = fail(twice, 100)
    assert.equal(isTrunkUsable(thrice, 100), false)
    assert.equal(isTrunkUsable(thrice, 1099), false)
  })

  it('allows a trial after the cooldown and closes on success', () => {
    const open = fail(fail(fail(CLOSED_BREAKER, 0), 0), 0)
    assert.equal(isTrunkUsable(open, 1000), true)
    assert.deepEqual(recordTrunkResult(open, 'success', 1000, policy), CLOSED_BREAKER)
    assert.equal(isTrunkUsable(fail(open, 1000), 1500), false, 'a failed trial reopens it')
  })

  it('a success in between resets the count', () => {
    const b = recordTrunkResult(fail(fail(CLOSED_BREAKER, 0), 0), 'success', 0, policy)
    assert.equal(isTrunkUsable(fail(b, 0), 0), true)
  })
})
