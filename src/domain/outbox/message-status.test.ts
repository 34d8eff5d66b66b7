import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { MESSAGE_STATUSES, canMoveTo, isFinalStatus, type MessageStatus } from './message-status.ts'

const cases: { from: MessageStatus; to: MessageStatus; allowed: boolean; why: string }[] = [
  { from: 'queued', to: 'sending', allowed: true, why: 'the dispatcher claims it' },
  { from: 'sending', to: 'sent', allowed: true, why: 'the carrier accepted it' },
  { from: 'sent', to: 'delivered', allowed: true, why: 'the receipt arrives' },
  { from: 'queued', to: 'delivered', allowed: true, why: 'a fast receipt may beat our own update' },
  {
    from: 'delivered',
    to: 'sent',
    allowed: false,
    why: 'Twilio callbacks are unordered (REFERENCE.md)',
  },
  {
    from: 'delivered',
    to: 'undelivered',
    allowed: false,
    why: 'a final status is never overwritten',
  },
  { from: 'failed', to: 'delivered', allowed: false, why: 'final stays final' },
  { from: 'blocked', to: 'sending', allowed: false, why: 'an opted-out number stays blocked' },
  {
    from: 'failed',
    to: 'fallback_email_sent',
    allowed: true,
    why: 'a failed text falls back to e-mail',
  },
  {
    from: 'delivered',
    to: 'fallback_email_sent',
    allowed: false,
    why: 'a delivered text needs no e-mail',
  },
  { from: 'sending', to: 'queued', allowed: false, why: 'only a retry puts it back' },
]

describe('canMoveTo', () => {
  for (const { from, to, allowed, why } of cases) {
    it(`${from} → ${to}: ${allowed ? 'allowed' : 'refused'} (${why})`, () =>
      assert.equal(canMoveTo(from, to), allowed))
  }

  it('lets a retry put a sending message back in the queue', () => {
    assert.equal(canMoveTo('sending', 'queued', { retry: true }), true)
    assert.equal(canMoveTo('delivered', 'queued', { retry: true }), false)
  })

  it('property: applying receipts in any order ends in the same final status as the first final one', () => {
    const status = fc.constantFrom(...MESSAGE_STATUSES.filter((s) => s !== 'fallback_email_sent'))
    fc.assert(
      fc.property(fc.array(status, { maxLength: 12 }), (receipts) => {
        let current: MessageStatus = 'queued'
        for (const next of receipts) if (canMoveTo(current, next)) current = next
        const firstFinal = receipts.find((s) => isFinalStatus(s))
        if (firstFinal) assert.equal(current, firstFinal)
        else assert.ok(!isFinalStatus(current))
      }),
      { numRuns: 2000 },
    )
  })
})
